import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { z } from 'zod';
import { handlers, HANDLER_NAMES, type ContractError, type HandlerName } from '../shared/contract';
import { CENTRE_SESSION_ROLES, type ConsoleRole, type Role } from '../shared/domain/operator';
import { createConsoleBackend } from './backend';
import { demoLoginInput } from './auth/test-support/demo-login';

/**
 * Hostile input for the console's IPC surface: every handler of the contract (what Electron's
 * ipcMain and the browser host's WebSocket both call) is sent hostile input through the real back
 * end (SQLite store in a temp folder): wrong types, missing fields, extra fields, huge strings,
 * prototype keys. Each must come back as a 'validation' error with per-field issues, and the
 * store must be byte-for-byte what it was (every row of every table hashed before and after).
 */
type Backend = Awaited<ReturnType<typeof createConsoleBackend>>;

/**
 * A valid input per handler, the base for "one field wrong / missing / extra" mutations; the
 * test checks each is valid, so a contract change shows up here first. None is ever sent. A
 * handler without a sample still gets every whole-input attack and a wrong value in each field
 * its schema names; add its sample here for the rest.
 */
const VALID_SAMPLES: Partial<Record<HandlerName, Record<string, unknown>>> = {
  'centre.login': { username: 'op1', password: 'a password here' },
  'centre.loginTotp': { code: '123456' },
  'centre.proposals.create': { type: 'netDebitCap.set', payload: { participantId: 'HKB', netDebitCap: '1.00' }, note: 'n' },
  'centre.proposals.approve': { id: 1, note: 'ok' },
  'centre.broadcasts.send': { urgency: 'info', title: 't', body: 'b' },
  'centre.alertRules.setEnabled': { id: 1, enabled: true },
  'centre.reports.camt053': { participantId: 'HKB', date: '2026-12-07' },
  'centre.payments.lookup': { id: 'HKB-20261207-0001' },
  'centre.payments.stop': { id: 'HKB-20261207-0001', reason: '协查' },
  'centre.operators.create': { username: 'zhao.jing', name: '赵静', role: 'centre-operator' },
  'centre.operators.lock': { username: 'zhao.jing' },
  'centre.operators.unlock': { username: 'zhao.jing' },
  'centre.operators.resetTotp': { username: 'zhao.jing' },
  'auth.login': { username: 'clerk1', password: 'secret' },
  'auth.logout': {},
  'session.current': {},
  'session.touch': {},
  'operators.list': {},
  'operators.unlock': { username: 'clerk1' },
  'participants.list': {},
  'payments.capture': {
    kind: 'hvps', priority: 2, to: 'ICBC', amount: '1.00', currency: 'CNY',
    debtor: { name: 'A', account: '4201234567890123' }, creditor: { name: 'B', account: '6222020200112233445' }, purpose: 'x',
  },
  'payments.verify': { id: 'P-1' },
  'payments.rejectDraft': { id: 'P-1', note: 'no' },
  'payments.verificationQueue': {},
  'payments.get': { id: 'P-1' },
  'payments.page': { startRow: 0, endRow: 10, sortModel: [], filterModel: {} },
  'payments.count': { filterModel: {} },
  'app.status': {},
  'notices.list': {},
  'notices.ack': { id: 'A-1' },
  'risk.alerts.page': { view: 'active' },
  'risk.alerts.get': { id: 'A-1' },
  'risk.alerts.decide': { id: 'A-1', decision: 'release', note: 'ok' },
  'risk.alerts.assign': { id: 'A-1', assignee: 'risk1' },
  'risk.desk.status': {},
  'risk.settings.set': { fourEyesAmount: '100.00', slaMinutes: 10 },
  'risk.cases.list': { includeClosed: true },
  'risk.cases.get': { id: 'C-1' },
  'risk.cases.open': { title: 't', alertIds: ['A-1'] },
  'risk.cases.addAlert': { caseId: 'C-1', alertId: 'A-1' },
  'risk.cases.note': { caseId: 'C-1', note: 'n' },
  'risk.cases.close': { caseId: 'C-1', note: 'n' },
  'risk.cases.attach': { caseId: 'C-1', fileName: 'a.txt', mediaType: 'text/plain', contentBase64: 'aGk=' },
  'risk.cases.attachment': { caseId: 'C-1', attachmentId: 1 },
  'sync.liquidity': {},
  'recon.sessions.list': { status: 'open' },
  'recon.sessions.open': { businessDate: '2026-11-26', account: '102521000011' },
  'recon.sessions.get': { sessionId: 'S-1' },
  'recon.sessions.import': { sessionId: 'S-1', source: 'file', side: 'statement', fileName: 'a.csv', content: 'id,date,amount\n' },
  'bulk.import': { fileName: 'a.csv', content: 'reference,amount\n' },
  'bulk.batches.get': { batchId: 'BULK-20261126-0001', afterLine: 0, limit: 10, onlyInvalid: false },
  'bulk.lines.fix': { batchId: 'BULK-20261126-0001', line: 1, fields: { amount: '1.00' }, acceptDuplicate: false },
  'bulk.lines.drop': { batchId: 'BULK-20261126-0001', line: 1, note: 'not to pay' },
  'bulk.batches.verify': { batchId: 'BULK-20261126-0001', count: 1, total: '1.00' },
  'bulk.batches.exportPain002': { batchId: 'BULK-20261126-0001' },
  'operators.limits.set': { username: 'clerk1', makerLimit: '1000.00', checkerLimit: null },
  'templates.list': { status: 'approved' },
  'templates.create': { name: 'n', kind: 'beps', priority: 2, to: 'ICBC', debtor: { name: 'a', account: '622202000001' }, creditor: { name: 'b', account: '622202000002' }, purpose: 'p', amount: null },
  'templates.approve': { id: 'TPL-0001' },
  'templates.retire': { id: 'TPL-0001', note: 'n' },
  'recon.sessions.autoMatch': { sessionId: 'S-1' },
  'recon.sessions.match': { sessionId: 'S-1', books: ['B-1'], statement: ['S-1'], reason: 'r' },
  'recon.sessions.unmatch': { sessionId: 'S-1', matchId: 1 },
  'recon.sessions.writeOff': { sessionId: 'S-1', side: 'books', lineId: 'B-1', reason: 'r' },
  'recon.sessions.approveWriteOff': { sessionId: 'S-1', writeOffId: 1, approve: true, note: 'n' },
  'recon.sessions.carryForward': { sessionId: 'S-1', side: 'books', lineIds: ['B-1'], note: 'n' },
  'recon.sessions.note': { sessionId: 'S-1', side: 'books', lineIds: ['B-1'], owner: 'me', note: 'n' },
  'recon.sessions.review': { sessionId: 'S-1', side: 'books', lineIds: ['B-1'] },
  'recon.sessions.close': { sessionId: 'S-1' },
};

