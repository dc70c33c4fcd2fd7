import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHouse, type RunningHouse } from '../house';
import { TEST_SEED, TOKENS, call, paymentPayload, pushBody } from '../test-support/fixtures';
import { centreTeam, logIn, testClock } from './test-support/centre-fixtures';

// Beijing time is UTC+8: 08:30 on 2026-12-07 is 00:30Z.
const SCHEDULE = { opening: '08:30', customerCutoff: '16:00', interbankCutoff: '17:00', cycleTimes: ['10:00', '14:00'], endOfDay: '17:30' };

describe('the business day at the house: cut-offs and end of day from the schedule', () => {
  let house: RunningHouse;
  const clock = testClock('2026-12-06T22:00:00.000Z'); // 06:00 Beijing, before opening
  let team: Awaited<ReturnType<typeof centreTeam>>;
  let seq = 0;

  beforeAll(async () => {
    house = await startHouse({ seed: TEST_SEED, logLevel: 'silent', offsetIntervalMs: 0, cycleIntervalMs: 0, businessDate: '2026-12-07', centre: { nowMs: clock.nowMs, timers: false } });
    team = await centreTeam(house, clock);
    const proposed = await call(`${house.url}/v1/centre/proposals`, team.op, 'POST', { type: 'schedule.set', payload: { day: 'default', schedule: SCHEDULE } });
    expect(proposed.status).toBe(201);
    const id = (proposed.json as { proposal: { id: number } }).proposal.id;
    expect((await call(`${house.url}/v1/centre/proposals/${id}/approve`, team.sup, 'POST', {})).status).toBe(200);
  }, 120_000);
  afterAll(async () => house?.close());

  /** Hours pass in these tests: sessions idle out, so each step logs in afresh. */
  const relog = async () => {
    for (const who of ['sup', 'sup2', 'op', 'aud'] as const) team[who] = await logIn(house, clock, team.secrets, who);
  };

  /** A payment from A to B; with `valueDate` one warehoused (预约) for that day. */
  const submit = async (kind: 'hvps' | 'beps', valueDate?: string) => {
    seq += 1;
    const payload = { ...paymentPayload(`day-${seq}`, 'B', '10.00', kind), ...(valueDate === undefined ? {} : { valueDate }) };
    const answer = await call(`${house.url}/v1/sync/push`, TOKENS.A, 'POST', pushBody('a-day', seq, [payload]));
    return (answer.json as { results: Array<{ status: string; code?: string }> }).results[0];
  };

  it('publishes the schedule, the phase and the next cut-off to banks', async () => {
    const state = (await call(`${house.url}/v1/schedule`, TOKENS.B, 'GET')).json;
    expect(state).toEqual({
      businessDate: '2026-12-07',
      schedule: SCHEDULE,
      phase: 'pre-open',
      next: { kind: 'opening', time: '08:30', at: '2026-12-07T00:30:00.000Z' },
      nextCutoff: { kind: 'customerCutoff', time: '16:00', at: '2026-12-07T08:00:00.000Z' },
    });
    const feed = (await call(`${house.url}/v1/sync/pull?limit=1000`, TOKENS.B, 'GET')).json as { changes: Array<{ type: string; data: unknown }> };
    expect(feed.changes.filter((c) => c.type === 'schedule').map((c) => c.data)).toEqual([{ day: 'default', schedule: SCHEDULE }]);
  });

  it('refuses payments before opening and after their cut-off with a reason code', async () => {
    expect(await submit('hvps')).toMatchObject({ status: 'rejected', code: 'DAY_NOT_OPEN' });
    clock.set('2026-12-07T01:00:00.000Z'); // 09:00
    expect(await submit('beps')).toMatchObject({ status: 'accepted' });
    expect(await submit('hvps')).toMatchObject({ status: 'accepted' });
    clock.set('2026-12-07T08:30:00.000Z'); // 16:30: customer business is over, interbank goes on
    expect(await submit('beps')).toMatchObject({ status: 'rejected', code: 'AFTER_CUT_OFF' });
    expect(await submit('hvps')).toMatchObject({ status: 'accepted' });
    expect(((await call(`${house.url}/v1/schedule`, TOKENS.A, 'GET')).json as { phase: string }).phase).toBe('customer-cut-off');
    // Warehoused for the next day: not held to today's cut-off, accepted and kept for the 8th.
    expect(await submit('beps', '2026-12-08')).toMatchObject({ status: 'accepted' });
    clock.set('2026-12-07T09:05:00.000Z'); // 17:05
    expect(await submit('hvps', '2026-12-08')).toMatchObject({ status: 'accepted' });
    const warehoused = `day-${seq}`;
    // Warehoused for today is a payment of today: refused like any other.
    expect(await submit('hvps', '2026-12-07')).toMatchObject({ status: 'rejected', code: 'AFTER_CUT_OFF' });
    expect(await submit('hvps')).toMatchObject({ status: 'rejected', code: 'AFTER_CUT_OFF' });
    const waiting = (await call(`${house.url}/v1/queue/me`, TOKENS.A, 'GET')).json as { scheduled?: Array<{ id: string; valueDate: string | null }> };
    expect(waiting.scheduled?.find((p) => p.id === warehoused)?.valueDate).toBe('2026-12-08');
    // A refused mutation replayed gets the same answer (kept in mutation_rejections).
    const replay = await call(`${house.url}/v1/sync/push`, TOKENS.A, 'POST', pushBody('a-day', seq, [paymentPayload(`day-${seq}`, 'B', '10.00', 'hvps')]));
    expect((replay.json as { results: Array<{ status: string; original?: string; code?: string }> }).results[0]).toMatchObject({ status: 'duplicate', original: 'rejected', code: 'AFTER_CUT_OFF' });
  });

  it('closes cycles at their times and runs end of day from the schedule, once', async () => {
    clock.set('2026-12-07T02:00:00.000Z'); // 10:00 exactly: the 10:00 cycle is due
    expect(await house.centre.businessDay.runDue()).toEqual(['cycle@10:00']);
    expect(await house.centre.businessDay.runDue()).toEqual([]);
    clock.set('2026-12-07T09:29:59.000Z');
    expect(await house.centre.businessDay.runDue()).toEqual(['cycle@14:00']);
    expect(((await call(`${house.url}/healthz`, undefined, 'GET')).json as { businessDate: string }).businessDate).toBe('2026-12-07');
    clock.set('2026-12-07T09:30:00.000Z'); // 17:30
    expect(await house.centre.businessDay.runDue()).toEqual(['endOfDay@17:30']);
    expect(((await call(`${house.url}/healthz`, undefined, 'GET')).json as { businessDate: string }).businessDate).toBe('2026-12-08');
    expect(await house.centre.businessDay.runDue()).toEqual([]);
    // The new day has not opened: 17:30 on the 7th is before 08:30 on the 8th.
    expect(((await call(`${house.url}/v1/schedule`, TOKENS.A, 'GET')).json as { phase: string; businessDate: string })).toMatchObject({ phase: 'pre-open', businessDate: '2026-12-08' });
    await relog();
    const audit = (await call(`${house.url}/v1/centre/audit?limit=1000`, team.aud, 'GET')).json as { entries: Array<{ actor: string; action: string; detail: Record<string, unknown> }> };
    expect(audit.entries.filter((e) => e.actor === 'schedule').map((e) => [e.action, e.detail.scheduledAt])).toEqual([
      ['cycle.closed', '10:00'],
      ['cycle.closed', '14:00'],
      ['endOfDay', '17:30'],
    ]);
  });

  it('runs end of day by hand through maker-checker, with a date override', async () => {
    await relog();
    const override = { ...SCHEDULE, endOfDay: '12:00', interbankCutoff: '11:30', customerCutoff: '11:00', cycleTimes: [] };
    const proposed = await call(`${house.url}/v1/centre/proposals`, team.op, 'POST', { type: 'schedule.set', payload: { day: '2026-12-08', schedule: override } });
    const id = (proposed.json as { proposal: { id: number } }).proposal.id;
    expect((await call(`${house.url}/v1/centre/proposals/${id}/approve`, team.sup2, 'POST', {})).status).toBe(200);
    clock.set('2026-12-08T03:10:00.000Z'); // 11:10 on the 8th: after that day's customer cut-off
    expect(await submit('beps')).toMatchObject({ status: 'rejected', code: 'AFTER_CUT_OFF' });
    await relog();
    const eod = await call(`${house.url}/v1/centre/proposals`, team.op, 'POST', { type: 'endOfDay', payload: {} });
    const eodId = (eod.json as { proposal: { id: number } }).proposal.id;
    expect((await call(`${house.url}/v1/centre/proposals/${eodId}/approve`, team.sup, 'POST', {})).status).toBe(200);
    expect(((await call(`${house.url}/healthz`, undefined, 'GET')).json as { businessDate: string }).businessDate).toBe('2026-12-09');
  });
});
