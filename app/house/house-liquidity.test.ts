import { describe, it, expect, afterAll, beforeAll } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHouse, type HouseOptions, type RunningHouse } from './house';
import { TEST_SEED, TOKENS, call, createTestDatabase, paymentPayload, postgresAvailable } from './test-support/fixtures';
import { pullResponseSchema, type AccountResponse, type PushRequest, type PushResponse } from '../shared/contract/sync-protocol';

/**
 * Liquidity management at the house (DESIGN 4.1, docs/house.md): the liquidity.* and
 * payment.reorder mutations exactly once, their refusal reasons, the credit-line admin route,
 * the business clock releasing a timed payment, the position warning in the pull feed, and a
 * restart replaying all of it to the same state. On PGlite and on PostgreSQL.
 */
const hasPostgres = await postgresAvailable();

type Mutation = PushRequest['mutations'][number];
const body = (deviceId: string, mutations: Mutation[]): PushRequest => ({ protocolVersion: 1, deviceId, mutations });
const submit = (seq: number, payload: Record<string, unknown>): Mutation => ({ seq, id: String(payload.id), type: 'payment.submit', payload });
const control = (seq: number, type: 'liquidity.reserve' | 'liquidity.limits' | 'liquidity.warning', payload: unknown): Mutation => ({ seq, id: `m-${type}-${seq}`, type, payload });
const reorder = (seq: number, id: string, to: string): Mutation => ({ seq, id, type: 'payment.reorder', payload: { to } });

/** 2026-03-02 at `hhmm` at the clearing centre (UTC+8). */
const at = (hhmm: string): number => Date.parse(`2026-03-02T${hhmm}:00+08:00`);