const HUGE = 'x'.repeat(2_000_000);
/** Values a field must not accept when it expects something else. */
const WRONG_VALUES: unknown[] = [
  null, 0, -1, 1.5, Number.MAX_SAFE_INTEGER + 10, true, '', ' ', HUGE, '\u0000', [], [HUGE], {}, { nested: { deeper: true } },
  '-0', '1e3', 'NaN', '2026-02-30T', '__proto__', Array.from({ length: 2000 }, (_, i) => i),
];
/** Whole inputs no handler takes. */
const WRONG_INPUTS: unknown[] = [
  'hello', 42, true, [], [{}], HUGE, { '': 1 }, { extra: 1 }, { [HUGE]: 1 }, { __proto__: { polluted: true } },
  JSON.parse('{"__proto__":{"polluted":true}}'), JSON.parse('{"constructor":{"prototype":{"polluted":true}}}'),
  JSON.parse(`${'['.repeat(5000)}${']'.repeat(5000)}`),
];

/** The field names an input schema declares (objects, and each branch of a union). */
function fieldsOf(schema: z.ZodType): string[] {
  if (schema instanceof z.ZodObject) return Object.keys(schema.shape);
  if (schema instanceof z.ZodDiscriminatedUnion || schema instanceof z.ZodUnion) {
    return [...new Set((schema.options as z.ZodType[]).flatMap(fieldsOf))];
  }
  const inner = (schema as unknown as { def?: { innerType?: z.ZodType; in?: z.ZodType } }).def;
  if (inner?.innerType) return fieldsOf(inner.innerType);
  if (inner?.in) return fieldsOf(inner.in);
  return [];
}

function hostileInputsFor(name: HandlerName): unknown[] {
  const sample = VALID_SAMPLES[name] ?? Object.fromEntries(fieldsOf(handlers[name].input).map((field) => [field, 'x']));
  const out: unknown[] = [...WRONG_INPUTS, { ...sample, extraField: 'x' }, { ...sample, [HUGE.slice(0, 300)]: 1 }];
  for (const key of Object.keys(sample)) {
    const { [key]: _dropped, ...missing } = sample;
    out.push(missing);
    for (const value of WRONG_VALUES) out.push({ ...sample, [key]: value });
  }
  return out;
}

/** A fingerprint of everything the store holds: each table's rows in rowid order, hashed. */
function storeFingerprint(backend: Backend): Record<string, string> {
  const db = backend.services.db;
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[];
  const out: Record<string, string> = {};
  for (const { name } of tables) {
    const hash = createHash('sha256');
    let count = 0;
    for (const row of db.prepare(`SELECT * FROM "${name.replace(/"/g, '""')}"`).iterate()) {
      hash.update(JSON.stringify(row, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : Buffer.isBuffer(v) ? v.toString('base64') : v)));
      hash.update('\n');
      count += 1;
    }
    out[name] = `${count}:${hash.digest('hex').slice(0, 16)}`;
  }
  return out;
}

const OPERATOR_FOR_ROLE: Record<Role, string> = {
  clerk: 'clerk1', supervisor: 'super1', risk: 'risk1', recon: 'recon1', auditor: 'audit1', admin: 'admin',
};

