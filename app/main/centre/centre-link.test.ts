import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PASSWORD, TEST_SEED, TOKENS, call, logIn, startHouse, testClock, totpCode, type RunningHouse } from '../../../test-support/centre-house';
import { createConsoleBackend, type BackendEvent } from '../backend';
import { parseCredentialLines } from '../demo/demo-operators';
import { nextTotpCode } from '../auth/test-support/demo-login';
import { createCentreExtension } from './centre-extension';
import type { ContractError } from '../../shared/contract';

type Backend = Awaited<ReturnType<typeof createConsoleBackend>>;

/**
 * The console in centre mode against a real house: sign-in with password and TOTP (enrolment
 * at the first), the centre role reaching only centre handlers, maker-checker of a net debit
 * cap through the console, the house's refusals in both languages, broadcasts, alert rules,
 * reports, and the house session ending with the console's.
 */
describe('the console in centre mode', () => {
  const clock = testClock('2026-12-07T02:00:00.000Z');
  let house: RunningHouse;
  let backend: Backend;
  let dataDir: string;
  let supSession = '';
  const secrets = new Map<string, string>();
  const events: BackendEvent[] = [];
  const logs: string[] = [];

  const invoke = async (key: string, name: string, input: unknown) => backend.invoke(key, name, input);
  const ok = async <T>(key: string, name: string, input: unknown = {}): Promise<T> => {
    const result = await invoke(key, name, input);
    if (!result.ok) throw new Error(`${name}: ${JSON.stringify(result.error)}`);
    return result.value as T;
  };
  const refused = async (key: string, name: string, input: unknown = {}): Promise<ContractError> => {
    const result = await invoke(key, name, input);
    if (result.ok) throw new Error(`${name} went through: ${JSON.stringify(result.value)}`);
    return result.error;
  };
  /** Signs in through the console: password, then the code from the enrolled (or just shown) secret. */
  const signIn = async (key: string, username: string) => {
    clock.advance(30_000);
    const challenge = await ok<{ enrolment?: { secret: string } }>(key, 'centre.login', { username, password: PASSWORD });
    if (challenge.enrolment) secrets.set(username, challenge.enrolment.secret);
    return ok<{ operator: { roles: string[] }; businessDate: string }>(key, 'centre.loginTotp', { code: totpCode(secrets.get(username)!, clock.nowMs()) });
  };

  beforeAll(async () => {
    house = await startHouse({ seed: TEST_SEED, logLevel: 'silent', offsetIntervalMs: 0, cycleIntervalMs: 0, businessDate: '2026-12-07', centre: { nowMs: clock.nowMs, timers: false } });
    const boot = await call(`${house.url}/v1/centre/bootstrap`, house.adminToken, 'POST', { username: 'sup', name: '王主管', password: PASSWORD });
    expect(boot.status).toBe(201);
    supSession = await logIn(house, clock, secrets, 'sup');
    for (const [username, role] of [['op', 'centre-operator'], ['sup2', 'centre-supervisor'], ['aud', 'centre-auditor']] as const) {
      expect((await call(`${house.url}/v1/centre/operators`, supSession, 'POST', { username, name: `${username} 姓名`, role, password: PASSWORD })).status).toBe(201);
    }
    dataDir = mkdtempSync(join(tmpdir(), 'centre-a-console-'));
    backend = await createConsoleBackend({ dataDir, log: (line) => logs.push(line), extensions: [createCentreExtension({ houseUrl: `${house.url}/` })] });
    backend.subscribe((event) => events.push(event));
  }, 120_000);
  afterAll(async () => {
    await backend?.close();
    await house?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('says it runs in centre mode and at which house', async () => {
    expect(await ok(`k0`, 'centre.mode')).toEqual({ enabled: true, houseUrl: house.url });
  });

  it('enrols at the first sign-in (QR code as SVG), refuses a wrong code and a step 2 without step 1', async () => {
    expect((await refused('k-none', 'centre.loginTotp', { code: '123456' })).code).toBe('centre.no_challenge');
    const wrong = await refused('k-op', 'centre.login', { username: 'op', password: 'not the password' });
    expect(wrong).toMatchObject({ code: 'centre.invalid_credentials', messageZh: '用户名、密码或动态口令不正确。' });
    clock.advance(30_000);
    const challenge = await ok<{ enrolment?: { secret: string; qrSvg: string; otpauthUri: string } }>('k-op', 'centre.login', { username: 'op', password: PASSWORD });
    expect(challenge.enrolment?.qrSvg).toContain('<svg');
    expect(challenge.enrolment?.otpauthUri).toMatch(/^otpauth:\/\/totp\//);
    expect(JSON.stringify(challenge)).not.toContain('challenge"');
    const secret = challenge.enrolment!.secret;
    secrets.set('op', secret);
    const badCode = totpCode(secret, clock.nowMs() + 10 * 60_000);
    expect((await refused('k-op', 'centre.loginTotp', { code: badCode })).code).toBe('centre.invalid_credentials');
    // Not signed in yet: nothing but the public handlers.
    expect((await refused('k-op', 'centre.dashboard')).code).toBe('auth.required');
    const session = await ok<{ operator: { username: string; roles: string[] }; businessDate: string }>('k-op', 'centre.loginTotp', { code: totpCode(secret, clock.nowMs()) });
    expect(session.operator).toEqual({ username: 'op', displayName: 'op 姓名', roles: ['centre-operator'] });
    expect(session.businessDate).toBe('2026-12-07');
  });

  it('gives the centre role the centre handlers only, and a bank operator none of them', async () => {
    for (const name of ['payments.page', 'app.status', 'notices.list', 'participants.list', 'liquidity.state', 'audit.page']) {
      expect((await refused('k-op', name, {})).code, name).toBe('auth.forbidden');
    }
    expect(await ok('k-op', 'session.touch')).toEqual({});
    // The bank's administrator: enrols its one-time code at the first sign-in, then signs in with it.
    const admin = parseCredentialLines(logs).get('admin') ?? '';
    const enrolment = (await ok('k-bank', 'auth.totpEnrolment', { username: 'admin', password: admin })) as { secret: string };
    await ok('k-bank', 'auth.login', { username: 'admin', password: admin, code: nextTotpCode(enrolment.secret, Date.now()) });
    for (const name of ['centre.dashboard', 'centre.proposals.list', 'centre.broadcasts.send', 'centre.proposals.approve']) {
      expect((await refused('k-bank', name, { id: 1 })).code, name).toBe('auth.forbidden');
    }
  });

  it('carries maker-checker: the operator proposes a cap, the proposer cannot decide, another supervisor approves', async () => {
    const bad = await refused('k-op', 'centre.proposals.create', { type: 'netDebitCap.set', payload: { participantId: 'C', netDebitCap: '-5' } });
    expect(bad.code).toBe('validation');
    expect(bad.issues?.[0]?.path).toMatch(/^payload\.netDebitCap/);
    const { proposal } = await ok<{ proposal: { id: number; status: string; proposer: string } }>('k-op', 'centre.proposals.create', {
      type: 'netDebitCap.set',
      payload: { participantId: 'C', netDebitCap: '80.00' },
      note: '提高 C 行限额',
    });
    expect(proposal).toMatchObject({ status: 'pending', proposer: 'op' });
    // An operator may not decide at all: the console refuses before the house is asked.
    expect((await refused('k-op', 'centre.proposals.approve', { id: proposal.id })).code).toBe('auth.forbidden');

    expect((await signIn('k-sup', 'sup')).operator.roles).toEqual(['centre-supervisor']);
    const own = await ok<{ proposal: { id: number } }>('k-sup', 'centre.proposals.create', { type: 'cycle.close', payload: {} });
    const same = await refused('k-sup', 'centre.proposals.approve', { id: own.proposal.id });
    expect(same).toMatchObject({ code: 'centre.same_person', messageZh: '提出人不能复核自己的提议，须另一名主管复核。' });

    const approved = await ok<{ proposal: { status: string; decidedBy: string } }>('k-sup', 'centre.proposals.approve', { id: proposal.id, note: '同意' });
    expect(approved.proposal).toMatchObject({ status: 'approved', decidedBy: 'sup' });
    expect((await refused('k-sup', 'centre.proposals.approve', { id: proposal.id })).code).toBe('centre.decided');
    const account = (await call(`${house.url}/v1/accounts/me`, TOKENS.C, 'GET')).json as { netDebitCap: string };
    expect(account.netDebitCap).toBe('80.00');
    const pending = await ok<{ proposals: Array<{ id: number }> }>('k-op', 'centre.proposals.list', { status: 'pending' });
    expect(pending.proposals.map((p) => p.id)).toEqual([own.proposal.id]);
    // Rejecting is deciding too: another supervisor's.
    expect((await refused('k-sup', 'centre.proposals.reject', { id: own.proposal.id })).code).toBe('centre.same_person');
    await signIn('k-sup2', 'sup2');
    expect((await ok<{ proposal: { status: string } }>('k-sup2', 'centre.proposals.reject', { id: own.proposal.id, note: '不需要' })).proposal.status).toBe('rejected');
  });

  it('sends a broadcast, keeps alert rules, reads the dashboard and the reports', async () => {
    const sent = await ok<{ broadcast: { id: number; sender: string } }>('k-op', 'centre.broadcasts.send', { urgency: 'urgent', title: '系统维护', body: '今晚 22:00 起维护。' });
    expect(sent.broadcast.sender).toBe('op 姓名');
    expect((await refused('k-op', 'centre.broadcasts.send', { participantId: 'ZZ', urgency: 'info', title: 'x', body: 'y' })).code).toBe('centre.not_found');
    const history = await ok<{ broadcasts: Array<{ title: string }> }>('k-op', 'centre.broadcasts.list', {});
    expect(history.broadcasts.map((b) => b.title)).toEqual(['系统维护']);

    const { rule } = await ok<{ rule: { id: number; enabled: boolean } }>('k-op', 'centre.alertRules.create', { kind: 'queue_age', minutes: 5 });
    expect((await ok<{ rule: { enabled: boolean } }>('k-op', 'centre.alertRules.setEnabled', { id: rule.id, enabled: false })).rule.enabled).toBe(false);
    expect((await ok<{ rules: unknown[] }>('k-op', 'centre.alertRules.list')).rules).toHaveLength(1);
    await ok('k-op', 'centre.alertRules.delete', { id: rule.id });
    expect((await ok<{ rules: unknown[] }>('k-op', 'centre.alertRules.list')).rules).toHaveLength(0);

    const dashboard = await ok<{ liquidity: Array<{ participantId: string; netDebitCap: string }>; paymentsPerMinute: unknown[] }>('k-op', 'centre.dashboard');
    expect(dashboard.paymentsPerMinute).toHaveLength(60);
    expect(dashboard.liquidity.find((l) => l.participantId === 'C')?.netDebitCap).toBe('80.00');
    expect((await ok<{ participants: unknown[] }>('k-op', 'centre.directory')).participants).toHaveLength(3);

    const csv = await ok<{ fileName: string; content: string; mimeType: string }>('k-op', 'centre.reports.settlementCsv', {});
    expect(csv.fileName).toBe('settlement-2026-12-07.csv');
    expect(csv.content.split('\n')[0]).toContain('business_date');
    const camt = await ok<{ content: string; mimeType: string }>('k-op', 'centre.reports.camt053', { participantId: 'A' });
    expect(camt.mimeType).toBe('application/xml');
    expect(camt.content).toContain('camt.053');
    expect((await refused('k-op', 'centre.reports.camt053', { participantId: 'ZZ' })).code).toBe('centre.not_found');
  });

  it('manages the centre’s operators: a supervisor creates one with a one-time password, locks, unlocks and resets the TOTP; an operator only reads', async () => {
    await signIn('k-sup-ops', 'sup');
    type Op = { username: string; role: string; active: boolean; enrolled: boolean; lockedUntil: string | null };
    const list = await ok<{ operators: Op[] }>('k-sup-ops', 'centre.operators.list');
    expect(list.operators.map((o) => o.username)).toEqual(expect.arrayContaining(['sup', 'op', 'sup2', 'aud']));
    const created = await ok<{ operator: Op; oneTimePassword: string }>('k-sup-ops', 'centre.operators.create', { username: 'zhao.jing', name: '赵静', role: 'centre-operator' });
    expect(created.operator).toMatchObject({ username: 'zhao.jing', role: 'centre-operator', active: true, enrolled: false });
    expect(created.oneTimePassword).toMatch(/^[a-zA-Z0-9]{16}$/);
    // The one-time password opens the first sign-in at the house, which asks for a TOTP enrolment.
    const first = await call(`${house.url}/v1/centre/login`, undefined, 'POST', { username: 'zhao.jing', password: created.oneTimePassword });
    expect(first.status).toBe(200);
    expect((first.json as { enrolment?: unknown }).enrolment).toBeDefined();
    expect((await refused('k-sup-ops', 'centre.operators.create', { username: 'zhao.jing', name: '赵静', role: 'centre-operator' })).code).toBe('centre.exists');

    const locked = await ok<{ operator: Op }>('k-sup-ops', 'centre.operators.lock', { username: 'zhao.jing' });
    expect(locked.operator.active).toBe(false);
    expect((await call(`${house.url}/v1/centre/login`, undefined, 'POST', { username: 'zhao.jing', password: created.oneTimePassword })).status).not.toBe(200);
    const unlocked = await ok<{ operator: Op }>('k-sup-ops', 'centre.operators.unlock', { username: 'zhao.jing' });
    expect(unlocked.operator).toMatchObject({ active: true, lockedUntil: null });
    const reset = await ok<{ operator: Op }>('k-sup-ops', 'centre.operators.resetTotp', { username: 'op' });
    expect(reset.operator.enrolled).toBe(false);
    const self = await refused('k-sup-ops', 'centre.operators.lock', { username: 'sup' });
    expect(self).toMatchObject({ code: 'centre.self', messageZh: '主管不能停用自己的账户。' });
    expect((await refused('k-sup-ops', 'centre.operators.lock', { username: 'nobody' })).code).toBe('centre.not_found');

    // The reset ended op's sessions at the house; op enrols anew and then reads, but changes nothing.
    secrets.delete('op');
    await signIn('k-op2', 'op');
    expect((await ok<{ operators: Op[] }>('k-op2', 'centre.operators.list')).operators.length).toBeGreaterThanOrEqual(5);
    for (const name of ['centre.operators.create', 'centre.operators.lock', 'centre.operators.unlock', 'centre.operators.resetTotp']) {
      expect((await refused('k-op2', name, { username: 'aud', name: 'x', role: 'centre-operator' })).code, name).toBe('auth.forbidden');
    }
    // The console's log never holds the one-time password.
    expect(logs.join('\n')).not.toContain(created.oneTimePassword);
  });

  it('an auditor reads and changes nothing', async () => {
    await signIn('k-aud', 'aud');
    await ok('k-aud', 'centre.dashboard');
    await ok('k-aud', 'centre.proposals.list', {});
    for (const [name, input] of [
      ['centre.proposals.create', { type: 'cycle.close', payload: {} }],
      ['centre.broadcasts.send', { urgency: 'info', title: 'x', body: 'y' }],
      ['centre.alertRules.create', { kind: 'queue_age', minutes: 5 }],
    ] as const) {
      expect((await refused('k-aud', name, input)).code, name).toBe('auth.forbidden');
    }
  });

  it('ends the house session with the console session, and the console session when the house ends it', async () => {
    await ok('k-aud', 'auth.logout');
    expect((await refused('k-aud', 'centre.dashboard')).code).toBe('auth.required');
    // The house ends sessions idle for 15 minutes: the console's next request learns it and ends its own.
    clock.advance(16 * 60_000);
    const expired = await refused('k-op', 'centre.dashboard');
    expect(expired.code).toBe('auth.required');
    expect(events).toContainEqual({ name: 'session.ended', payload: { reason: 'idle' }, sessionKey: 'k-op' });
    expect((await refused('k-op', 'centre.proposals.list', {})).code).toBe('auth.required');
  });
});
