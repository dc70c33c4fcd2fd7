import { describe, it, expect, afterAll, beforeAll } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHouse, type HouseOptions, type RunningHouse } from './house';
import { TEST_SEED, TOKENS, call, createTestDatabase, paymentPayload, postgresAvailable } from './test-support/fixtures';
import type { PushRequest, PushResponse } from '../shared/contract/sync-protocol';
import { queueResponseSchema, type QueueResponse } from '../shared/contract/queue-protocol';

/**
 * `GET /v1/queue/me` (docs/sync.md "Queue"): a bank's own waiting payments in the engine's real
 * order with the engine's reasons; a reorder shows at once; other banks see nothing of them;
 * the order and reasons survive a restart. On PGlite and on PostgreSQL.
 */
const hasPostgres = await postgresAvailable();

type Mutation = PushRequest['mutations'][number];
const body = (deviceId: string, mutations: Mutation[]): PushRequest => ({ protocolVersion: 1, deviceId, mutations });
const submit = (seq: number, payload: Record<string, unknown>): Mutation => ({ seq, id: String(payload.id), type: 'payment.submit', payload });

/** 2026-03-02 at `hhmm` at the clearing centre (UTC+8). */
const at = (hhmm: string): number => Date.parse(`2026-03-02T${hhmm}:00+08:00`);

function queueSuite(name: string, setup: () => Promise<{ options: Partial<HouseOptions>; cleanup: () => Promise<void> }>): void {
  describe(`house queue endpoint (${name})`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'hankou-house-queue-'));
    let options: HouseOptions;
    let cleanup: () => Promise<void> = async () => undefined;
    let house: RunningHouse;
    const push = async (token: string, request: PushRequest): Promise<PushResponse> => {
      const answer = await call(`${house.url}/v1/sync/push`, token, 'POST', request);
      expect(answer.status).toBe(200);
      return answer.json as PushResponse;
    };
    const queue = async (token: string, query = ''): Promise<QueueResponse> => {
      const answer = await call(`${house.url}/v1/queue/me${query}`, token, 'GET');
      expect(answer.status).toBe(200);
      return queueResponseSchema.parse(answer.json);
    };
    const order = (q: QueueResponse) => q.rtgs.map((p) => [p.id, p.reason]);

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
        businessClock: { nowMs: () => at('09:00'), intervalMs: 0 },
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

    it('lists the queue in the engine order with its reasons; a reorder to the top shows at once', async () => {
      const startedMs = Date.now();
      // C has 100.00; a 60.00 floor for normal payments (high reservation).
      const answer = await push(
        TOKENS.C,
        body('q-c', [
          { seq: 1, id: 'q-res', type: 'liquidity.reserve', payload: { high: '60.00' } },
          submit(2, paymentPayload('q1', 'A', '200.00')), // funds
          submit(3, paymentPayload('q2', 'A', '50.00')), // 100 - 50 < 60: the floor
          submit(4, paymentPayload('q3', 'B', '10.00')), // fits, waits its turn
          submit(5, paymentPayload('q4', 'A', '60.00', 'beps')), // over C's 50.00 net debit cap
          submit(6, { ...paymentPayload('q5', 'A', '5.00'), earliest: '10:00', latest: '11:00' }),
          submit(7, { ...paymentPayload('q6', 'A', '6.00'), valueDate: '2026-03-03' }),
        ]),
      );
      expect(answer.results.map((r) => r.status)).toEqual(['accepted', 'accepted', 'accepted', 'accepted', 'accepted', 'accepted', 'accepted']);
      const before = await queue(TOKENS.C);
      expect(order(before)).toEqual([['q1', 'funds'], ['q2', 'floor'], ['q3', 'fifo']]);
      expect(before.rtgs[0]).toMatchObject({ kind: 'hvps', priority: 2, amount: '200.00', to: 'A', reasonCode: 'INSUFFICIENT_FUNDS' });
      expect(before.rtgs[2]?.reasonCode).toBeNull();
      expect(Date.parse(before.rtgs[0]?.since ?? '')).toBeGreaterThanOrEqual(startedMs - 1000);
      expect(before.dns).toEqual([expect.objectContaining({ id: 'q4', kind: 'beps', reason: 'cap', reasonCode: 'NET_DEBIT_CAP' })]);
      expect(before.scheduled.map((s) => [s.id, s.earliest, s.latest, s.valueDate])).toEqual([
        ['q5', '10:00', '11:00', null],
        ['q6', null, null, '2026-03-03'],
      ]);
      expect(before).toMatchObject({ participant: 'C', businessDate: '2026-03-02', clock: '09:00', truncated: false, limit: 10_000 });

      // The floor-blocked one to the top: it heads the queue and is still held by the floor.
      const moved = await push(TOKENS.C, body('q-c', [{ seq: 8, id: 'q2', type: 'payment.reorder', payload: { to: 'top' } }]));
      expect(moved.results[0]?.status).toBe('accepted');
      expect(order(await queue(TOKENS.C))).toEqual([['q2', 'floor'], ['q1', 'funds'], ['q3', 'fifo']]);
    });

    it('shows another bank none of them, and cuts at the limit it asks for', async () => {
      const other = await queue(TOKENS.A);
      expect([...other.rtgs, ...other.dns, ...other.scheduled]).toEqual([]);
      expect(other.participant).toBe('A');
      const cut = await queue(TOKENS.C, '?limit=2');
      expect(cut).toMatchObject({ limit: 2, truncated: true });
      expect(cut.rtgs.map((p) => p.id)).toEqual(['q2', 'q1']);
      expect(cut.dns).toEqual([]);
      expect((await call(`${house.url}/v1/queue/me?limit=0`, TOKENS.C, 'GET')).status).toBe(400);
      expect((await call(`${house.url}/v1/queue/me`, undefined, 'GET')).status).toBe(401);
    });

    it('gives the same order and reasons after a restart', async () => {
      const before = await queue(TOKENS.C);
      await house.close();
      house = await startHouse(options);
      const after = await queue(TOKENS.C);
      expect(order(after)).toEqual(order(before));
      expect(after.dns.map((p) => p.id)).toEqual(['q4']);
      expect(after.scheduled.map((p) => p.id)).toEqual(['q5', 'q6']);
    }, 120_000);
  });
}

queueSuite('PGlite', async () => ({ options: {}, cleanup: async () => undefined }));

describe.skipIf(!hasPostgres)('PostgreSQL available', () => {
  queueSuite('PostgreSQL', async () => {
    const db = await createTestDatabase();
    return { options: { databaseUrl: db.url }, cleanup: db.drop };
  });
});
