import { describe, it, expect, afterAll, beforeAll } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHouse, type RunningHouse } from './house';
import { TEST_SEED, TOKENS, call, paymentPayload } from './test-support/fixtures';
import type { PushRequest, PushResponse } from '../shared/contract/sync-protocol';

type Mutation = PushRequest['mutations'][number];
const submit = (seq: number, payload: Record<string, unknown>): Mutation => ({ seq, id: String(payload.id), type: 'payment.submit', payload });
const cancel = (seq: number, id: string, reason = '客户撤回指令'): Mutation => ({ seq, id, type: 'payment.cancel', payload: { reason } });
const giveBack = (seq: number, id: string, reason = '出票人签章不符'): Mutation => ({ seq, id, type: 'payment.return', payload: { reason } });
const reprioritise = (seq: number, id: string, priority: unknown, reason = '客户要求加急'): Mutation => ({ seq, id, type: 'payment.reprioritise', payload: { priority, reason } });
const body = (deviceId: string, mutations: Mutation[]): PushRequest => ({ protocolVersion: 1, deviceId, mutations });

function bill(id: string, payingBank: string, amount: string): Record<string, unknown> {
  return { ...paymentPayload(id, payingBank, amount), kind: 'bill', presentedBy: { billNumber: '31000051201234', issueDate: '2026-02-20', drawer: '汉口商贸有限公司' } };
}