function preview(value: unknown): string {
  try {
    return String(JSON.stringify(value)).slice(0, 200);
  } catch {
    return '(not printable: too deep)';
  }
}

function expectValidationError(name: string, input: unknown, result: { ok: boolean; error?: ContractError }): void {
  const issues = result.error?.issues ?? [];
  const clear =
    !result.ok &&
    result.error?.code === 'validation' &&
    (result.error?.message.length ?? 0) > 5 &&
    (result.error?.messageZh.length ?? 0) > 2 &&
    issues.length > 0 &&
    issues.length <= 50 &&
    // Each issue names its problem briefly: it echoes neither a huge value nor anything long.
    issues.every((issue) => issue.message.length > 0 && issue.message.length < 500 && issue.path.length < 500);
  if (!clear) throw new Error(`${name} <- ${preview(input)}: expected a clear validation error, got ${preview(result)}`);
}

describe('every console handler refuses hostile input and changes nothing', () => {
  let backend: Backend;
  let dataDir: string;
  const keyFor = new Map<ConsoleRole | 'public', string>();

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'hankou-hostile-'));
    const logs: string[] = [];
    backend = await createConsoleBackend({ dataDir, demo: { payments: 40 }, log: (line) => logs.push(line), idleTimeoutMs: 3_600_000 });
    keyFor.set('public', 'anonymous');
    for (const [role, username] of Object.entries(OPERATOR_FOR_ROLE) as [Role, string][]) {
      const key = `hostile-${role}`;
      const login = await backend.invoke(key, 'auth.login', demoLoginInput(logs, username));
      if (!login.ok) throw new Error(`login ${username}: ${JSON.stringify(login.error)}`);
      keyFor.set(role, key);
    }
    // Centre mode's sessions (docs/centre.md): started as centre.loginTotp does; the input is
    // refused before any handler would reach the house, so no house is needed here.
    for (const role of CENTRE_SESSION_ROLES) {
      backend.services.sessions.start(`hostile-${role}`, { username: `c-${role}`, displayName: role, roles: [role] });
      keyFor.set(role, `hostile-${role}`);
    }
  });
  afterAll(async () => {
    await backend?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const sessionFor = (name: HandlerName): string => {
    const roles = handlers[name].roles;
    return keyFor.get(roles === 'public' ? 'public' : (roles[0] as ConsoleRole)) as string;
  };

  it('the samples the mutations start from are valid', () => {
    for (const name of HANDLER_NAMES) {
      if (VALID_SAMPLES[name] === undefined) continue;
      const parsed = handlers[name].input.safeParse(VALID_SAMPLES[name]);
      expect(parsed.success, `${name}: ${parsed.success ? '' : z.prettifyError(parsed.error)}`).toBe(true);
    }
  });

  for (const name of HANDLER_NAMES) {
    it(`${name}: wrong types, missing and extra fields, huge strings, prototype keys -> 'validation', store unchanged`, async () => {
      const before = storeFingerprint(backend);
      const spec = handlers[name];
      let sent = 0;
      for (const input of hostileInputsFor(name)) {
        // Only what the contract refuses: an input it accepts would be a real request.
        if (spec.input.safeParse(input ?? {}).success) continue;
        expectValidationError(name, input, await backend.invoke(sessionFor(name), name, input));
        sent += 1;
      }
      expect(sent).toBeGreaterThanOrEqual(WRONG_INPUTS.length);
      expect(storeFingerprint(backend)).toEqual(before);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });
  }

  it('random JSON to random handlers (and names that are not handlers): validation or unknown_handler, never internal', async () => {
    const before = storeFingerprint(backend);
    const name = fc.oneof(fc.constantFrom(...HANDLER_NAMES), fc.constantFrom('no.such', '', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'x'.repeat(500)));
    await fc.assert(
      fc.asyncProperty(name, fc.jsonValue({ maxDepth: 3 }), async (handler, input) => {
        const isHandler = Object.prototype.hasOwnProperty.call(handlers, handler);
        if (isHandler && handlers[handler as HandlerName].input.safeParse(input ?? {}).success) return;
        const result = await backend.invoke(isHandler ? sessionFor(handler as HandlerName) : keyFor.get('admin') as string, handler, input);
        if (isHandler) expectValidationError(handler, input, result);
        else expect(!result.ok && result.error.code).toBe('unknown_handler');
      }),
      { numRuns: 400 },
    );
    expect(storeFingerprint(backend)).toEqual(before);
  });

  it('hostile input without a session is answered auth.required before it is even read', async () => {
    const before = storeFingerprint(backend);
    for (const name of HANDLER_NAMES) {
      if (handlers[name].roles === 'public') continue;
      const result = await backend.invoke('nobody', name, HUGE);
      expect(!result.ok && result.error.code, name).toBe('auth.required');
    }
    expect(storeFingerprint(backend)).toEqual(before);
  });
});
