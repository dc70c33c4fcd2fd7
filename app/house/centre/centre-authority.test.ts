import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHouse, type RunningHouse } from '../house';
import { TEST_SEED, TOKENS, call, paymentPayload, pushBody } from '../test-support/fixtures';
import { LOCKOUT_MS, MAX_FAILED_LOGINS, SESSION_IDLE_MS } from './centre-auth';
import { PASSWORD, centreTeam, logIn, testClock } from './test-support/centre-fixtures';
import { totpCode } from './totp';

describe('the clearing centre: people and authority', () => {
  let house: RunningHouse;
  const clock = testClock('2026-12-07T02:00:00.000Z');
  let team: Awaited<ReturnType<typeof centreTeam>>;

  beforeAll(async () => {
    house = await startHouse({ seed: TEST_SEED, logLevel: 'silent', offsetIntervalMs: 0, cycleIntervalMs: 0, businessDate: '2026-12-07', centre: { nowMs: clock.nowMs, timers: false } });
    team = await centreTeam(house, clock);
  }, 120_000);
  afterAll(async () => house?.close());

  const audit = async (action: string) => {
    const page = (await call(`${house.url}/v1/centre/audit?limit=1000`, team.aud, 'GET')).json as { entries: Array<{ actor: string; action: string; entityId: string; detail: Record<string, unknown> }> };
    return page.entries.filter((e) => e.action === action);
  };

  it('disables the admin token once the first supervisor exists, for good', async () => {
    const admin = await call(`${house.url}/v1/admin/participants`, house.adminToken, 'GET');
    expect(admin.status).toBe(401);
    expect((admin.json as { error: string }).error).toBe('admin_token_disabled');
    const again = await call(`${house.url}/v1/centre/bootstrap`, house.adminToken, 'POST', { username: 'intruder', name: 'x', password: PASSWORD });
    expect(again.status).toBe(401);
    expect((await audit('centre.bootstrap')).map((e) => [e.actor, e.entityId])).toEqual([['admin', 'sup']]);
  });

  it('refuses a bank token, the admin token and no token on every centre route', async () => {
    expect(house.centre.routes.length).toBeGreaterThan(25);
    const open = new Set(['POST /v1/centre/login', 'POST /v1/centre/login/totp', 'POST /v1/centre/bootstrap']);
    for (const route of house.centre.routes) {
      if (open.has(route)) continue;
      const [method, path] = route.split(' ') as [string, string];
      const url = `${house.url}${path.replace(':id', '1').replace(':username', 'op')}`;
      for (const token of [TOKENS.A, house.adminToken, undefined]) {
        const answer = await call(url, token, method, method === 'GET' || method === 'DELETE' ? undefined : {});
        expect(answer.status, `${route} with ${token ?? 'no token'}`).toBe(401);
      }
    }
    expect((await call(`${house.url}/v1/centre/no-such-thing`, TOKENS.A, 'GET')).status).toBe(401);
  });

  it('lets a centre-auditor read everything and change nothing', async () => {
    const changing = house.centre.routes.filter((r) => !r.startsWith('GET ') && !r.startsWith('POST /v1/centre/login') && r !== 'POST /v1/centre/bootstrap' && r !== 'POST /v1/centre/logout');
    expect(changing.length).toBeGreaterThan(10);
    const before = (await call(`${house.url}/v1/centre/audit?limit=1000`, team.sup, 'GET')).json as { head: { seq: number } };
    for (const route of changing) {
      const [method, path] = route.split(' ') as [string, string];
      const answer = await call(`${house.url}${path.replace(':id', '1').replace(':username', 'op')}`, team.aud, method, method === 'DELETE' ? undefined : { type: 'cycle.close', payload: {} });
      expect(answer.status, route).toBe(403);
    }
    for (const path of ['/v1/centre/dashboard', '/v1/centre/participants', '/v1/centre/proposals', '/v1/centre/schedule', '/v1/centre/broadcasts', '/v1/centre/operators', '/v1/centre/reports/settlement']) {
      expect((await call(`${house.url}${path}`, team.aud, 'GET')).status, path).toBe(200);
    }
    const after = (await call(`${house.url}/v1/centre/audit?limit=1000`, team.sup, 'GET')).json as { head: { seq: number } };
    expect(after.head.seq).toBe(before.head.seq);
  });

  it('lets a centre-operator read the operator list (no secrets) and change no operator', async () => {
    const list = await call(`${house.url}/v1/centre/operators`, team.op, 'GET');
    expect(list.status).toBe(200);
    const operators = (list.json as { operators: Array<Record<string, unknown>> }).operators;
    expect(operators.map((o) => o.username)).toEqual(expect.arrayContaining(['sup', 'op', 'aud']));
    expect(JSON.stringify(list.json)).not.toMatch(/password|totp_secret|secret/i);
    expect((await call(`${house.url}/v1/centre/operators`, team.op, 'POST', { username: 'newbie', name: '新人', role: 'centre-operator', password: PASSWORD })).status).toBe(403);
    expect((await call(`${house.url}/v1/centre/operators/aud`, team.op, 'PATCH', { active: false })).status).toBe(403);
  });

  it('needs another supervisor to approve: a net debit cap change reaches the bank only then', async () => {
    const proposed = await call(`${house.url}/v1/centre/proposals`, team.op, 'POST', { type: 'netDebitCap.set', payload: { participantId: 'B', netDebitCap: '750000.00' } });
    expect(proposed.status).toBe(201);
    const id = (proposed.json as { proposal: { id: number; status: string } }).proposal.id;
    expect(((await call(`${house.url}/v1/accounts/me`, TOKENS.B, 'GET')).json as { netDebitCap: string }).netDebitCap).toBe('500000.00');
    expect((await call(`${house.url}/v1/centre/proposals/${id}/approve`, team.op, 'POST', {})).status).toBe(403);
    const approved = await call(`${house.url}/v1/centre/proposals/${id}/approve`, team.sup, 'POST', { note: '抵押品增加' });
    expect(approved.status).toBe(200);
    expect((approved.json as { proposal: { status: string; decidedBy: string } }).proposal).toMatchObject({ status: 'approved', decidedBy: 'sup' });
    expect(((await call(`${house.url}/v1/accounts/me`, TOKENS.B, 'GET')).json as { netDebitCap: string }).netDebitCap).toBe('750000.00');
    expect((await call(`${house.url}/v1/centre/proposals/${id}/approve`, team.sup2, 'POST', {})).status).toBe(409);
    const capEntries = await audit('netDebitCap.set');
    expect(capEntries.at(-1)).toMatchObject({ actor: 'centre:sup', entityId: 'B', detail: { proposer: 'op', approver: 'sup', netDebitCap: '750000.00' } });
  });

  it('refuses a supervisor approving their own proposal', async () => {
    const proposed = await call(`${house.url}/v1/centre/proposals`, team.sup, 'POST', { type: 'cycle.close', payload: {} });
    const id = (proposed.json as { proposal: { id: number } }).proposal.id;
    const own = await call(`${house.url}/v1/centre/proposals/${id}/approve`, team.sup, 'POST', {});
    expect(own.status).toBe(403);
    expect((own.json as { error: string }).error).toBe('same_person');
    expect((await call(`${house.url}/v1/centre/proposals/${id}/reject`, team.sup2, 'POST', { note: 'not now' })).status).toBe(200);
    expect(((await call(`${house.url}/v1/centre/proposals/${id}`, team.aud, 'GET')).json as { proposal: { status: string } }).proposal.status).toBe('rejected');
  });

  it('refuses a TOTP code used once already, and a wrong one', async () => {
    const secret = team.secrets.get('op') as string;
    const login = async () => ((await call(`${house.url}/v1/centre/login`, undefined, 'POST', { username: 'op', password: PASSWORD })).json as { challenge: string }).challenge;
    clock.advance(30_000);
    const code = totpCode(secret, clock.nowMs());
    expect((await call(`${house.url}/v1/centre/login/totp`, undefined, 'POST', { challenge: await login(), code })).status).toBe(200);
    const replay = await call(`${house.url}/v1/centre/login/totp`, undefined, 'POST', { challenge: await login(), code });
    expect(replay.status).toBe(401);
    clock.advance(30_000);
    expect((await call(`${house.url}/v1/centre/login/totp`, undefined, 'POST', { challenge: await login(), code: totpCode(secret, clock.nowMs()) })).status).toBe(200);
  });

  it('ends a session after the idle timeout', async () => {
    const session = await logIn(house, clock, team.secrets, 'sup2');
    clock.advance(SESSION_IDLE_MS - 1000);
    expect((await call(`${house.url}/v1/centre/me`, session, 'GET')).status).toBe(200);
    clock.advance(SESSION_IDLE_MS);
    const expired = await call(`${house.url}/v1/centre/me`, session, 'GET');
    expect(expired.status).toBe(401);
    expect((expired.json as { error: string }).error).toBe('session_expired');
    team = { ...team, sup: await logIn(house, clock, team.secrets, 'sup'), sup2: await logIn(house, clock, team.secrets, 'sup2'), op: await logIn(house, clock, team.secrets, 'op'), aud: await logIn(house, clock, team.secrets, 'aud') };
  });

  it('locks an account after repeated failures, even for the right password, until the lock ends', async () => {
    for (let i = 1; i < MAX_FAILED_LOGINS; i += 1) expect((await call(`${house.url}/v1/centre/login`, undefined, 'POST', { username: 'op', password: 'wrong password!!' })).status).toBe(401);
    const locked = await call(`${house.url}/v1/centre/login`, undefined, 'POST', { username: 'op', password: 'wrong password!!' });
    expect(locked.status).toBe(423);
    expect((await call(`${house.url}/v1/centre/login`, undefined, 'POST', { username: 'op', password: PASSWORD })).status).toBe(423);
    expect(await audit('centre.locked')).toHaveLength(1);
    clock.advance(LOCKOUT_MS);
    // The lock outlasts the idle timeout: everyone logs in again.
    team = { ...team, op: await logIn(house, clock, team.secrets, 'op'), sup: await logIn(house, clock, team.secrets, 'sup'), sup2: await logIn(house, clock, team.secrets, 'sup2') };
    expect(team.op).toMatch(/.{32,}/);
  });

  it('publishes a suspension, refuses payments from and to the bank, and resumes it', async () => {
    const proposed = await call(`${house.url}/v1/centre/proposals`, team.op, 'POST', { type: 'participant.suspend', payload: { participantId: 'C', reason: '未足额缴存' } });
    const id = (proposed.json as { proposal: { id: number } }).proposal.id;
    expect((await call(`${house.url}/v1/centre/proposals/${id}/approve`, team.sup2, 'POST', {})).status).toBe(200);
    const directory = (await call(`${house.url}/v1/directory`, TOKENS.A, 'GET')).json as { participants: Array<{ id: string; active: boolean; bankCode: string }> };
    expect(directory.participants.map((p) => [p.id, p.bankCode, p.active])).toEqual([
      ['A', '102521000011', true],
      ['B', '103521000012', true],
      ['C', '104521000013', false],
    ]);
    const push = await call(`${house.url}/v1/sync/push`, TOKENS.A, 'POST', pushBody('a-suspend', 1, [paymentPayload('to-c-1', 'C', '10.00')]));
    expect((push.json as { results: Array<{ status: string; code?: string }> }).results[0]).toMatchObject({ status: 'rejected', code: 'PARTICIPANT_SUSPENDED' });
    const resumed = await call(`${house.url}/v1/centre/proposals`, team.op, 'POST', { type: 'participant.resume', payload: { participantId: 'C' } });
    const resumeId = (resumed.json as { proposal: { id: number } }).proposal.id;
    expect((await call(`${house.url}/v1/centre/proposals/${resumeId}/approve`, team.sup, 'POST', {})).status).toBe(200);
    const again = await call(`${house.url}/v1/sync/push`, TOKENS.A, 'POST', pushBody('a-suspend', 2, [paymentPayload('to-c-2', 'C', '10.00')]));
    expect((again.json as { results: Array<{ status: string }> }).results[0]?.status).toBe('accepted');
    const feed = (await call(`${house.url}/v1/sync/pull?limit=1000`, TOKENS.B, 'GET')).json as { changes: Array<{ type: string; data: { id?: string; active?: boolean } }> };
    expect(feed.changes.filter((c) => c.type === 'participant' && c.data.id === 'C').map((c) => c.data.active)).toEqual([true, false, true]);
  });
});