describe('house: payment.cancel, payment.return and payment.reprioritise from a console', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hankou-house-cancel-'));
  const options = { dataDir: dir, seed: TEST_SEED, logLevel: 'silent' as const, cycleIntervalMs: 0, offsetIntervalMs: 0, businessDate: '2026-03-02' };
  let house: RunningHouse;
  const push = async (token: string, request: PushRequest) => {
    const answer = await call(`${house.url}/v1/sync/push`, token, 'POST', request);
    expect(answer.status).toBe(200);
    return answer.json as PushResponse;
  };
  const balance = async (token: string) => ((await call(`${house.url}/v1/accounts/me`, token, 'GET')).json as { balance: string; available: string });
  const statuses = async (token: string) => {
    const feed = (await call(`${house.url}/v1/sync/pull?limit=1000`, token, 'GET')).json as { changes: Array<{ type: string; data: Record<string, unknown> }> };
    const seen = new Map<unknown, unknown>();
    for (const c of feed.changes) if (c.type === 'payment.status' || c.type === 'payment.inbound') seen.set(c.data.id, c.data.status);
    return seen;
  };

  beforeAll(async () => {
    house = await startHouse(options);
  }, 120_000);
  afterAll(async () => {
    await house?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('cancels a queued payment exactly once, even when the push is replayed, and the restart replays it', async () => {
    // C holds 100.00: 500.00 RTGS queues.
    const request = body('cx-c', [submit(1, paymentPayload('cx-1', 'A', '500.00')), cancel(2, 'cx-1')]);
    const first = await push(TOKENS.C, request);
    expect(first).toEqual({ lastSeq: 2, results: [{ seq: 1, id: 'cx-1', status: 'accepted' }, { seq: 2, id: 'cx-1', status: 'accepted' }] });
    const again = await push(TOKENS.C, request);
    expect(again).toEqual({
      lastSeq: 2,
      results: [
        { seq: 1, id: 'cx-1', status: 'duplicate', original: 'accepted' },
        { seq: 2, id: 'cx-1', status: 'duplicate', original: 'accepted' },
      ],
    });
    expect((await statuses(TOKENS.C)).get('cx-1')).toBe('cancelled');
    expect(await balance(TOKENS.C)).toMatchObject({ balance: '100.00', available: '100.00' });
    // A second cancel of the same payment (a new seq) is refused: it is no longer queued.
    const twice = await push(TOKENS.C, body('cx-c', [cancel(3, 'cx-1')]));
    expect(twice.results[0]).toMatchObject({ status: 'rejected', code: 'NOT_CANCELLABLE' });
    const audit = await house.store.query<{ action: string; detail: unknown }>("SELECT action, detail FROM audit_log WHERE entity_id = 'cx-1'");
    expect(audit.rows.map((r) => r.action)).toEqual(['payment.cancelled']);

    // The cancel is journaled: a restart replays it and the engine agrees with the store.
    await house.close();
    house = await startHouse(options);
    expect(await balance(TOKENS.C)).toMatchObject({ balance: '100.00' });
    const replay = await push(TOKENS.C, body('cx-c', [cancel(2, 'cx-1')]));
    expect(replay.results[0]).toEqual({ seq: 2, id: 'cx-1', status: 'duplicate', original: 'accepted' });
    const refusedReplay = await push(TOKENS.C, body('cx-c', [cancel(3, 'cx-1')]));
    expect(refusedReplay.results[0]).toMatchObject({ status: 'duplicate', original: 'rejected', code: 'NOT_CANCELLABLE' });
  }, 120_000);

  it('refuses a cancel by another participant and leaves the payment queued', async () => {
    await push(TOKENS.C, body('ot-c', [submit(1, paymentPayload('ot-1', 'B', '400.00'))]));
    const byA = await push(TOKENS.A, body('ot-a', [cancel(1, 'ot-1')]));
    expect(byA.results[0]).toMatchObject({ status: 'rejected', code: 'NOT_CANCELLABLE', message: 'only the sending bank may cancel a payment' });
    // Even the receiver (B) may not.
    const byB = await push(TOKENS.B, body('ot-b', [cancel(1, 'ot-1')]));
    expect(byB.results[0]).toMatchObject({ status: 'rejected', code: 'NOT_CANCELLABLE' });
    expect((await statuses(TOKENS.C)).get('ot-1')).toBe('queued');
  });

  it('refuses with a reason code: settled, unknown, a bill, a bad payload', async () => {
    const answer = await push(TOKENS.A, body('rf-a', [submit(1, paymentPayload('rf-1', 'B', '10.00')), cancel(2, 'rf-1'), cancel(3, 'no-such'), cancel(4, 'rf-1', '  ')]));
    expect(answer.results.map((r) => [r.status, r.code])).toEqual([
      ['accepted', undefined],
      ['rejected', 'NOT_CANCELLABLE'],
      ['rejected', 'NOT_FOUND'],
      ['rejected', 'INVALID_PAYLOAD'],
    ]);
    expect((await statuses(TOKENS.A)).get('rf-1')).toBe('settled');
    const extra = await push(TOKENS.A, body('rf-a', [{ seq: 5, id: 'rf-1', type: 'payment.cancel', payload: { reason: 'x', amount: '1.00' } }]));
    expect(extra.results[0]).toMatchObject({ status: 'rejected', code: 'INVALID_PAYLOAD' });
  });

  it('lets the paying bank return a presented bill, and no one else', async () => {
    // B presents a bill against A (A pays); it is netted into the open cycle.
    await push(TOKENS.B, body('bl-b', [submit(1, bill('bl-1', 'A', '5.00'))]));
    expect((await statuses(TOKENS.B)).get('bl-1')).toBe('netted');
    const byPresenter = await push(TOKENS.B, body('bl-b', [giveBack(2, 'bl-1'), cancel(3, 'bl-1')]));
    expect(byPresenter.results.map((r) => r.code)).toEqual(['NOT_RETURNABLE', 'NOT_CANCELLABLE']);
    const cancelByPayer = await push(TOKENS.A, body('bl-a', [cancel(1, 'bl-1')]));
    expect(cancelByPayer.results[0]).toMatchObject({ status: 'rejected', code: 'NOT_CANCELLABLE' });
    const notABill = await push(TOKENS.A, body('bl-a', [submit(2, paymentPayload('bl-2', 'B', '1.00', 'beps')), giveBack(3, 'bl-2')]));
    expect(notABill.results[1]).toMatchObject({ status: 'rejected', code: 'NOT_RETURNABLE' });
    const returned = await push(TOKENS.A, body('bl-a', [giveBack(4, 'bl-1')]));
    expect(returned.results[0]).toEqual({ seq: 4, id: 'bl-1', status: 'accepted' });
    expect((await statuses(TOKENS.B)).get('bl-1')).toBe('returned');
    expect((await statuses(TOKENS.A)).get('bl-1')).toBe('returned');
    const twice = await push(TOKENS.A, body('bl-a', [giveBack(5, 'bl-1')]));
    expect(twice.results[0]).toMatchObject({ status: 'rejected', code: 'NOT_RETURNABLE' });
    // The return rewrote both banks' stored positions: a restart's recovered engine agrees with
    // the store (it refused to start when they were left stale).
    await house.close();
    house = await startHouse(options);
    expect((await statuses(TOKENS.A)).get('bl-1')).toBe('returned');
  });

  it('reprioritises a queued payment once (replayed push: duplicate), audited, across a restart, and it then settles ahead of an earlier one', async () => {
    // C's balance is too small for either: both queue as normal (2), rp-1 first.
    await push(TOKENS.C, body('rp-c', [submit(1, paymentPayload('rp-1', 'A', '200.00')), submit(2, paymentPayload('rp-2', 'A', '200.00'))]));
    const seen = await statuses(TOKENS.C);
    expect([seen.get('rp-1'), seen.get('rp-2')]).toEqual(['queued', 'queued']);
    const request = body('rp-c', [reprioritise(3, 'rp-2', 0)]);
    expect((await push(TOKENS.C, request)).results).toEqual([{ seq: 3, id: 'rp-2', status: 'accepted' }]);
    expect((await push(TOKENS.C, request)).results).toEqual([{ seq: 3, id: 'rp-2', status: 'duplicate', original: 'accepted' }]);
    const audit = await house.store.query<{ action: string; actor: string; detail: unknown }>("SELECT action, actor, detail FROM audit_log WHERE entity_id = 'rp-2'");
    expect(audit.rows.map((r) => ({ ...r, detail: typeof r.detail === 'string' ? JSON.parse(r.detail) : r.detail }))).toEqual([
      { action: 'payment.reprioritised', actor: 'participant:C', detail: { reason: '客户要求加急', priority: 0, deviceId: 'rp-c', seq: 3 } },
    ]);
    // Journaled: a restart rebuilds rp-2 from its row (submitted priority 2) and replays the change.
    await house.close();
    house = await startHouse(options);
    // Liquidity for one of the two arrives: the urgent one, though it came second, goes first.
    expect((await call(`${house.url}/v1/admin/participants/C/liquidity`, house.adminToken, 'POST', { amount: '250.00' })).status).toBe(200);
    const after = await statuses(TOKENS.C);
    expect([after.get('rp-1'), after.get('rp-2')]).toEqual(['queued', 'settled']);
    // Settled now: a further change of priority is refused.
    const late = await push(TOKENS.C, body('rp-c', [reprioritise(4, 'rp-2', 1)]));
    expect(late.results[0]).toMatchObject({ status: 'rejected', code: 'NOT_REPRIORITISABLE' });
  });

  it('refuses a reprioritise by another participant, of a settled or unknown payment, a bill, and a bad priority', async () => {
    await push(TOKENS.C, body('ro-c', [submit(1, paymentPayload('ro-1', 'B', '900.00'))]));
    const byA = await push(TOKENS.A, body('ro-a', [reprioritise(1, 'ro-1', 0)]));
    expect(byA.results[0]).toMatchObject({ status: 'rejected', code: 'NOT_REPRIORITISABLE', message: "only the sending bank may change a payment's priority" });
    const mixed = await push(TOKENS.A, body('ro-a', [
      submit(2, paymentPayload('ro-2', 'B', '1.00')),
      reprioritise(3, 'ro-2', 0),
      reprioritise(4, 'no-such', 0),
      reprioritise(5, 'ro-2', 3),
      reprioritise(6, 'ro-2', 0, ' '),
      submit(7, bill('ro-3', 'B', '1.00')),
      reprioritise(8, 'ro-3', 0),
    ]));
    expect(mixed.results.map((r) => [r.status, r.code])).toEqual([
      ['accepted', undefined],
      ['rejected', 'NOT_REPRIORITISABLE'],
      ['rejected', 'NOT_FOUND'],
      ['rejected', 'INVALID_PAYLOAD'],
      ['rejected', 'INVALID_PAYLOAD'],
      ['accepted', undefined],
      ['rejected', 'NOT_REPRIORITISABLE'],
    ]);
    expect((await statuses(TOKENS.C)).get('ro-1')).toBe('queued');
    const audit = await house.store.query("SELECT action FROM audit_log WHERE entity_id IN ('ro-1', 'ro-2', 'ro-3') AND action = 'payment.reprioritised'");
    expect(audit.rows).toEqual([]);
  });
});
