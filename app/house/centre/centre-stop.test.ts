import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHouse, type RunningHouse } from '../house';
import type { CentrePayment } from '../../shared/contract/centre-payment-api';
import type { Change, PushRequest, PushResponse } from '../../shared/contract/sync-protocol';
import { TEST_SEED, TOKENS, call, paymentPayload, pushBody } from '../test-support/fixtures';
import { centreTeam, testClock } from './test-support/centre-fixtures';

/**
 * 止付 at a bootstrapped house (the admin token disabled): a named centre operator stops a queued
 * payment through /v1/centre/payments/:id/stop, it stays queued when liquidity comes, another
 * centre person releases it and it settles; the auditor only looks; a bank token is refused.
 */
describe('the clearing centre stops and releases a payment', () => {
  let house: RunningHouse;
  const clock = testClock('2026-12-07T02:00:00.000Z');
  let team: Awaited<ReturnType<typeof centreTeam>>;
  const reason = '公安机关协查，暂停支付';

  beforeAll(async () => {
    house = await startHouse({ seed: TEST_SEED, logLevel: 'silent', offsetIntervalMs: 0, cycleIntervalMs: 0, businessDate: '2026-12-07', centre: { nowMs: clock.nowMs, timers: false } });
    team = await centreTeam(house, clock);
  }, 120_000);
  afterAll(async () => house?.close());

  const push = async (token: string, request: PushRequest) => {
    const answer = await call(`${house.url}/v1/sync/push`, token, 'POST', request);
    expect(answer.status).toBe(200);
    return answer.json as PushResponse;
  };
  const lookUp = async (id: string, session = team.aud) => {
    const answer = await call(`${house.url}/v1/centre/payments/${id}`, session, 'GET');
    expect(answer.status, JSON.stringify(answer.json)).toBe(200);
    return (answer.json as { payment: CentrePayment }).payment;
  };
  const route = (id: string, action: 'stop' | 'release', session: string | undefined, body: unknown = { reason }) => call(`${house.url}/v1/centre/payments/${id}/${action}`, session, 'POST', body);

  it('stops a queued payment in the operator\'s name; it stays queued when liquidity comes until another centre person releases it', async () => {
    // C holds 100.00: 150.00 queues.
    await push(TOKENS.C, pushBody('cs-c', 1, [paymentPayload('cs-p1', 'A', '150.00')]));
    expect(await lookUp('cs-p1')).toMatchObject({ id: 'cs-p1', kind: 'hvps', from: 'C', to: 'A', amount: '150.00', currency: 'CNY', status: 'queued', stop: null, stops: [] });

    // Refused, changing nothing: a bank token, the auditor, an empty reason.
    expect((await route('cs-p1', 'stop', TOKENS.C)).status).toBe(401);
    expect((await route('cs-p1', 'stop', house.adminToken)).status).toBe(401);
    const byAuditor = await route('cs-p1', 'stop', team.aud);
    expect(byAuditor.status).toBe(403);
    expect((byAuditor.json as { error: string }).error).toBe('read_only');
    expect((await route('cs-p1', 'stop', team.op, { reason: '  ' })).status).toBe(400);
    expect((await route('cs-p1', 'stop', team.op, {})).status).toBe(400);
    expect((await lookUp('cs-p1')).stop).toBeNull();

    const stopped = await route('cs-p1', 'stop', team.op);
    expect(stopped.status).toBe(200);
    expect(stopped.json).toEqual({ paymentId: 'cs-p1', state: 'stopped' });
    expect((await route('cs-p1', 'stop', team.sup)).json).toMatchObject({ error: 'refused', reason: 'NOT_STOPPABLE' });
    const seen = await lookUp('cs-p1');
    expect(seen).toMatchObject({ status: 'queued', stop: { by: 'centre', operator: 'op', reason } });
    expect(seen.stops.map((e) => [e.by, e.action, e.operator])).toEqual([['centre', 'stop', 'op']]);

    // The bank cannot lift the centre's stop.
    const byBank = await push(TOKENS.C, { protocolVersion: 1, deviceId: 'cs-c', mutations: [{ seq: 2, id: 'cs-p1', type: 'payment.release', payload: { reason: '自行解除' } }] });
    expect(byBank.results[0]).toMatchObject({ status: 'rejected', code: 'NOT_STOPPED' });

    // Liquidity comes (A pays C): a queued payment would settle now; the stopped one does not.
    await push(TOKENS.A, pushBody('cs-a', 1, [paymentPayload('cs-in', 'C', '200.00')]));
    expect(((await call(`${house.url}/v1/accounts/me`, TOKENS.C, 'GET')).json as { balance: string }).balance).toBe('300.00');
    expect(await lookUp('cs-p1')).toMatchObject({ status: 'queued', stop: { by: 'centre', operator: 'op' } });

    // Another centre person releases it (no maker-checker: docs/messages.md); it settles.
    const released = await route('cs-p1', 'release', team.sup2, { reason: '协查结束，解除止付' });
    expect(released.status).toBe(200);
    expect(released.json).toEqual({ paymentId: 'cs-p1', state: 'released' });
    const after = await lookUp('cs-p1', team.op);
    expect(after).toMatchObject({ status: 'settled', stop: null });
    expect(after.stops.map((e) => [e.action, e.operator, e.text])).toEqual([
      ['stop', 'op', reason],
      ['release', 'sup2', '协查结束，解除止付'],
    ]);
    expect((await route('cs-p1', 'release', team.op)).json).toMatchObject({ error: 'refused', reason: 'NOT_STOPPED' });
    expect((await route('cs-p1', 'stop', team.op)).json).toMatchObject({ error: 'refused', reason: 'NOT_STOPPABLE' });

    // The sending bank pulls the thread with the centre's entries.
    const feed = (await call(`${house.url}/v1/sync/pull?limit=1000`, TOKENS.C, 'GET')).json as { changes: Change[] };
    const thread = feed.changes.filter((c) => c.type === 'message' && c.data.id === 'STOP.cs-p1').at(-1);
    expect(thread?.type === 'message' ? thread.data : undefined).toMatchObject({ kind: 'stop', from: 'centre', to: 'C', state: 'released' });

    // The audit chain names the people, with the reason.
    const audit = (await call(`${house.url}/v1/centre/audit?limit=1000`, team.aud, 'GET')).json as {
      entries: Array<{ actor: string; action: string; entityId: string; detail: { reason?: string } }>;
      verification: { ok: boolean };
    };
    expect(audit.entries.filter((e) => e.entityId === 'cs-p1').map((e) => [e.actor, e.action, e.detail.reason])).toEqual([
      ['centre:op', 'payment.stopped', reason],
      ['centre:sup2', 'payment.released', '协查结束，解除止付'],
    ]);
    expect(audit.verification.ok).toBe(true);
  }, 120_000);

  it('looks a payment up for every centre role: 404 for none, 400 for a malformed id; a bank token gets nothing', async () => {
    expect((await call(`${house.url}/v1/centre/payments/no-such-payment`, team.op, 'GET')).status).toBe(404);
    expect((await call(`${house.url}/v1/centre/payments/${encodeURIComponent('bad id!')}`, team.op, 'GET')).status).toBe(400);
    expect((await call(`${house.url}/v1/centre/payments/cs-p1`, TOKENS.A, 'GET')).status).toBe(401);
    expect((await lookUp('cs-in', team.sup)).status).toBe('settled');
  });
});
