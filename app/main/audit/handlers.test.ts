import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createConsoleBackend, STORE_FILE } from '../backend';
import type { ContractError, HandlerName, HandlerOutput, InvokeResult } from '../../shared/contract';
import { checkAuditExport, parseAuditExport } from './audit-export-file';
import { demoLoginInput } from '../auth/test-support/demo-login';

type Backend = Awaited<ReturnType<typeof createConsoleBackend>>;

/**
 * The auditor's handlers through the real back end (sessions, role checks, zod, the store on
 * disk): who may read the trail, paging and filters, every read leaving a trace, and a chain
 * tampered with behind the console's back reported at the right entry.
 */
describe('audit handlers', () => {
  let backend: Backend;
  let dataDir: string;
  const nowMs = Date.parse('2026-11-26T02:00:00.000Z');

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'hankou-audit-'));
    const logs: string[] = [];
    backend = await createConsoleBackend({ dataDir, demo: { payments: 20 }, now: () => new Date(nowMs), log: (l) => logs.push(l) });
    for (const user of ['clerk1', 'super1', 'risk1', 'recon1', 'audit1', 'admin']) {
      const result = await backend.invoke(user, 'auth.login', demoLoginInput(logs, user, nowMs));
      expect(result.ok, user).toBe(true);
    }
  });
  afterAll(async () => backend.close());

  const codeOf = (result: { ok: boolean; error?: ContractError }) => (result.ok ? 'ok' : result.error?.code);
  const head = () => backend.services.db.prepare('SELECT max(seq) FROM audit_log').pluck().get() as number;
  async function call<N extends HandlerName>(user: string, name: N, input: Record<string, unknown>): Promise<InvokeResult<N>> {
    return (await backend.invoke(user, name, input)) as InvokeResult<N>;
  }
  async function page(user: string, input: Record<string, unknown> = {}): Promise<HandlerOutput<'audit.page'>> {
    const result = await backend.invoke(user, 'audit.page', input);
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    return result.value as HandlerOutput<'audit.page'>;
  }

  it('refuses every other role with a clear permission error, and the refusal reads nothing and records nothing', async () => {
    const before = head();
    for (const user of ['clerk1', 'super1', 'risk1', 'recon1']) {
      for (const [name, input] of [['audit.page', {}], ['audit.verify', {}], ['audit.export', { format: 'csv' }]] as const) {
        const result = await backend.invoke(user, name, input);
        expect(codeOf(result), `${user} ${name}`).toBe('auth.forbidden');
        if (!result.ok) expect(result.error.messageZh).toBe('您的岗位无权执行此操作。');
      }
    }
    expect(codeOf(await backend.invoke('nobody', 'audit.page', {}))).toBe('auth.required');
    expect(head()).toBe(before);
    expect(codeOf(await backend.invoke('audit1', 'audit.page', {}))).toBe('ok');
    expect(codeOf(await backend.invoke('admin', 'audit.verify', {}))).toBe('ok');
  });

  it('refuses bad input with a validation error and changes nothing', async () => {
    const before = head();
    for (const input of [{ limit: 501 }, { limit: 0 }, { beforeSeq: -1 }, { filter: { from: '2026-11-27', to: '2026-11-26' } }, { filter: { actor: 'x'.repeat(65) } }, { extra: 1 }]) {
      expect(codeOf(await backend.invoke('audit1', 'audit.page', input)), JSON.stringify(input)).toBe('validation');
    }
    expect(codeOf(await backend.invoke('audit1', 'audit.export', { format: 'xlsx' }))).toBe('validation');
    expect(codeOf(await backend.invoke('audit1', 'audit.export', { format: 'csv', cursor: 5 }))).toBe('validation');
    expect(head()).toBe(before);
  });

  it('pages newest first by keyset; the view is recorded once, with its filter, as the newest entry', async () => {
    const first = await page('audit1', { limit: 4 });
    const top = first.entries[0];
    expect(top).toMatchObject({ actor: 'audit1', action: 'audit.viewed', subject: 'audit_log console', details: 'filter={}', seq: head() });
    expect(first.total).toBe(head());
    const seqs = [...first.entries.map((e) => e.seq)];
    let cursor = first.nextBeforeSeq;
    const headBefore = head();
    while (cursor !== null) {
      const next = await page('audit1', { limit: 50, beforeSeq: cursor });
      expect(next.total).toBeNull();
      seqs.push(...next.entries.map((e) => e.seq));
      cursor = next.nextBeforeSeq;
    }
    // Following pages are the same view: no new records; every entry seen once, in order.
    expect(head()).toBe(headBefore);
    expect(seqs).toEqual(Array.from({ length: headBefore }, (_, i) => headBefore - i));
  });

  it('filters by actor, action family and date', async () => {
    const byClerk = await page('audit1', { filter: { actor: 'clerk1' } });
    expect(byClerk.entries.length).toBeGreaterThan(0);
    expect(byClerk.entries.every((e) => e.actor === 'clerk1')).toBe(true);
    const logins = await page('audit1', { filter: { action: 'auth' } });
    expect(new Set(logins.entries.map((e) => e.action))).toEqual(new Set(['auth.login']));
    expect(logins.total).toBe(6);
    // 02:00Z is 10:00 on 2026-11-26 in Wuhan.
    expect((await page('audit1', { filter: { action: 'auth', from: '2026-11-26', to: '2026-11-26' } })).total).toBe(6);
    expect((await page('audit1', { filter: { action: 'auth', from: '2026-11-27' } })).total).toBe(0);
    const views = await page('admin', { filter: { action: 'audit.viewed', actor: 'audit1' } });
    expect(views.entries[0]?.details).toBe('filter={"action":"auth","from":"2026-11-27"}');
  });

  it('exports the trail with a manifest matching the verification, and records the export', async () => {
    const verified = await call('audit1', 'audit.verify', {});
    if (!verified.ok || !verified.value.ok) throw new Error('the demo chain should verify');
    const check = verified.value;
    const chunk = await call('audit1', 'audit.export', { format: 'jsonl' });
    if (!chunk.ok) throw new Error(JSON.stringify(chunk.error));
    expect(chunk.value.nextCursor).toBeNull();
    const parsed = parseAuditExport(chunk.value.text);
    // The file holds the chain up to and including the record of the check made just before.
    expect(parsed.manifest).toMatchObject({ count: check.count + 1, complete: true, exportedBy: 'audit1', verification: { ok: true } });
    expect(parsed.entries.find((e) => e.seq === check.headSeq)?.hash).toBe(check.headHash);
    expect(checkAuditExport(parsed)).toMatchObject({ ok: true, count: parsed.manifest.count, headHash: parsed.manifest.headHash });
    const newest = (await page('audit1', { limit: 3 })).entries.map((e) => e.action);
    expect(newest).toEqual(['audit.viewed', 'audit.exported', 'audit.verified']);
  });

  it('reports an entry tampered with through SQL behind the console’s back: which one and why', async () => {
    const file = new Database(join(dataDir, STORE_FILE));
    try {
      file.exec('DROP TRIGGER audit_log_no_update');
      file.prepare(`UPDATE audit_log SET actor = 'mallory' WHERE seq = 3`).run();
    } finally {
      file.close();
    }
    const result = await call('audit1', 'audit.verify', {});
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    expect(result.value).toMatchObject({ ok: false, count: 2, brokenSeq: 3, problem: { code: 'hash_mismatch' }, entry: { seq: 3, actor: 'mallory' } });
    // The failed check is itself on the record.
    const record = (await page('audit1', { limit: 2 })).entries[1];
    expect(record).toMatchObject({ action: 'audit.verified', actor: 'audit1' });
    expect(record?.details).toContain('chainOk=false');
    expect(record?.details).toContain('brokenSeq=3');
  });
});
