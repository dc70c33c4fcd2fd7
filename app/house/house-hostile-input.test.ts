import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request as httpRequest } from 'node:http';
import fc from 'fast-check';
import { MAX_PUSH_BODY_BYTES, pullAnswerSchema, pushRequestSchema } from '../shared/contract/sync-protocol';
import { startHouse, type RunningHouse } from './house';
import { TEST_SEED, TOKENS, paymentPayload, pushBody } from './test-support/fixtures';

/**
 * Hostile input for the house's HTTP face: every malformed request to the sync endpoints
 * gets a 4xx with a JSON body {error, message} that says what is wrong (malformed JSON 400,
 * oversized body 413, wrong media type 415, a body or query the protocol refuses 400), and
 * none of them writes anything: each table's row count and the device's lastSeq are the same
 * before and after. Runs on PGlite (in memory); the same server code serves PostgreSQL.
 */
interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function raw(url: string, options: { method?: string; headers?: Record<string, string>; body?: string | Buffer; chunks?: Buffer[] }): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: options.method ?? 'POST', headers: options.headers ?? {} }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => parts.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts).toString('utf8') }));
    });
    // The server may answer 413 and close while a large body is still being written.
    req.on('error', (error: NodeJS.ErrnoException) => (error.code === 'EPIPE' || error.code === 'ECONNRESET' ? undefined : reject(error)));
    if (options.chunks) {
      for (const chunk of options.chunks) req.write(chunk);
      req.end();
    } else req.end(options.body);
  });
}

/** A 4xx answer whose body is JSON {error: code, message: words}. */
function expectClearError(answer: RawAnswer, status: number | number[], code?: string): { error: string; message: string } {
  const statuses = Array.isArray(status) ? status : [status];
  const show = `${answer.status} ${answer.body.slice(0, 300)}`;
  expect(statuses, show).toContain(answer.status);
  expect(String(answer.headers['content-type']), show).toMatch(/^application\/json/);
  const body = JSON.parse(answer.body) as { error: string; message: string };
  expect(typeof body.error, show).toBe('string');
  expect(body.error, show).toMatch(/^[a-z_]+$/);
  expect(typeof body.message, show).toBe('string');
  expect(body.message.length, show).toBeGreaterThan(5);
  expect(body.message.length, show).toBeLessThan(2000);
  if (code !== undefined) expect(body.error, show).toBe(code);
  return body;
}

