import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CentrePayment } from '../../shared/contract/centre-payment-api';
import type { ContractError } from '../../shared/contract';
import { createConsoleBackend } from '../backend';
import { createCentreExtension } from './centre-extension';

type Backend = Awaited<ReturnType<typeof createConsoleBackend>>;
type Seen = { method: string; path: string; token: string | null; body: unknown };

const HOUSE = 'http://house.test';
const payment = (over: Partial<CentrePayment> = {}): CentrePayment => ({
  id: 'P-1',
  kind: 'hvps',
  from: 'HKB',
  to: 'ICBC',
  amount: '1500.00',
  currency: 'CNY',
  priority: 2,
  status: 'queued',
  businessDate: '2026-12-07',
  stop: null,
  stops: [],
  ...over,
});

/**
 * centre.payments.lookup / stop / release (止付) against a stand-in house: the paths and bodies
 * the console sends, the answers it checks, the engine's refusal in both languages, and the
 * centre auditor refused before the house is asked.
 */
describe('the centre console stops and releases payments', () => {
  let backend: Backend;
  let dataDir = '';
  const seen: Seen[] = [];
  /** The stand-in house's answers for the payment routes, by `METHOD path`. */
  const answers = new Map<string, { status: number; body: unknown }>();

  const fakeFetch: typeof fetch = async (input, init) => {
    const url = new URL(String(input));
    const method = init?.method ?? 'GET';
    const token = new Headers(init?.headers).get('authorization');
    const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as { username?: string }) : undefined;
    seen.push({ method, path: url.pathname, token, body });
    const json = (status: number, value: unknown) => new Response(JSON.stringify(value), { status, headers: { 'content-type': 'application/json' } });
    if (url.pathname === '/v1/centre/login') return json(200, { challenge: `challenge-of-${body?.username ?? ''}-0123456789`, expiresAt: '2026-12-07T02:05:00.000Z' });
    if (url.pathname === '/v1/centre/login/totp') {
      const username = (body as { challenge: string }).challenge.split('-')[2] ?? '';
      const role = username === 'aud' ? 'centre-auditor' : 'centre-operator';
      const operator = { username, name: `${username} 姓名`, role, active: true, enrolled: true, lockedUntil: null, createdAt: '2026-12-07T01:00:00.000Z', createdBy: 'sup' };
      return json(200, { session: `session-${username}`, expiresAt: '2026-12-07T10:00:00.000Z', idleTimeoutSeconds: 900, operator });
    }
    if (url.pathname === '/v1/centre/schedule') return json(200, { state: { businessDate: '2026-12-07', schedule: null, phase: null, next: null, nextCutoff: null }, schedules: [] });
    if (url.pathname === '/v1/centre/logout') return json(200, {});
    const answer = answers.get(`${method} ${url.pathname}`);
    return answer === undefined ? json(404, { error: 'not_found', message: `no route ${url.pathname}` }) : json(answer.status, answer.body);
  };

  const ok = async <T>(key: string, name: string, input: unknown = {}): Promise<T> => {
    const result = await backend.invoke(key, name, input);
    if (!result.ok) throw new Error(`${name}: ${JSON.stringify(result.error)}`);
    return result.value as T;
  };
  const refused = async (key: string, name: string, input: unknown): Promise<ContractError> => {
    const result = await backend.invoke(key, name, input);
    if (result.ok) throw new Error(`${name} went through`);
    return result.error;
  };
  const signIn = async (key: string, username: string) => {
    await ok(key, 'centre.login', { username, password: 'correct horse battery' });
    await ok(key, 'centre.loginTotp', { code: '123456' });
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'centre-stop-console-'));
    backend = await createConsoleBackend({ dataDir, log: () => {}, extensions: [createCentreExtension({ houseUrl: HOUSE, fetch: fakeFetch })] });
    await signIn('k-op', 'op');
    await signIn('k-aud', 'aud');
  });
  afterAll(async () => {
    await backend?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('looks a payment up with the operator\'s house session', async () => {
    answers.set('GET /v1/centre/payments/P-1', { status: 200, body: { payment: payment() } });
    seen.length = 0;
    expect((await ok<{ payment: CentrePayment }>('k-aud', 'centre.payments.lookup', { id: 'P-1' })).payment).toEqual(payment());
    expect(seen).toEqual([{ method: 'GET', path: '/v1/centre/payments/P-1', token: 'Bearer session-aud', body: undefined }]);
    expect((await refused('k-aud', 'centre.payments.lookup', { id: 'no such id!' })).code).toBe('validation');
    expect((await refused('k-aud', 'centre.payments.lookup', { id: 'P-404' })).code).toBe('centre.not_found');
  });

  it('stops with the reason and answers the payment as it now stands, stopped by the operator', async () => {
    const stopped = payment({ stop: { by: 'centre', operator: 'op', at: '2026-12-07T02:01:00.000Z', reason: '协查' }, stops: [{ at: '2026-12-07T02:01:00.000Z', by: 'centre', action: 'stop', text: '协查', operator: 'op' }] });
    answers.set('POST /v1/centre/payments/P-1/stop', { status: 200, body: { paymentId: 'P-1', state: 'stopped' } });
    answers.set('GET /v1/centre/payments/P-1', { status: 200, body: { payment: stopped } });
    seen.length = 0;
    expect((await ok<{ payment: CentrePayment }>('k-op', 'centre.payments.stop', { id: 'P-1', reason: ' 协查 ' })).payment.stop).toMatchObject({ by: 'centre', operator: 'op' });
    expect(seen.map((s) => [s.method, s.path, s.token, s.body])).toEqual([
      ['POST', '/v1/centre/payments/P-1/stop', 'Bearer session-op', { reason: '协查' }],
      ['GET', '/v1/centre/payments/P-1', 'Bearer session-op', undefined],
    ]);
    // A reason is required (and at most 140 characters): refused before the house is asked.
    seen.length = 0;
    expect((await refused('k-op', 'centre.payments.stop', { id: 'P-1', reason: '   ' })).code).toBe('validation');
    expect((await refused('k-op', 'centre.payments.release', { id: 'P-1', reason: 'x'.repeat(141) })).code).toBe('validation');
    expect(seen).toEqual([]);
  });

  it('carries the engine\'s refusal in both languages with its reason code', async () => {
    answers.set('POST /v1/centre/payments/P-1/release', { status: 409, body: { error: 'refused', reason: 'NOT_STOPPED', message: 'release refused: NOT_STOPPED' } });
    const error = await refused('k-op', 'centre.payments.release', { id: 'P-1', reason: '解除' });
    expect(error).toMatchObject({ code: 'centre.refused', messageZh: '清算中心拒绝执行：该支付未止付或无权解除止付【NOT_STOPPED】' });
    expect(error.message).toContain('[NOT_STOPPED]');
  });

  it('refuses the centre auditor before the house is asked', async () => {
    seen.length = 0;
    for (const name of ['centre.payments.stop', 'centre.payments.release']) expect((await refused('k-aud', name, { id: 'P-1', reason: '协查' })).code, name).toBe('auth.forbidden');
    expect(seen).toEqual([]);
  });
});
