import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConsoleBackend } from '../backend';
import { parseCredentialLines } from '../demo/demo-operators';
import { createSyncExtension } from '../sync/sync-extension';
import { outboxAfter } from '../sync/outbox';
import type { ContractError } from '../../shared/contract';

type Backend = Awaited<ReturnType<typeof createConsoleBackend>>;

/**
 * The whole console as assembled by createConsoleBackend, with the sync link installed (its
 * house unreachable, so the outbox keeps what it is given): through the contract, a held
 * payment never reaches the outbox, a released one does exactly once, a rejected one never.
 */
describe('risk and the outbox in the assembled console', () => {
  let backend: Backend;
  let account = 0;
  const savedEnv = process.env.HANKOU_SANCTIONS_DIR;

  beforeAll(async () => {
    const listDir = mkdtempSync(join(tmpdir(), 'hankou-lists-'));
    writeFileSync(join(listDir, 'local-watch.json'), JSON.stringify({ title: 'test', entries: [{ id: 'L-306', name: 'BANCO NACIONAL DE CUBA', type: 'entity' }] }));
    process.env.HANKOU_SANCTIONS_DIR = listDir;
    const dataDir = mkdtempSync(join(tmpdir(), 'hankou-risk-sync-'));
    const offline = (async () => {
      throw new TypeError('fetch failed: the house is unreachable in this test');
    }) as typeof fetch;
    const logs: string[] = [];
    backend = await createConsoleBackend({
      dataDir,
      demo: { payments: 20 },
      now: () => new Date('2026-11-26T02:00:00.000Z'),
      log: (l) => logs.push(l),
      extensions: [createSyncExtension({ houseUrl: 'http://127.0.0.1:9', token: 't', fetch: offline, idleIntervalMs: 60_000 })],
    });
    const passwords = parseCredentialLines(logs);
    for (const user of ['clerk1', 'super1', 'risk1', 'risk2']) {
      expect((await backend.invoke(user, 'auth.login', { username: user, password: passwords.get(user) })).ok).toBe(true);
    }
  });
  afterAll(async () => {
    await backend.close();
    if (savedEnv === undefined) delete process.env.HANKOU_SANCTIONS_DIR;
    else process.env.HANKOU_SANCTIONS_DIR = savedEnv;
  });

  const value = <T>(result: { ok: true; value: unknown } | { ok: false; error: ContractError }): T => {
    if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
    return result.value as T;
  };
  const outboxIds = () => outboxAfter(backend.services.db, 0, 1000).map((r) => r.mutation_id);

  async function pay(creditor: string, amount: string): Promise<{ id: string; status: string }> {
    const { payment } = value<{ payment: { id: string } }>(
      await backend.invoke('clerk1', 'payments.capture', {
        kind: 'hvps', priority: 2, to: 'ICBC', amount, currency: 'CNY',
        debtor: { name: '武汉光谷科技有限公司', account: `42019999${String(++account).padStart(8, '0')}` },
        creditor: { name: creditor, account: '6222020200112233445' }, purpose: '货款',
      }),
    );
    return value<{ payment: { id: string; status: string } }>(await backend.invoke('super1', 'payments.verify', { id: payment.id })).payment;
  }
  const decide = async (user: string, paymentId: string, decision: string, note: string) =>
    value<{ payment: { status: string; reason: string | null } }>(await backend.invoke(user, 'risk.alerts.decide', { id: `RA-${paymentId}`, decision, note })).payment;

  it('sends a clean payment to the outbox at once', async () => {
    const p = await pay('张伟', '1200.00');
    expect(p.status).toBe('queued_offline');
    expect(outboxIds()).toEqual([p.id]);
  });

  it('holds a listed payee out of the outbox until released, then enqueues it once', async () => {
    const before = outboxIds();
    const p = await pay('Banco Nacional de Cuba', '8000.00');
    expect(p.status).toBe('held');
    expect(outboxIds()).toEqual(before);
    // The blotter's status filter finds it as held, the page row says so.
    const heldPage = value<{ rows: { id: string; status: string }[] }>(await backend.invoke('clerk1', 'payments.page', {
      startRow: 0, endRow: 100, filterModel: { status: { filterType: 'set', values: ['held'] } },
    }));
    expect(heldPage.rows).toEqual([expect.objectContaining({ id: p.id, status: 'held' })]);
    // A later verification runs the outbox hook (and nudges the push): still nothing of the held one.
    const clean = await pay('张伟', '1300.00');
    expect(outboxIds()).toEqual([...before, clean.id]);
    await decide('risk1', p.id, 'escalate', 'listed name');
    expect(outboxIds()).toEqual([...before, clean.id]);
    expect(value<{ payment: { status: string } }>(await backend.invoke('clerk1', 'payments.get', { id: p.id })).payment.status).toBe('held');
    expect((await decide('risk2', p.id, 'release', 'customer’s own trading partner, not the bank')).status).toBe('queued_offline');
    expect(outboxIds()).toEqual([...before, clean.id, p.id]);
    expect((await backend.invoke('risk1', 'risk.alerts.decide', { id: `RA-${p.id}`, decision: 'release', note: 'again' })).ok).toBe(false);
    expect(outboxIds()).toEqual([...before, clean.id, p.id]);
  });

  it('never enqueues a payment an officer rejected', async () => {
    const before = outboxIds();
    const p = await pay('Banco Nacional de Cuba', '9000.00');
    expect(p.status).toBe('held');
    expect(await decide('risk1', p.id, 'reject', 'listed bank')).toMatchObject({ status: 'rejected', reason: 'SANCTIONS' });
    expect(outboxIds()).toEqual(before);
  });
});
