import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { createConsoleBackend } from '../backend';
import { contractValue as value, openDemoConsole } from './test-support/demo-console';
import { createSyncExtension } from '../sync/sync-extension';
import { outboxAfter } from '../sync/outbox';

type Backend = Awaited<ReturnType<typeof createConsoleBackend>>;

/**
 * The whole console as assembled by createConsoleBackend, with the sync link installed (its
 * house unreachable, so the outbox keeps what it is given): through the contract, a held
 * payment never reaches the outbox, a released one does exactly once, a rejected one never.
 */
describe('risk and the outbox in the assembled console', () => {
  let backend: Backend;
  let account = 0;
  let close: () => Promise<void>;

  beforeAll(async () => {
    const offline = (async () => {
      throw new TypeError('fetch failed: the house is unreachable in this test');
    }) as typeof fetch;
    ({ backend, close } = await openDemoConsole({
      dirPrefix: 'hankou-risk-sync-',
      users: ['clerk1', 'super1', 'risk1', 'risk2'],
      payments: 20,
      nowMs: Date.parse('2026-11-26T02:00:00.000Z'),
      watchList: true,
      extensions: [createSyncExtension({ houseUrl: 'http://127.0.0.1:9', token: 't', fetch: offline, idleIntervalMs: 60_000 })],
    }));
  });
  afterAll(() => close());

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
    // A sanctions hit: the release waits for a second officer at any amount (issue 16).
    expect((await decide('risk2', p.id, 'release', 'customer’s own trading partner, not the bank')).status).toBe('held');
    expect(outboxIds()).toEqual([...before, clean.id]);
    expect((await decide('risk1', p.id, 'confirm', 'agree: trading partner')).status).toBe('queued_offline');
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
