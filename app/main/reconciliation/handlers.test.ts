import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConsoleBackend } from '../backend';
import type { ContractError } from '../../shared/contract';
import { demoLoginInput } from '../auth/test-support/demo-login';

type Backend = Awaited<ReturnType<typeof createConsoleBackend>>;

/** The workspace through the contract, as the renderer calls it: roles, limits, clear errors. */
describe('reconciliation handlers', () => {
  let backend: Backend;
  let date = '';

  beforeAll(async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hankou-recon-'));
    const logs: string[] = [];
    backend = await createConsoleBackend({ dataDir, demo: { payments: 400 }, now: () => new Date('2026-11-26T02:00:00.000Z'), log: (l) => logs.push(l) });
    for (const user of ['recon1', 'super1', 'audit1', 'clerk1']) {
      expect((await backend.invoke(user, 'auth.login', demoLoginInput(logs, user, Date.parse('2026-11-26T02:00:00.000Z')))).ok).toBe(true);
    }
    date = backend.services.db
      .prepare("SELECT business_date FROM payments WHERE status = 'settled' GROUP BY business_date ORDER BY count(*) DESC LIMIT 1")
      .pluck()
      .get() as string;
  });
  afterAll(async () => {
    await backend.close();
  });

  const errorCode = (result: { ok: boolean; error?: ContractError }) => (result.ok ? 'ok' : result.error!.code);

  it('lets recon clerks work, supervisors and auditors read, and nobody else in', async () => {
    const opened = await backend.invoke('recon1', 'recon.sessions.open', { businessDate: date });
    expect(opened.ok).toBe(true);
    const sessionId = opened.ok ? (opened.value as { session: { id: string } }).session.id : '';
    expect(errorCode(await backend.invoke('audit1', 'recon.sessions.get', { sessionId }))).toBe('ok');
    expect(errorCode(await backend.invoke('super1', 'recon.sessions.list', {}))).toBe('ok');
    expect(errorCode(await backend.invoke('audit1', 'recon.sessions.autoMatch', { sessionId }))).toBe('auth.forbidden');
    expect(errorCode(await backend.invoke('clerk1', 'recon.sessions.get', { sessionId }))).toBe('auth.forbidden');
    expect(errorCode(await backend.invoke('recon1', 'recon.sessions.approveWriteOff', { sessionId, writeOffId: 1, approve: true }))).toBe('auth.forbidden');
  });

  it('answers a bad file with a clear, bilingual error and an oversized one at the door', async () => {
    const sessionId = `313521000011@${date}`;
    const bad = await backend.invoke('recon1', 'recon.sessions.import', { sessionId, source: 'file', side: 'statement', content: '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt>' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.error.code).toBe('recon.bad_file');
      expect(bad.error.messageZh).toMatch(/文件被拒绝/);
    }
    const huge = await backend.invoke('recon1', 'recon.sessions.import', { sessionId, source: 'file', side: 'statement', content: 'x'.repeat(900_001) });
    expect(errorCode(huge)).toBe('validation');
    const detail = await backend.invoke('recon1', 'recon.sessions.get', { sessionId });
    expect(detail.ok && (detail.value as { imports: unknown[] }).imports).toEqual([]);
  });
});
