import { describe, it, expect, afterAll, beforeAll } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHouse, type RunningHouse } from './house';
import { TEST_SEED, TOKENS, call, paymentPayload } from './test-support/fixtures';
import type { Change, PushRequest, PushResponse } from '../shared/contract/sync-protocol';
import type { MessageThread } from '../shared/contract/message-protocol';

type Mutation = PushRequest['mutations'][number];
const submit = (seq: number, payload: Record<string, unknown>): Mutation => ({ seq, id: String(payload.id), type: 'payment.submit', payload });
const body = (deviceId: string, mutations: Mutation[]): PushRequest => ({ protocolVersion: 1, deviceId, mutations });

/**
 * Inquiries (查询查复), return requests (退回申请, camt.056 -> pacs.004 / camt.029) and stop
 * payment (止付) through the house: exactly once under replayed pushes, both banks pulling the
 * thread, the money coming back through the engine, and everything surviving a restart.
 */
describe('house: messages between banks', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hankou-house-messages-'));
  // 2026-03-02 is a Monday: an inquiry asked today is due Tuesday at the interbank cut-off.
  const options = { dataDir: dir, seed: TEST_SEED, logLevel: 'silent' as const, cycleIntervalMs: 0, offsetIntervalMs: 0, businessDate: '2026-03-02' };
  let house: RunningHouse;
  const push = async (token: string, request: PushRequest) => {
    const answer = await call(`${house.url}/v1/sync/push`, token, 'POST', request);
    expect(answer.status).toBe(200);
    return answer.json as PushResponse;
  };
  const pull = async (token: string) => ((await call(`${house.url}/v1/sync/pull?limit=5000`, token, 'GET')).json as { changes: Change[] }).changes;
  /** The last state of each thread the bank was told about. */
  const threads = async (token: string) => {
    const seen = new Map<string, MessageThread>();
    for (const c of await pull(token)) if (c.type === 'message') seen.set(c.data.id, c.data);
    return seen;
  };
  const statusOf = async (token: string, id: string) => {
    let status: unknown;
    for (const c of await pull(token)) if ((c.type === 'payment.status' || c.type === 'payment.inbound') && c.data.id === id) status = c.data.status;
    return status;
  };
  const balance = async (token: string) => ((await call(`${house.url}/v1/accounts/me`, token, 'GET')).json as { balance: string }).balance;

  beforeAll(async () => {
    house = await startHouse(options);
  }, 120_000);
  afterAll(async () => {
    await house?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('an inquiry is asked and answered once, both banks see the thread with its due time', async () => {
    await push(TOKENS.A, body('q-a', [submit(1, paymentPayload('q-p1', 'B', '120.00'))]));
    const ask: Mutation = { seq: 2, id: 'A-Q1', type: 'message.inquire', payload: { paymentId: 'q-p1', reasonCode: 'NOT_RECEIVED', text: '客户称未收到，请查复' } };
    expect((await push(TOKENS.A, body('q-a', [ask]))).results).toEqual([{ seq: 2, id: 'A-Q1', status: 'accepted' }]);
    // The answer was lost: the replay is a duplicate and asks nothing twice.
    expect((await push(TOKENS.A, body('q-a', [ask]))).results).toEqual([{ seq: 2, id: 'A-Q1', status: 'duplicate', original: 'accepted' }]);
    const atB = (await threads(TOKENS.B)).get('A-Q1');
    expect(atB).toMatchObject({ kind: 'inquiry', state: 'open', from: 'A', to: 'B', paymentId: 'q-p1', payment: { amount: '120.00', status: 'settled' } });
    expect(atB?.dueBy).toMatch(/^2026-03-03T\d\d:\d\d\+08:00$/);
    expect(atB?.entries).toHaveLength(1);
    // Only the bank asked answers; C is no party to it.
    const byA = await push(TOKENS.A, body('q-a', [{ seq: 3, id: 'A-Q1', type: 'message.answer', payload: { text: '自问自答' } }]));
    expect(byA.results[0]).toMatchObject({ status: 'rejected', code: 'NOT_FOUND' });
    const byC = await push(TOKENS.C, body('q-c', [{ seq: 1, id: 'C-Q1', type: 'message.inquire', payload: { paymentId: 'q-p1', reasonCode: 'OTHER', text: '?' } }]));
    expect(byC.results[0]).toMatchObject({ status: 'rejected', code: 'NOT_FOUND' });
    const answer = await push(TOKENS.B, body('q-b', [{ seq: 1, id: 'A-Q1', type: 'message.answer', payload: { text: '款项已于当日入账' } }]));
    expect(answer.results[0]).toMatchObject({ status: 'accepted' });
    const twice = await push(TOKENS.B, body('q-b', [{ seq: 2, id: 'A-Q1', type: 'message.answer', payload: { text: '再答' } }]));
    expect(twice.results[0]).toMatchObject({ status: 'rejected', code: 'ALREADY_ANSWERED' });
    const atA = (await threads(TOKENS.A)).get('A-Q1');
    expect(atA?.state).toBe('answered');
    expect(atA?.entries.map((e) => [e.by, e.action, e.text])).toEqual([
      ['A', 'ask', '客户称未收到，请查复'],
      ['B', 'answer', '款项已于当日入账'],
    ]);
    const bad = await push(TOKENS.A, body('q-a', [{ seq: 4, id: 'A-Q2', type: 'message.inquire', payload: { paymentId: 'q-p1', reasonCode: 'GOSSIP', text: 'x' } }]));
    expect(bad.results[0]).toMatchObject({ status: 'rejected', code: 'INVALID_PAYLOAD' });
  }, 120_000);

  it('a return request accepted by the receiving bank sends the money back by pacs.004; a second is refused with a reason', async () => {
    const aBefore = await balance(TOKENS.A);
    const bBefore = await balance(TOKENS.B);
    await push(TOKENS.A, body('r-a', [submit(1, paymentPayload('r-p1', 'B', '300.00'))]));
    // Not the sender: B cannot ask for A's payment back; more than was paid is refused.
    const byB = await push(TOKENS.B, body('r-b', [{ seq: 1, id: 'B-R0', type: 'message.returnRequest', payload: { paymentId: 'r-p1', reasonCode: 'DUPL', text: 'x' } }]));
    expect(byB.results[0]).toMatchObject({ status: 'rejected', code: 'NOT_RETURNABLE' });
    const tooMuch = await push(TOKENS.A, body('r-a', [{ seq: 2, id: 'A-R0', type: 'message.returnRequest', payload: { paymentId: 'r-p1', amount: '300.01', reasonCode: 'DUPL', text: '重复' } }]));
    expect(tooMuch.results[0]).toMatchObject({ status: 'rejected', code: 'NOT_RETURNABLE' });
    const request = await push(TOKENS.A, body('r-a', [{ seq: 3, id: 'A-R1', type: 'message.returnRequest', payload: { paymentId: 'r-p1', reasonCode: 'DUPL', text: '重复支付，请退回' } }]));
    expect(request.results[0]).toMatchObject({ status: 'accepted' });
    const accept: Mutation = { seq: 2, id: 'A-R1', type: 'message.returnAnswer', payload: { decision: 'accept', text: '同意退回' } };
    expect((await push(TOKENS.B, body('r-b', [accept]))).results[0]).toMatchObject({ status: 'accepted' });
    expect((await push(TOKENS.B, body('r-b', [accept]))).results[0]).toMatchObject({ status: 'duplicate', original: 'accepted' });
    const thread = (await threads(TOKENS.A)).get('A-R1');
    expect(thread).toMatchObject({ kind: 'return', state: 'accepted', amount: '300.00', returnPaymentId: 'A-R1.R' });
    // The pacs.004 settled: A sees it inbound, B as its own payment; balances are as before the payment.
    expect(await statusOf(TOKENS.A, 'A-R1.R')).toBe('settled');
    expect(await statusOf(TOKENS.B, 'A-R1.R')).toBe('settled');
    expect(await balance(TOKENS.A)).toBe(aBefore);
    expect(await balance(TOKENS.B)).toBe(bBefore);
    // Nothing is left to return.
    const again = await push(TOKENS.A, body('r-a', [{ seq: 4, id: 'A-R2', type: 'message.returnRequest', payload: { paymentId: 'r-p1', reasonCode: 'CUST', text: '再退' } }]));
    expect(again.results[0]).toMatchObject({ status: 'rejected', code: 'NOT_RETURNABLE' });

    await push(TOKENS.A, body('r-a', [submit(5, paymentPayload('r-p2', 'B', '40.00')), { seq: 6, id: 'A-R3', type: 'message.returnRequest', payload: { paymentId: 'r-p2', reasonCode: 'CUST', text: '客户要求退回' } }]));
    const refuse = await push(TOKENS.B, body('r-b', [{ seq: 3, id: 'A-R3', type: 'message.returnAnswer', payload: { decision: 'refuse', reasonCode: 'CUST', text: '收款人不同意' } }]));
    expect(refuse.results[0]).toMatchObject({ status: 'accepted' });
    const refused = (await threads(TOKENS.A)).get('A-R3');
    expect(refused?.state).toBe('refused');
    expect(refused?.entries.at(-1)).toMatchObject({ by: 'B', action: 'refuse', reasonCode: 'CUST' });
    const audit = await house.store.query<{ action: string }>("SELECT action FROM audit_log WHERE entity_id IN ('r-p1', 'r-p2') ORDER BY seq");
    expect(audit.rows.map((r) => r.action)).toEqual(['message.return_requested', 'message.return_accepted', 'message.return_requested', 'message.return_refused']);
  }, 120_000);

  it('a stopped payment does not settle until released; the centre stops by route and only it releases; all kept across a restart', async () => {
    // C holds 100.00: 150.00 queues.
    await push(TOKENS.C, body('s-c', [submit(1, paymentPayload('s-p1', 'A', '150.00'))]));
    const stop: Mutation = { seq: 2, id: 's-p1', type: 'payment.stop', payload: { reason: '疑似诈骗，暂停支付' } };
    expect((await push(TOKENS.C, body('s-c', [stop]))).results[0]).toMatchObject({ status: 'accepted' });
    expect((await push(TOKENS.C, body('s-c', [stop]))).results[0]).toMatchObject({ status: 'duplicate', original: 'accepted' });
    // A (the receiver) may not stop or release it.
    const byA = await push(TOKENS.A, body('s-a', [{ seq: 1, id: 's-p1', type: 'payment.release', payload: { reason: 'x' } }]));
    expect(byA.results[0]).toMatchObject({ status: 'rejected', code: 'NOT_STOPPED' });
    // Liquidity arrives: a queued payment would settle now; the stopped one does not.
    expect((await call(`${house.url}/v1/admin/participants/C/liquidity`, house.adminToken, 'POST', { amount: '100.00' })).status).toBe(200);
    expect(await statusOf(TOKENS.C, 's-p1')).toBe('queued');
    expect((await threads(TOKENS.C)).get('STOP.s-p1')).toMatchObject({ kind: 'stop', state: 'stopped', from: 'C', to: 'C' });

    await house.close();
    house = await startHouse(options);
    expect(await statusOf(TOKENS.C, 's-p1')).toBe('queued');
    expect((await push(TOKENS.C, body('s-c', [{ seq: 3, id: 's-p1', type: 'payment.release', payload: { reason: '核实无误' } }]))).results[0]).toMatchObject({ status: 'accepted' });
    expect(await statusOf(TOKENS.C, 's-p1')).toBe('settled');
    expect(await balance(TOKENS.C)).toBe('50.00');

    // The centre stops a queued payment; the bank cannot lift it, the centre can.
    await push(TOKENS.C, body('s-c', [submit(4, paymentPayload('s-p2', 'A', '80.00'))]));
    const route = (id: string, action: string, token = house.adminToken) => call(`${house.url}/v1/admin/payments/${id}/${action}`, token, 'POST', { reason: '司法冻结协查' });
    expect((await route('s-p2', 'stop', TOKENS.C)).status).toBe(401);
    expect((await route('s-p2', 'stop')).status).toBe(200);
    expect((await route('s-p2', 'stop')).json).toMatchObject({ error: 'refused', reason: 'NOT_STOPPABLE' });
    const byC = await push(TOKENS.C, body('s-c', [{ seq: 5, id: 's-p2', type: 'payment.release', payload: { reason: '自行解除' } }]));
    expect(byC.results[0]).toMatchObject({ status: 'rejected', code: 'NOT_STOPPED' });
    expect((await threads(TOKENS.C)).get('STOP.s-p2')).toMatchObject({ state: 'stopped', from: 'centre' });
    await call(`${house.url}/v1/admin/participants/C/liquidity`, house.adminToken, 'POST', { amount: '100.00' });
    expect(await statusOf(TOKENS.C, 's-p2')).toBe('queued');
    await house.close();
    house = await startHouse(options);
    expect((await route('s-p2', 'release')).status).toBe(200);
    expect(await statusOf(TOKENS.C, 's-p2')).toBe('settled');
    expect((await threads(TOKENS.C)).get('STOP.s-p2')?.entries.map((e) => [e.by, e.action])).toEqual([
      ['centre', 'stop'],
      ['centre', 'release'],
    ]);
    const audit = await house.store.query<{ action: string; actor: string }>("SELECT action, actor FROM audit_log WHERE entity_id IN ('s-p1', 's-p2') ORDER BY seq");
    expect(audit.rows.map((r) => `${r.actor} ${r.action}`)).toEqual(['participant:C payment.stopped', 'participant:C payment.released', 'admin payment.stopped', 'admin payment.released']);
  }, 180_000);

  it('a return accepted before a restart is rebuilt from its row: the engine agrees with the store', async () => {
    await push(TOKENS.B, body('rr-b', [submit(1, paymentPayload('rr-p1', 'A', '70.00'))]));
    await push(TOKENS.B, body('rr-b', [{ seq: 2, id: 'B-R1', type: 'message.returnRequest', payload: { paymentId: 'rr-p1', amount: '20.00', reasonCode: 'AM09', text: '多付 20 元' } }]));
    await push(TOKENS.A, body('rr-a', [{ seq: 1, id: 'B-R1', type: 'message.returnAnswer', payload: { decision: 'accept' } }]));
    const before = [await balance(TOKENS.A), await balance(TOKENS.B)];
    await house.close();
    house = await startHouse(options);
    expect([await balance(TOKENS.A), await balance(TOKENS.B)]).toEqual(before);
    // 50.00 is left: a request for more is refused after the restart too.
    const more = await push(TOKENS.B, body('rr-b', [{ seq: 3, id: 'B-R2', type: 'message.returnRequest', payload: { paymentId: 'rr-p1', amount: '50.01', reasonCode: 'AM09', text: 'x' } }]));
    expect(more.results[0]).toMatchObject({ status: 'rejected', code: 'NOT_RETURNABLE' });
  }, 180_000);
});