describe('house: hostile requests to the sync endpoints', () => {
  let house: RunningHouse;
  let pushUrl: string;
  const DEVICE = 'hostile-dev';

  /** Row counts of every table, and the device's lastSeq: what "nothing was written" means. */
  async function ledgerState(): Promise<Record<string, string>> {
    const { rows: tables } = await house.store.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name",
    );
    const state: Record<string, string> = {};
    for (const { table_name: name } of tables) {
      const { rows } = await house.store.query<{ n: unknown }>(`SELECT count(*) AS n FROM "${name}"`);
      state[name] = String(rows[0]?.n);
    }
    const { rows } = await house.store.query<{ last_seq: unknown }>('SELECT last_seq FROM devices WHERE device_id = $1', [DEVICE]);
    state['devices.lastSeq'] = String(rows[0]?.last_seq);
    return state;
  }

  const json = (body: string | Buffer, extra: Record<string, string> = {}) => raw(pushUrl, { headers: { authorization: `Bearer ${TOKENS.A}`, 'content-type': 'application/json', ...extra }, body });

  beforeAll(async () => {
    // No business clock: a minute tick journals a `time` command, and these tests count every table's rows.
    house = await startHouse({ seed: TEST_SEED, logLevel: 'silent', cycleIntervalMs: 0, offsetIntervalMs: 0, businessDate: '2026-03-02', businessClock: { intervalMs: 0 } });
    pushUrl = `${house.url}/v1/sync/push`;
    // One good push so the device exists with lastSeq 1: hostile pushes must leave it there.
    const ok = await json(JSON.stringify(pushBody(DEVICE, 1, [paymentPayload('hostile-ok-1', 'B', '1.00')])));
    expect(ok.status).toBe(200);
    expect((await ledgerState())['devices.lastSeq']).toBe('1');
  }, 120_000);
  afterAll(async () => {
    await house?.close();
  });

  it('malformed JSON is a 400 with a JSON error body, whatever the breakage', async () => {
    const before = await ledgerState();
    const bodies = [
      '{', '[', '{"protocolVersion":1,"deviceId":', '{"a":}', "{'a':1}", '{"a":1,}', 'nul', 'tru', '01', '{"a":1}{"b":2}', 'NaN', '\u0000',
      '{"a":"\\x41"}', '{"a":"\\ud800"', ' ', Buffer.from([0x7b, 0xff, 0xfe, 0x7d]),
    ];
    for (const body of bodies) expectClearError(await json(body), 400);
    // An empty body declared as JSON, and JSON in a charset JSON does not use.
    expectClearError(await json(''), 400);
    expectClearError(await json('{}', { 'content-type': 'application/json; charset=utf-16' }), [400, 415]);
    // A path that is not valid percent-encoding.
    expectClearError(await raw(`${house.url}/v1/sync/%E0%A4%A`, { headers: { authorization: `Bearer ${TOKENS.A}`, 'content-type': 'application/json' }, body: '{}' }), [400, 404]);
    expect(await ledgerState()).toEqual(before);
  });

  it('prototype poisoning in the body is refused with 400', async () => {
    const before = await ledgerState();
    const valid = pushBody(DEVICE, 2, [paymentPayload('hostile-proto', 'B', '1.00')]);
    const poisoned = [
      `{"__proto__":{"polluted":true},${JSON.stringify(valid).slice(1)}`,
      `{"constructor":{"prototype":{"polluted":true}},${JSON.stringify(valid).slice(1)}`,
      JSON.stringify(valid).replace('"payload":{', '"payload":{"__proto__":{"polluted":true},'),
    ];
    for (const body of poisoned) expectClearError(await json(body), 400);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(await ledgerState()).toEqual(before);
  });

  it('a body over the limit is a 413 with a JSON error body, with or without Content-Length', async () => {
    const before = await ledgerState();
    const big = Buffer.alloc(MAX_PUSH_BODY_BYTES + 1024, 0x20);
    expectClearError(await json(big), 413, 'body_too_large');
    // Chunked: no Content-Length to refuse up front; the limit still holds while reading.
    const chunk = Buffer.alloc(256 * 1024, 0x20);
    const chunks = Array.from({ length: Math.ceil((MAX_PUSH_BODY_BYTES + 1) / chunk.length) + 1 }, () => chunk);
    expectClearError(await raw(pushUrl, { headers: { authorization: `Bearer ${TOKENS.A}`, 'content-type': 'application/json', 'transfer-encoding': 'chunked' }, chunks }), 413, 'body_too_large');
    // A JSON document just over the limit, valid in every other way.
    const padded = { ...pushBody(DEVICE, 2, [{ ...paymentPayload('hostile-big', 'B', '1.00'), purpose: 'x'.repeat(MAX_PUSH_BODY_BYTES) }]) };
    expectClearError(await json(JSON.stringify(padded)), 413, 'body_too_large');
    expect(await ledgerState()).toEqual(before);
  });

  it('a body that is not JSON by media type gets 415, or 400 when it is text the protocol cannot read', async () => {
    const before = await ledgerState();
    const body = JSON.stringify(pushBody(DEVICE, 2, [paymentPayload('hostile-ct', 'B', '1.00')]));
    const auth = { authorization: `Bearer ${TOKENS.A}` };
    for (const type of ['application/xml', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/octet-stream', 'image/png', 'json']) {
      expectClearError(await raw(pushUrl, { headers: { ...auth, 'content-type': type }, body }), 415, 'unsupported_media_type');
    }
    // No Content-Type at all, with a body.
    expectClearError(await raw(pushUrl, { headers: { ...auth }, body }), [400, 415]);
    // text/plain is read as text: a string is not a push request.
    expectClearError(await raw(pushUrl, { headers: { ...auth, 'content-type': 'text/plain' }, body }), 400, 'invalid_request');
    expect(await ledgerState()).toEqual(before);
  });

  it('random push bodies and mutations of a valid one that the protocol refuses: 400 invalid_request, nothing written', async () => {
    const before = await ledgerState();
    const valid = pushBody(DEVICE, 2, [paymentPayload('hostile-fuzz-2', 'B', '1.00'), paymentPayload('hostile-fuzz-3', 'B', '2.00')]);
    const junk = fc.oneof(
      fc.constantFrom<unknown>(null, true, 0, -1, 1.5, 2 ** 53, -0, '', 'x'.repeat(70), '1', [], {}, [null], { seq: 1 }, 'payment.cancel'),
      fc.jsonValue({ maxDepth: 2 }),
    );
    const mutated = fc.oneof(
      fc.record({ key: fc.constantFrom('protocolVersion', 'deviceId', 'mutations', 'extra'), value: junk }).map(({ key, value }) => ({ ...valid, [key]: value })),
      fc.record({ index: fc.nat(1), key: fc.constantFrom('seq', 'id', 'type', 'extra'), value: junk }).map(({ index, key, value }) => ({
        ...valid,
        mutations: valid.mutations.map((m, i) => (i === index ? { ...m, [key]: value } : m)),
      })),
      fc.constantFrom('protocolVersion', 'deviceId', 'mutations').map((key) => {
        const { [key as keyof typeof valid]: _dropped, ...rest } = valid;
        return rest;
      }),
      fc.jsonValue({ maxDepth: 3 }),
    );
    let sent = 0;
    await fc.assert(
      fc.asyncProperty(mutated, async (body) => {
        // A body the protocol accepts is a real push (it would advance lastSeq): not this test's business.
        if (pushRequestSchema.safeParse(body).success) return;
        expectClearError(await json(JSON.stringify(body) ?? 'null'), 400);
        sent += 1;
      }),
      { numRuns: 250 },
    );
    expect(sent).toBeGreaterThan(100);
    expect(await ledgerState()).toEqual(before);
  });

  it('more mutations than a push may carry is a 400, and so is a gap-free run that does not start where the device is', async () => {
    const before = await ledgerState();
    const many = pushBody(DEVICE, 2, Array.from({ length: 1001 }, (_, i) => paymentPayload(`hostile-many-${i}`, 'B', '1.00')));
    expectClearError(await json(JSON.stringify(many)), 400, 'invalid_request');
    const backwards = { ...pushBody(DEVICE, 2, [paymentPayload('hostile-b1', 'B', '1.00'), paymentPayload('hostile-b2', 'B', '1.00')]) };
    backwards.mutations = [...backwards.mutations].reverse();
    expectClearError(await json(JSON.stringify(backwards)), 400, 'invalid_request');
    expect(await ledgerState()).toEqual(before);
  });

  it('a well-formed push whose payload is hostile (deeply nested, huge, odd keys) is a per-mutation rejection, not a crash', async () => {
    const device = 'hostile-payload-dev';
    // Written out by hand: JSON.stringify itself overflows the stack on a value this deep.
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const payloads = [deep, JSON.stringify('x'.repeat(1_000_000)), 'null', '12', '[]', '{"id":"p","amount":"1e3"}', '{"constructor":1,"toString":2,"id":"hostile-keys"}'];
    const mutations = payloads.map((payload, i) => `{"seq":${i + 1},"id":"hostile-payload-${i}","type":"payment.submit","payload":${payload}}`);
    const answer = await json(`{"protocolVersion":1,"deviceId":"${device}","mutations":[${mutations.join(',')}]}`);
    expect(answer.status, answer.body.slice(0, 300)).toBe(200);
    const results = (JSON.parse(answer.body) as { results: { status: string; code?: string; message?: string }[] }).results;
    expect(results).toHaveLength(payloads.length);
    for (const result of results) {
      expect(result.status).toBe('rejected');
      expect(result.code).toMatch(/^[A-Z_]+$/);
      expect(result.message?.length ?? 0).toBeLessThan(2000);
    }
  });

  it('pull: random query strings get 200 with a protocol answer or 400 with a clear error; never 5xx', async () => {
    const before = await ledgerState();
    const value = fc.oneof(
      fc.constantFrom('', '0', '-1', '1', '5000', '5001', '1e3', '1.5', 'NaN', 'Infinity', '0x10', ' 1', 'abc', 'x'.repeat(200), 'ffffffffffff.12', '.1', 'a.b', '12;drop', '%00', '%FF', '__proto__'),
      fc.string({ maxLength: 20 }),
    );
    const query = fc.array(fc.tuple(fc.constantFrom('cursor', 'limit', 'extra', '__proto__', 'cursor[]', 'limit[a]'), value), { maxLength: 4 });
    await fc.assert(
      fc.asyncProperty(query, async (pairs) => {
        const qs = pairs.map(([k, v]) => `${encodeURIComponent(k)}=${v.startsWith('%') ? v : encodeURIComponent(v)}`).join('&');
        const answer = await raw(`${house.url}/v1/sync/pull${qs === '' ? '' : `?${qs}`}`, { method: 'GET', headers: { authorization: `Bearer ${TOKENS.A}` } });
        if (answer.status === 200) expect(pullAnswerSchema.safeParse(JSON.parse(answer.body)).success).toBe(true);
        else expectClearError(answer, 400);
      }),
      { numRuns: 200 },
    );
    expect(await ledgerState()).toEqual(before);
  });

  it('a bad token is 401 in JSON before the body is looked at; an unknown route or method is 404 in JSON', async () => {
    const before = await ledgerState();
    expectClearError(await raw(pushUrl, { headers: { authorization: 'Bearer not-a-real-token-at-all', 'content-type': 'application/json' }, body: '{}' }), 401);
    expectClearError(await raw(`${house.url}/v1/sync/push`, { method: 'GET' }), 404, 'not_found');
    expectClearError(await raw(`${house.url}/v1/sync/nothing`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }), 404, 'not_found');
    expect(await ledgerState()).toEqual(before);
  });

  it('admin routes: random bodies and parameters the schemas refuse are 400 with a clear error, and change nothing', async () => {
    const admin = { authorization: `Bearer ${house.adminToken}`, 'content-type': 'application/json' };
    const routes: { method: string; path: string }[] = [
      { method: 'POST', path: '/v1/admin/participants' },
      { method: 'PUT', path: '/v1/admin/participants/B/net-debit-cap' },
      { method: 'POST', path: '/v1/admin/participants/B/liquidity' },
      { method: 'POST', path: '/v1/admin/end-of-day' },
      { method: 'POST', path: '/v1/admin/participants/B/token' },
    ];
    const hostileBody = fc.oneof(
      fc.constantFrom('[]', '"text"', '1e400', 'null', '{"balance":1.5}', '{"amount":"1e3"}', '{"netDebitCap":"-0.00"}', '{"nextBusinessDate":"2026-02-30"}', '{"id":"__proto__"}'),
      fc.dictionary(fc.constantFrom('id', 'name', 'bankCode', 'balance', 'netDebitCap', 'amount', 'token', 'nextBusinessDate', 'extra'), fc.anything()).map((o) => JSON.stringify(o)),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), hostileBody, async (route, body) => {
        const beforeOne = await ledgerState();
        const answer = await raw(`${house.url}${route.path}`, { method: route.method, headers: admin, body });
        // A body the schema accepts (say {} to end the day) is a real admin action: it may change state, and is not this test's business.
        if (answer.status < 300) return;
        expectClearError(answer, [400, 404, 409, 422]);
        expect(await ledgerState()).toEqual(beforeOne);
      }),
      { numRuns: 150, seed: 0x7a11 },
    );
    // Path parameters: an id the schema refuses never reaches the engine.
    for (const id of ['%00', '..%2F..', 'x'.repeat(300), '%E2%80%AE']) {
      const before = await ledgerState();
      expectClearError(await raw(`${house.url}/v1/admin/participants/${id}/liquidity`, { method: 'POST', headers: admin, body: '{"amount":"1.00"}' }), [400, 404]);
      expect(await ledgerState()).toEqual(before);
    }
  });
});
