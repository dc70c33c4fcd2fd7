import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { request as httpRequest } from 'node:http';
import { startHouse, type RunningHouse } from './house';
import { TEST_SEED, TOKENS, call, createTestDatabase, paymentPayload, postgresAvailable, pushBody } from './test-support/fixtures';

const hasPostgres = await postgresAvailable();

/** Sends exact bytes: malformed JSON and oversized bodies, as a broken client would. */
function rawPost(url: string, token: string, body: string | Buffer): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

function protocolSuite(storeName: string, storeOptions: () => Promise<{ options: { databaseUrl?: string }; cleanup: () => Promise<void> }>): void {
  describe(`house sync protocol on ${storeName}`, () => {
    let house: RunningHouse;
    let cleanup: () => Promise<void> = async () => undefined;
    const push = (token: string, body: unknown) => call(`${house.url}/v1/sync/push`, token, 'POST', body);
    // Without the business clock, which ticks every second (a `time` command): only money and controls must stay.
    const me = async (token: string) => {
      const { clock: _clock, ...rest } = (await call(`${house.url}/v1/accounts/me`, token, 'GET')).json as Record<string, string>;
      return rest;
    };

    beforeAll(async () => {
      const made = await storeOptions();
      cleanup = made.cleanup;
      house = await startHouse({ ...made.options, seed: TEST_SEED, logLevel: 'silent', cycleIntervalMs: 0, offsetIntervalMs: 0, businessDate: '2026-03-02' });
    }, 120_000);
    afterAll(async () => {
      await house?.close();
      await cleanup();
    });

    it('accepts a payment once; a replay is answered duplicate with the original result', async () => {
      const body = pushBody('dup-dev', 1, [paymentPayload('dup-1', 'B', '10.00'), paymentPayload('dup-2', 'Q', '1.00')]);
      const first = await push(TOKENS.A, body);
      expect(first.status).toBe(200);
      expect(first.json).toEqual({
        lastSeq: 2,
        results: [
          { seq: 1, id: 'dup-1', status: 'accepted' },
          { seq: 2, id: 'dup-2', status: 'rejected', code: 'UNKNOWN_PARTICIPANT', message: 'Unknown participant' },
        ],
      });
      const balanceAfterFirst = (await me(TOKENS.A)).balance;
      const again = await push(TOKENS.A, body);
      expect(again.status).toBe(200);
      expect(again.json).toEqual({
        lastSeq: 2,
        results: [
          { seq: 1, id: 'dup-1', status: 'duplicate', original: 'accepted' },
          { seq: 2, id: 'dup-2', status: 'duplicate', original: 'rejected', code: 'UNKNOWN_PARTICIPANT', message: 'Unknown participant' },
        ],
      });
      expect((await me(TOKENS.A)).balance).toBe(balanceAfterFirst);
    });

    it('answers a gap with 409 and the lastSeq to resend from, applying nothing', async () => {
      await push(TOKENS.A, pushBody('gap-dev', 1, [paymentPayload('gap-1', 'B', '1.00')]));
      const gap = await push(TOKENS.A, pushBody('gap-dev', 3, [paymentPayload('gap-3', 'B', '1.00')]));
      expect(gap.status).toBe(409);
      expect(gap.json).toMatchObject({ error: 'gap', lastSeq: 1 });
      const next = await push(TOKENS.A, pushBody('gap-dev', 2, [paymentPayload('gap-2', 'B', '1.00'), paymentPayload('gap-3', 'B', '1.00')]));
      expect(next.status).toBe(200);
      expect((next.json as { lastSeq: number }).lastSeq).toBe(3);
    });

    it('mixes a replayed prefix and new mutations in one push', async () => {
      await push(TOKENS.B, pushBody('mix-dev', 1, [paymentPayload('mix-1', 'A', '1.00')]));
      const mixed = await push(TOKENS.B, pushBody('mix-dev', 1, [paymentPayload('mix-1', 'A', '1.00'), paymentPayload('mix-2', 'A', '1.00')]));
      expect(mixed.json).toEqual({
        lastSeq: 2,
        results: [
          { seq: 1, id: 'mix-1', status: 'duplicate', original: 'accepted' },
          { seq: 2, id: 'mix-2', status: 'accepted' },
        ],
      });
    });

    it('refuses a bad token with 401, malformed JSON with 400 and an oversized body with 413', async () => {
      const body = pushBody('auth-dev', 1, [paymentPayload('auth-1', 'B', '1.00')]);
      expect((await push('not-a-real-token-at-all', body)).status).toBe(401);
      expect((await call(`${house.url}/v1/sync/push`, undefined, 'POST', body)).status).toBe(401);
      expect((await call(`${house.url}/v1/accounts/me`, 'not-a-real-token-at-all', 'GET')).status).toBe(401);
      const malformed = await rawPost(`${house.url}/v1/sync/push`, TOKENS.A, '{"protocolVersion":1,"deviceId":');
      expect(malformed.status).toBe(400);
      expect(JSON.parse(malformed.body)).toMatchObject({ error: 'malformed_request' });
      const huge = await rawPost(`${house.url}/v1/sync/push`, TOKENS.A, Buffer.alloc(5 * 1024 * 1024, 0x20));
      expect(huge.status).toBe(413);
      const wrongVersion = await push(TOKENS.A, { ...body, protocolVersion: 2 });
      expect(wrongVersion.status).toBe(400);
      const notConsecutive = await push(TOKENS.A, { ...body, mutations: [body.mutations[0], { ...body.mutations[0], seq: 3 }] });
      expect(notConsecutive.status).toBe(400);
      // None of those reached the ledger: the device is still unknown, so seq 1 is new.
      const ok = await push(TOKENS.A, body);
      expect((ok.json as { results: Array<{ status: string }> }).results[0]?.status).toBe('accepted');
    });

    it('never takes the sender from the payload: a named sender is refused and changes nothing', async () => {
      const before = await me(TOKENS.B);
      const spoof = { ...paymentPayload('spoof-1', 'A', '500.00'), from: 'B' };
      const answer = await push(TOKENS.C, pushBody('spoof-dev', 1, [spoof]));
      expect(answer.status).toBe(200);
      expect((answer.json as { results: Array<{ status: string; code: string }> }).results[0]).toMatchObject({ status: 'rejected', code: 'SENDER_NOT_ALLOWED' });
      expect(await me(TOKENS.B)).toEqual(before);
      // A device belongs to the participant that first used it.
      const stolen = await push(TOKENS.B, pushBody('spoof-dev', 2, [paymentPayload('spoof-2', 'A', '1.00')]));
      expect(stolen.status).toBe(403);
    });

    it('a rejected payment changes no balance; the rejection is permanent and advances lastSeq', async () => {
      const c0 = await me(TOKENS.C);
      const a0 = await me(TOKENS.A);
      const answer = await push(TOKENS.C, pushBody('rej-dev', 1, [
        paymentPayload('rej-1', 'C', '1.00'), // to itself
        { ...paymentPayload('rej-2', 'A', '1.00'), amount: '1.001' }, // bad precision
        paymentPayload('dup-1', 'A', '1.00'), // id already taken by A's payment
      ]));
      expect(answer.json).toEqual({
        lastSeq: 3,
        results: [
          { seq: 1, id: 'rej-1', status: 'rejected', code: 'SAME_PARTICIPANT', message: 'Sender and receiver are the same participant' },
          expect.objectContaining({ seq: 2, id: 'rej-2', status: 'rejected', code: 'INVALID_PAYLOAD' }),
          { seq: 3, id: 'dup-1', status: 'rejected', code: 'DUPLICATE_ID', message: 'Duplicate payment id' },
        ],
      });
      expect(await me(TOKENS.C)).toEqual(c0);
      expect(await me(TOKENS.A)).toEqual(a0);
    });

    it('settles HVPS gross, queues what does not fit, and nets BEPS in a cycle the operator closes', async () => {
      // C holds 100.00 with a 50.00 net debit cap.
      const answer = await push(TOKENS.C, pushBody('flow-dev', 1, [
        paymentPayload('flow-1', 'A', '60.00'), // settles: 40.00 left
        paymentPayload('flow-2', 'B', '70.00'), // queues: only 40.00 available
        paymentPayload('flow-3', 'B', '30.00', 'beps'), // netted: net debit 30.00 within cap and balance
      ]));
      expect((answer.json as { results: Array<{ status: string }> }).results.map((r) => r.status)).toEqual(['accepted', 'accepted', 'accepted']);
      expect(await me(TOKENS.C)).toMatchObject({ balance: '40.00', netDebit: '30.00', available: '10.00' });
      const close = await call(`${house.url}/v1/admin/cycles/close`, house.adminToken, 'POST', {});
      expect(close.status).toBe(200);
      expect(await me(TOKENS.C)).toMatchObject({ balance: '10.00', netDebit: '0.00', available: '10.00' });
      const cancel = await call(`${house.url}/v1/admin/cycles/close`, TOKENS.C, 'POST', {});
      expect(cancel.status).toBe(401);
      // Central-bank liquidity releases the queued payment.
      const liquidity = await call(`${house.url}/v1/admin/participants/C/liquidity`, house.adminToken, 'POST', { amount: '100.00' });
      expect(liquidity.status).toBe(200);
      expect(await me(TOKENS.C)).toMatchObject({ balance: '40.00' });
    });

    it('pages the change feed in house order with cursors, each participant seeing only its own', async () => {
      const seen: Array<{ seq: number; type: string; data: Record<string, unknown> }> = [];
      let cursor = '';
      let pages = 0;
      for (;;) {
        const page = await call(`${house.url}/v1/sync/pull?cursor=${encodeURIComponent(cursor)}&limit=3`, TOKENS.C, 'GET');
        expect(page.status).toBe(200);
        const body = page.json as { cursor: string; hasMore: boolean; changes: typeof seen };
        expect(body.changes.length).toBeLessThanOrEqual(3);
        seen.push(...body.changes);
        cursor = body.cursor;
        pages += 1;
        if (!body.hasMore) break;
      }
      expect(pages).toBeGreaterThan(2);
      const seqs = seen.map((c) => c.seq);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      expect(new Set(seqs).size).toBe(seqs.length);
      const statuses = new Map(seen.filter((c) => c.type === 'payment.status').map((c) => [c.data.id, c.data.status]));
      expect(statuses.get('flow-1')).toBe('settled');
      expect(statuses.get('flow-2')).toBe('settled'); // released by the liquidity
      expect(statuses.get('flow-3')).toBe('settled'); // settled at the cycle close
      expect(seen.find((c) => c.type === 'payment.status' && c.data.id === 'flow-3')?.data.cycleId).toBe('1');
      expect(seen.find((c) => c.type === 'payment.status' && c.data.id === 'flow-1')?.data.cycleId).toBeUndefined();
      expect(statuses.get('rej-1')).toBe('rejected');
      expect(statuses.has('dup-1')).toBe(false); // A's payment, not C's
      const cycle = seen.find((c) => c.type === 'cycle.closed');
      expect(cycle?.data).toMatchObject({ net: { C: '-30.00' }, bilateral: { B: '-30.00' } });
      expect(seen.filter((c) => c.type === 'participant').map((c) => c.data.id)).toEqual(['A', 'B', 'C']);
      // B sees C's payments to it as inbound, and nothing about C's other payments.
      const b = await call(`${house.url}/v1/sync/pull?limit=500`, TOKENS.B, 'GET');
      const bChanges = (b.json as { changes: typeof seen }).changes;
      const inbound = bChanges.filter((c) => c.type === 'payment.inbound').map((c) => c.data);
      expect(inbound.filter((p) => p.from === 'C').map((p) => p.id).sort()).toEqual(['flow-2', 'flow-3']);
      expect(bChanges.some((c) => c.data.id === 'flow-1')).toBe(false);
      // Nothing new after the last cursor.
      const tail = await call(`${house.url}/v1/sync/pull?cursor=${encodeURIComponent(cursor)}`, TOKENS.C, 'GET');
      expect(tail.json).toEqual({ cursor, hasMore: false, changes: [] });
    });

    it('answers resync to a cursor from another ledger, and 400 to a malformed one', async () => {
      const foreign = await call(`${house.url}/v1/sync/pull?cursor=ffffffffffff.12`, TOKENS.A, 'GET');
      expect(foreign.status).toBe(200);
      expect(foreign.json).toMatchObject({ resync: true, cursor: '' });
      const malformed = await call(`${house.url}/v1/sync/pull?cursor=12;drop`, TOKENS.A, 'GET');
      expect(malformed.status).toBe(400);
      const tooMany = await call(`${house.url}/v1/sync/pull?limit=100000`, TOKENS.A, 'GET');
      expect(tooMany.status).toBe(400);
    });

    it('conserves money: balances always sum to the seeded total plus liquidity', async () => {
      const list = await call(`${house.url}/v1/admin/participants`, house.adminToken, 'GET');
      const participants = (list.json as { participants: Array<{ balance: string }> }).participants;
      const totalFen = participants.reduce((sum, p) => sum + BigInt(p.balance.replace('.', '')), 0n);
      // 1,000,000.00 + 1,000,000.00 + 100.00 seeded, 100.00 liquidity added to C.
      expect(totalFen).toBe(200_020_000n);
    });

    it('serves health and Prometheus metrics', async () => {
      const health = await call(`${house.url}/healthz`, undefined, 'GET');
      expect(health.json).toMatchObject({ ok: true, store: storeName === 'PostgreSQL' ? 'postgres' : 'pglite' });
      const metrics = await call(`${house.url}/metrics`, undefined, 'GET');
      const text = String(metrics.json);
      expect(text).toMatch(/hankou_mutations_applied_total\{outcome="accepted"\} \d+/);
      expect(text).toMatch(/hankou_http_request_duration_seconds_bucket\{route="\/v1\/sync\/push",le="\+Inf"\} \d+/);
      expect(text).toMatch(/hankou_store_commit_duration_seconds_count \d+/);
      expect(text).toContain('hankou_payment_queue_depth{queue="rtgs"}');
      expect(text).toContain('hankou_cycle_info{cycle="2",business_date="2026-03-02"} 1');
    });
  });
}

protocolSuite('PGlite', async () => ({ options: {}, cleanup: async () => undefined }));

describe.skipIf(!hasPostgres)('PostgreSQL available', () => {
  protocolSuite('PostgreSQL', async () => {
    const db = await createTestDatabase();
    return { options: { databaseUrl: db.url }, cleanup: db.drop };
  });
});
