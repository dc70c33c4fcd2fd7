import { describe, it, expect, afterAll } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHouse, type RunningHouse } from './house';
import { TEST_SEED, TOKENS, call, paymentPayload } from './test-support/fixtures';
import { pullResponseSchema, type AccountResponse } from '../shared/contract/sync-protocol';

/**
 * The test clock (docs/house.md "Test clock"): only a house started with `testClock` has
 * POST /v1/test/clock; it needs the admin token, moves the business clock forward (never
 * back) and ticks at once, so a timed payment waits as scheduled and settles at its time.
 */
const ADMIN = 'admin-token-0123456789abcdef';
/** 2026-03-02 09:00 at the clearing centre (UTC+8): the real clock the test clock starts from. */
const REAL_MS = Date.parse('2026-03-02T09:00:00+08:00');

describe('house test clock', () => {
  const dirs: string[] = [];
  const houses: RunningHouse[] = [];
  const start = async (testClock: boolean) => {
    const dir = mkdtempSync(join(tmpdir(), 'hankou-house-test-clock-'));
    dirs.push(dir);
    const house = await startHouse({
      dataDir: dir, seed: TEST_SEED, logLevel: 'silent', adminToken: ADMIN, cycleIntervalMs: 0, offsetIntervalMs: 0,
      businessDate: '2026-03-02', businessClock: { nowMs: () => REAL_MS, intervalMs: 0 }, testClock,
    });
    houses.push(house);
    await house.tickBusinessClock();
    return house;
  };
  afterAll(async () => {
    for (const house of houses) await house.close();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('does not exist unless the house was started with it', async () => {
    const house = await start(false);
    const answer = await call(`${house.url}/v1/test/clock`, ADMIN, 'POST', { time: '10:00' });
    expect(answer.status).toBe(404);
    expect(((await call(`${house.url}/v1/accounts/me`, TOKENS.A, 'GET')).json as AccountResponse).clock).toBe('09:00');
  }, 120_000);

  it('moves the clock forward with the admin token only; a timed payment waits as scheduled and settles at its time', async () => {
    const house = await start(true);
    expect((await call(`${house.url}/v1/test/clock`, TOKENS.A, 'POST', { time: '10:00' })).status).toBe(401);
    expect((await call(`${house.url}/v1/test/clock`, ADMIN, 'POST', { time: '25:00' })).status).toBe(400);
    const moved = await call(`${house.url}/v1/test/clock`, ADMIN, 'POST', { time: '10:00' });
    expect(moved).toMatchObject({ status: 200, json: { clock: '10:00' } });

    const push = await call(`${house.url}/v1/sync/push`, TOKENS.A, 'POST', {
      protocolVersion: 1,
      deviceId: 'clock-a',
      mutations: [{ seq: 1, id: 't1', type: 'payment.submit', payload: { ...paymentPayload('t1', 'B', '10.00'), earliest: '10:05' } }],
    });
    expect(push.status).toBe(200);
    const statusOf = async () => {
      const changes = pullResponseSchema.parse((await call(`${house.url}/v1/sync/pull?limit=5000`, TOKENS.A, 'GET')).json).changes;
      for (const c of changes) if (c.type === 'payment.status' && c.data.id === 't1') return c.data.status;
      return undefined;
    };
    expect(await statusOf()).toBe('scheduled');
    // The timer (off here) would run the clock on from 10:00; a second set moves it to 10:05 and ticks.
    expect(await call(`${house.url}/v1/test/clock`, ADMIN, 'POST', { time: '10:05' })).toMatchObject({ status: 200, json: { clock: '10:05' } });
    expect(await statusOf()).toBe('settled');
    // Never backwards.
    expect(await call(`${house.url}/v1/test/clock`, ADMIN, 'POST', { time: '09:30' })).toMatchObject({ status: 409, json: { reason: 'CLOCK_BACKWARDS' } });
    expect(((await call(`${house.url}/v1/accounts/me`, TOKENS.A, 'GET')).json as AccountResponse).clock).toBe('10:05');
  }, 120_000);
});
