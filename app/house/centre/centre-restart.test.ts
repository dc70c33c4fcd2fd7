import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startHouse } from '../house';
import { TEST_SEED, TOKENS, call, paymentPayload, pushBody } from '../test-support/fixtures';
import { centreTeam, logIn, testClock } from './test-support/centre-fixtures';

describe('the centre across a house restart', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hankou-centre-restart-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps the admin token disabled, sessions, schedule, suspension, broadcasts and alert rules', async () => {
    const clock = testClock('2026-12-07T02:00:00.000Z'); // 10:00 Beijing
    const options = { dataDir: dir, seed: TEST_SEED, logLevel: 'silent' as const, cycleIntervalMs: 0, offsetIntervalMs: 0, businessDate: '2026-12-07', adminToken: 'admin-token-0123456789', centre: { nowMs: clock.nowMs, timers: false } };
    const first = await startHouse(options);
    const team = await centreTeam(first, clock);
    const approve = async (type: string, payload: unknown) => {
      const proposed = await call(`${first.url}/v1/centre/proposals`, team.op, 'POST', { type, payload });
      const id = (proposed.json as { proposal: { id: number } }).proposal.id;
      expect((await call(`${first.url}/v1/centre/proposals/${id}/approve`, team.sup, 'POST', {})).status).toBe(200);
    };
    await approve('schedule.set', { day: 'default', schedule: { opening: '08:30', customerCutoff: '16:00', interbankCutoff: '17:00', cycleTimes: [], endOfDay: '17:30' } });
    await approve('participant.suspend', { participantId: 'C', reason: '测试' });
    expect((await call(`${first.url}/v1/centre/broadcasts`, team.op, 'POST', { urgency: 'info', title: '通知', body: '重启前' })).status).toBe(201);
    expect((await call(`${first.url}/v1/centre/alert-rules`, team.op, 'POST', { kind: 'queue_age', minutes: 10 })).status).toBe(201);
    await first.close();

    const second = await startHouse(options);
    try {
      expect((await call(`${second.url}/v1/admin/participants`, options.adminToken, 'GET')).status).toBe(401);
      expect((await call(`${second.url}/v1/centre/me`, team.aud, 'GET')).status).toBe(200);
      expect(((await call(`${second.url}/v1/schedule`, TOKENS.A, 'GET')).json as { phase: string }).phase).toBe('open');
      const push = await call(`${second.url}/v1/sync/push`, TOKENS.A, 'POST', pushBody('r-a', 1, [paymentPayload('r-1', 'C', '1.00')]));
      expect((push.json as { results: Array<{ code?: string }> }).results[0]?.code).toBe('PARTICIPANT_SUSPENDED');
      expect(((await call(`${second.url}/v1/broadcasts`, TOKENS.B, 'GET')).json as { broadcasts: unknown[] }).broadcasts).toHaveLength(1);
      expect((await call(`${second.url}/v1/centre/broadcasts`, team.op, 'POST', { urgency: 'info', title: '通知', body: '重启后' })).json).toMatchObject({ broadcast: { id: 2 } });
      expect(((await call(`${second.url}/v1/centre/alert-rules`, team.aud, 'GET')).json as { rules: unknown[] }).rules).toHaveLength(1);
      // The TOTP step used before the restart is still used: logging in again needs a later code.
      expect(await logIn(second, clock, team.secrets, 'sup2')).toMatch(/.{32,}/);
    } finally {
      await second.close();
    }
  }, 240_000);
});