function liquiditySuite(name: string, setup: () => Promise<{ options: Partial<HouseOptions>; cleanup: () => Promise<void> }>): void {
  describe(`house liquidity management (${name})`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'hankou-house-liquidity-'));
    let clockMs = at('09:00');
    let options: HouseOptions;
    let cleanup: () => Promise<void> = async () => undefined;
    let house: RunningHouse;
    const push = async (token: string, request: PushRequest): Promise<PushResponse> => {
      const answer = await call(`${house.url}/v1/sync/push`, token, 'POST', request);
      expect(answer.status).toBe(200);
      return answer.json as PushResponse;
    };
    const account = async (token: string) => (await call(`${house.url}/v1/accounts/me`, token, 'GET')).json as AccountResponse;
    const pull = async (token: string) => {
      const answer = (await call(`${house.url}/v1/sync/pull?limit=5000`, token, 'GET')).json;
      return pullResponseSchema.parse(answer).changes;
    };
    const statusOf = async (token: string, id: string) => {
      let status: unknown;
      for (const c of await pull(token)) if ((c.type === 'payment.status' || c.type === 'payment.inbound') && c.data.id === id) status = c.data.status;
      return status;
    };

    beforeAll(async () => {
      const made = await setup();
      cleanup = made.cleanup;
      options = {
        dataDir: dir,
        seed: TEST_SEED,
        logLevel: 'silent',
        cycleIntervalMs: 0,
        offsetIntervalMs: 0,
        businessDate: '2026-03-02',
        businessClock: { nowMs: () => clockMs, intervalMs: 0 },
        ...made.options,
      };
      house = await startHouse(options);
      await house.tickBusinessClock();
    }, 120_000);
    afterAll(async () => {
      await house?.close();
      await cleanup();
      rmSync(dir, { recursive: true, force: true });
    });

    it('applies liquidity.reserve, .limits and .warning exactly once and shows them in accounts/me and the pull feed', async () => {
      const request = body('liq-a', [
        control(1, 'liquidity.reserve', { urgent: '1000.00', high: '500.00' }),
        control(2, 'liquidity.limits', { bilateral: { B: '20000.00' }, multilateral: '50000.00' }),
        control(3, 'liquidity.warning', { threshold: '999000.00' }),
      ]);
      const first = await push(TOKENS.A, request);
      expect(first.results.map((r) => r.status)).toEqual(['accepted', 'accepted', 'accepted']);
      const again = await push(TOKENS.A, request);
      expect(again.results.map((r) => [r.status, r.original])).toEqual([
        ['duplicate', 'accepted'],
        ['duplicate', 'accepted'],
        ['duplicate', 'accepted'],
      ]);
      expect(await account(TOKENS.A)).toMatchObject({
        balance: '1000000.00',
        available: '1000000.00',
        creditLine: '0.00',
        reservations: { urgent: '1000.00', high: '500.00' },
        limits: { bilateral: { B: '20000.00' }, multilateral: '50000.00' },
        warningThreshold: '999000.00',
        clock: '09:00',
        positions: {},
      });
      const liquidity = (await pull(TOKENS.A)).filter((c) => c.type === 'liquidity');
      // One change per control, the last carrying everything as it now stands.
      expect(liquidity.length).toBeGreaterThanOrEqual(1);
      expect(liquidity.at(-1)?.data).toMatchObject({ reservations: { urgent: '1000.00', high: '500.00' }, warningThreshold: '999000.00', limits: { multilateral: '50000.00' } });
      // B sees none of A's controls.
      expect((await pull(TOKENS.B)).filter((c) => c.type === 'liquidity')).toEqual([]);
    });

    it('puts the position warning in the pull feed, and the limit holds a normal payment back', async () => {
      // A 1,000,000 - 2,000 = 998,000 < 999,000: one warning. Toward B: -2,000 >= -20,000.
      const paid = await push(TOKENS.A, body('liq-a', [submit(4, paymentPayload('lq-1', 'B', '2000.00'))]));
      expect(paid.results[0]?.status).toBe('accepted');
      const warnings = (await pull(TOKENS.A)).flatMap((c) => (c.type === 'liquidity' && c.data.warning !== undefined ? [c.data.warning] : []));
      expect(warnings).toEqual([{ below: true, available: '998000.00', threshold: '999000.00' }]);
      // 30,000 more toward B: -32,000 < -20,000: queued by the bilateral limit.
      await push(TOKENS.A, body('liq-a', [submit(5, paymentPayload('lq-2', 'B', '30000.00'))]));
      expect(await statusOf(TOKENS.A, 'lq-2')).toBe('queued');
      expect((await account(TOKENS.A)).positions).toEqual({ B: '-2000.00' });
      // Lifting the limit lets it go.
      await push(TOKENS.A, body('liq-a', [control(6, 'liquidity.limits', {})]));
      expect(await statusOf(TOKENS.A, 'lq-2')).toBe('settled');
      expect((await account(TOKENS.A)).positions).toEqual({ B: '-32000.00' });
    });

    it('refuses with a reason code, permanently', async () => {
      const answer = await push(
        TOKENS.B,
        body('liq-b', [
          control(1, 'liquidity.limits', { bilateral: { Z: '1.00' } }),
          control(2, 'liquidity.limits', { bilateral: { B: '1.00' } }),
          control(3, 'liquidity.reserve', { urgent: '-1.00' }),
          reorder(4, 'no-such-payment', 'top'),
          reorder(5, 'lq-1', 'top'),
          submit(6, { ...paymentPayload('lq-b1', 'A', '1.00'), valueDate: '2026-03-20' }),
          submit(7, { ...paymentPayload('lq-b2', 'A', '1.00', 'beps'), earliest: '10:00' }),
          submit(8, { ...paymentPayload('lq-b3', 'A', '1.00'), earliest: '10:00', latest: '10:00' }),
        ]),
      );
      expect(answer.results.map((r) => [r.status, r.code])).toEqual([
        ['rejected', 'UNKNOWN_PARTICIPANT'],
        ['rejected', 'SAME_PARTICIPANT'],
        ['rejected', 'INVALID_PAYLOAD'],
        ['rejected', 'NOT_FOUND'],
        ['rejected', 'NOT_REPRIORITISABLE'],
        ['rejected', 'VALUE_DATE'],
        ['rejected', 'TIME_WINDOW'],
        ['rejected', 'TIME_WINDOW'],
      ]);
      const replay = await push(TOKENS.B, body('liq-b', [control(1, 'liquidity.limits', { bilateral: { Z: '1.00' } })]));
      expect(replay.results[0]).toMatchObject({ status: 'duplicate', original: 'rejected', code: 'UNKNOWN_PARTICIPANT' });
    });

    it('sets credit lines by admin only, refuses a line in use (409), and the balance may go below zero', async () => {
      const byParticipant = await call(`${house.url}/v1/admin/participants/C/credit-line`, TOKENS.C, 'PUT', { line: '200.00' });
      expect(byParticipant.status).toBe(401);
      const set = await call(`${house.url}/v1/admin/participants/C/credit-line`, house.adminToken, 'PUT', { line: '200.00' });
      expect(set.status).toBe(200);
      // C: 100 + 200 = 300 available covers 250; balance -150.
      await push(TOKENS.C, body('liq-c', [submit(1, paymentPayload('lq-c1', 'A', '250.00'))]));
      expect(await statusOf(TOKENS.C, 'lq-c1')).toBe('settled');
      expect(await account(TOKENS.C)).toMatchObject({ balance: '-150.00', available: '50.00', creditLine: '200.00' });
      // -150 + 100 < 0: in use.
      const lower = await call(`${house.url}/v1/admin/participants/C/credit-line`, house.adminToken, 'PUT', { line: '100.00' });
      expect(lower.status).toBe(409);
      expect(lower.json).toMatchObject({ error: 'refused', reason: 'CREDIT_IN_USE' });
      const bad = await call(`${house.url}/v1/admin/participants/C/credit-line`, house.adminToken, 'PUT', { line: 'lots' });
      expect(bad.status).toBe(400);
      const audit = await house.store.query<{ action: string }>("SELECT action FROM audit_log WHERE action = 'creditLine.set'");
      expect(audit.rows.length).toBe(2);
      const feed = (await pull(TOKENS.C)).filter((c) => c.type === 'liquidity');
      expect(feed.at(-1)?.data).toMatchObject({ creditLine: '200.00' });
    });

    it('releases a timed payment on the business clock and expires one past its latest; reorder moves a queued one', async () => {
      await push(
        TOKENS.C,
        body('liq-c', [
          submit(2, { ...paymentPayload('lq-t1', 'A', '10.00'), earliest: '10:00', latest: '11:00' }),
          submit(3, { ...paymentPayload('lq-t2', 'A', '500.00'), latest: '09:30' }),
          submit(4, { ...paymentPayload('lq-t3', 'A', '600.00') }),
          reorder(5, 'lq-t3', 'top'),
          submit(6, { ...paymentPayload('lq-t4', 'A', '5.00'), earliest: '11:30' }),
        ]),
      );
      expect(await statusOf(TOKENS.C, 'lq-t1')).toBe('scheduled');
      expect(await statusOf(TOKENS.C, 'lq-t2')).toBe('queued');
      expect(house.host.view()?.queue('C')?.rtgs).toEqual(['lq-t3', 'lq-t2']);
      clockMs = at('09:31');
      await house.tickBusinessClock();
      expect(await statusOf(TOKENS.C, 'lq-t2')).toBe('expired');
      clockMs = at('10:00');
      await house.tickBusinessClock();
      // lq-t1 enters at 10:00 behind lq-t3 (600, same priority, more than C's 50 available): it
      // waits; cancelling lq-t3 lets it go.
      expect(await statusOf(TOKENS.C, 'lq-t1')).toBe('queued');
      await push(TOKENS.C, body('liq-c', [{ seq: 7, id: 'lq-t3', type: 'payment.cancel', payload: { reason: '客户撤回' } }]));
      expect(await statusOf(TOKENS.C, 'lq-t1')).toBe('settled');
    });

    it('replays everything after a restart to the same state, and the clock still releases what waits', async () => {
      const before = { a: await account(TOKENS.A), c: await account(TOKENS.C) };
      await house.close();
      house = await startHouse(options);
      expect(await account(TOKENS.A)).toEqual(before.a);
      expect(await account(TOKENS.C)).toEqual(before.c);
      expect(house.host.view()?.payment('lq-t4')?.status).toBe('scheduled');
      clockMs = at('11:30');
      await house.tickBusinessClock();
      expect(await statusOf(TOKENS.C, 'lq-t4')).toBe('settled');
    }, 120_000);
  });
}

liquiditySuite('PGlite', async () => ({ options: {}, cleanup: async () => undefined }));

describe.skipIf(!hasPostgres)('PostgreSQL available', () => {
  liquiditySuite('PostgreSQL', async () => {
    const db = await createTestDatabase();
    return { options: { databaseUrl: db.url }, cleanup: db.drop };
  });
});
