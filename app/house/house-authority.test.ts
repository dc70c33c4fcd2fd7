import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { request as httpRequest } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { Writable } from 'node:stream';
import { startHouse, type RunningHouse } from './house';
import { TEST_SEED, TOKENS, call, paymentPayload, pushBody } from './test-support/fixtures';

/**
 * Authority at the house: a token acts only as its participant, admin routes need the admin token,
 * tokens rotate and revoke (persisted), failed authentications are rate-limited and logged,
 * and all of it lands in the house audit log.
 */

const houseOptions = { seed: TEST_SEED, logLevel: 'silent' as const, cycleIntervalMs: 0, offsetIntervalMs: 0, businessDate: '2026-03-02' };

/** A request from another loopback address (127.0.0.0/8 all reach the house on 127.0.0.1). */
function callFrom(localAddress: string, url: string, token: string | undefined, method = 'GET'): Promise<{ status: number; headers: Record<string, unknown>; json: unknown }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
    const req = httpRequest(url, { method, headers, localAddress }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, headers: res.headers, json: text ? (JSON.parse(text) as unknown) : undefined });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

interface AuditEntryJson {
  seq: number;
  actor: string;
  action: string;
  entity: string;
  entityId: string;
  detail: Record<string, unknown>;
  hash: string;
}
interface AuditPage {
  entries: AuditEntryJson[];
  hasMore: boolean;
  head: { seq: number; hash: string } | null;
  verification: { ok: boolean; count: number; seq?: number; problem?: string; lastHash?: string };
}

async function auditLog(house: RunningHouse, after = 0, limit = 1000): Promise<AuditPage> {
  const page = await call(`${house.url}/v1/admin/audit?after=${after}&limit=${limit}`, house.adminToken, 'GET');
  expect(page.status).toBe(200);
  return page.json as AuditPage;
}

describe('house authority: a token acts only as its participant', () => {
  let house: RunningHouse;
  beforeAll(async () => {
    house = await startHouse(houseOptions);
  }, 120_000);
  afterAll(async () => {
    await house?.close();
  });

  it('refuses a payload naming any sender, whatever the field, and changes no balance', async () => {
    // The business clock ticks every second (a `time` command); only the money and the controls must stay.
    const me = async (token: string) => {
      const { clock: _clock, ...rest } = (await call(`${house.url}/v1/accounts/me`, token, 'GET')).json as Record<string, string>;
      return rest;
    };
    const before = { b: await me(TOKENS.B), c: await me(TOKENS.C) };
    const fields = ['from', 'sender', 'senderId', 'participant', 'participantId'];
    const payloads = fields.map((field, i) => ({ ...paymentPayload(`spoofed-${i}`, 'A', '10.00'), [field]: 'B' }));
    const answer = await call(`${house.url}/v1/sync/push`, TOKENS.C, 'POST', pushBody('authority-dev', 1, payloads));
    expect(answer.status).toBe(200);
    const results = (answer.json as { results: Array<{ status: string; code: string; message: string }> }).results;
    expect(results.map((r) => [r.status, r.code])).toEqual(fields.map(() => ['rejected', 'SENDER_NOT_ALLOWED']));
    expect(results[0]?.message).toContain('("from")');
    expect(await me(TOKENS.B)).toEqual(before.b);
    expect(await me(TOKENS.C)).toEqual(before.c);
  });

  it('shows each token its own account and its own feed only', async () => {
    for (const [id, token] of Object.entries(TOKENS)) {
      expect(((await call(`${house.url}/v1/accounts/me`, token, 'GET')).json as { participant: string }).participant).toBe(id);
    }
    const paid = await call(`${house.url}/v1/sync/push`, TOKENS.A, 'POST', pushBody('authority-a', 1, [paymentPayload('a-to-b-1', 'B', '5.00')]));
    expect((paid.json as { results: Array<{ status: string }> }).results[0]?.status).toBe('accepted');
    const feed = async (token: string) => ((await call(`${house.url}/v1/sync/pull?limit=500`, token, 'GET')).json as { changes: Array<{ type: string; data: Record<string, unknown> }> }).changes;
    const c = await feed(TOKENS.C);
    expect(c.some((change) => change.data.id === 'a-to-b-1')).toBe(false);
    expect(c.filter((change) => change.type === 'payment.status').every((change) => String(change.data.id).startsWith('spoofed-'))).toBe(true);
    const b = await feed(TOKENS.B);
    expect(b.find((change) => change.data.id === 'a-to-b-1')?.type).toBe('payment.inbound');
    const a = await feed(TOKENS.A);
    expect(a.find((change) => change.data.id === 'a-to-b-1')?.type).toBe('payment.status');
  });

  it('keeps admin routes for the admin token and participant routes for participant tokens', async () => {
    for (const [method, path] of [
      ['GET', '/v1/admin/participants'],
      ['GET', '/v1/admin/audit'],
      ['POST', '/v1/admin/participants/A/token'],
      ['DELETE', '/v1/admin/participants/B/token'],
      ['POST', '/v1/admin/end-of-day'],
      ['GET', '/v1/admin/no-such-route'],
    ] as const) {
      expect((await call(`${house.url}${path}`, TOKENS.A, method, method === 'GET' || method === 'DELETE' ? undefined : {})).status, `${method} ${path}`).toBe(401);
    }
    expect((await call(`${house.url}/v1/sync/pull`, house.adminToken, 'GET')).status).toBe(401);
    expect((await call(`${house.url}/v1/accounts/me`, house.adminToken, 'GET')).status).toBe(401);
    // Nothing above reached the ledger: A and B still hold their tokens.
    expect((await call(`${house.url}/v1/accounts/me`, TOKENS.B, 'GET')).status).toBe(200);
  });
});

describe('house tokens: rotation and revocation, kept across a restart', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'hankou-house-tokens-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('a rotated token stops at once, a revoked one gets 401, both survive a restart, all audited', async () => {
    let house = await startHouse({ ...houseOptions, dataDir });
    let newA: string;
    try {
      const me = (token: string) => call(`${house.url}/v1/accounts/me`, token, 'GET');
      const rotated = await call(`${house.url}/v1/admin/participants/A/token`, house.adminToken, 'POST', {});
      expect(rotated.status).toBe(200);
      newA = (rotated.json as { token: string }).token;
      expect(newA).not.toBe(TOKENS.A);
      expect((await me(TOKENS.A)).status).toBe(401);
      expect(((await me(newA)).json as { participant: string }).participant).toBe('A');

      const revoked = await call(`${house.url}/v1/admin/participants/B/token`, house.adminToken, 'DELETE');
      expect(revoked.json).toEqual({ id: 'B', revoked: true, hadToken: true });
      expect((await me(TOKENS.B)).status).toBe(401);
      expect((await call(`${house.url}/v1/sync/push`, TOKENS.B, 'POST', pushBody('revoked-dev', 1, [paymentPayload('rv-1', 'A', '1.00')]))).status).toBe(401);
      expect((await call(`${house.url}/v1/admin/participants/ZZ/token`, house.adminToken, 'DELETE')).status).toBe(404);
      expect((await call(`${house.url}/v1/admin/participants/ZZ/token`, house.adminToken, 'POST', {})).status).toBe(404);
      // An operator-chosen token must be long enough.
      expect((await call(`${house.url}/v1/admin/participants/C/token`, house.adminToken, 'POST', { token: 'short' })).status).toBe(400);
      expect((await me(TOKENS.C)).status).toBe(200);
    } finally {
      await house.close();
    }

    house = await startHouse({ ...houseOptions, dataDir });
    try {
      const me = (token: string) => call(`${house.url}/v1/accounts/me`, token, 'GET');
      expect((await me(TOKENS.A)).status).toBe(401);
      expect((await me(newA)).status).toBe(200);
      expect((await me(TOKENS.B)).status).toBe(401);
      expect((await me(TOKENS.C)).status).toBe(200);
      // A new token brings the revoked participant back.
      const reissued = await call(`${house.url}/v1/admin/participants/B/token`, house.adminToken, 'POST', { token: 'token-B-reissued-0123456789' });
      expect(reissued.status).toBe(200);
      expect(((await me('token-B-reissued-0123456789')).json as { participant: string }).participant).toBe('B');

      const log = await auditLog(house);
      expect(log.verification).toMatchObject({ ok: true });
      const tokenEvents = log.entries.filter((e) => e.action.startsWith('token.')).map((e) => [e.action, e.entityId, e.actor]);
      expect(tokenEvents).toEqual([
        ['token.rotated', 'A', 'admin'],
        ['token.revoked', 'B', 'admin'],
        ['token.rotated', 'B', 'admin'],
      ]);
      expect(log.entries.filter((e) => e.action === 'participant.added').map((e) => [e.entityId, e.actor])).toEqual([
        ['A', 'seed'],
        ['B', 'seed'],
        ['C', 'seed'],
      ]);
      // No token, nor its hash, is ever written to the audit log.
      const text = JSON.stringify(log);
      for (const secret of [TOKENS.A, TOKENS.B, TOKENS.C, newA, 'token-B-reissued-0123456789', house.adminToken]) expect(text).not.toContain(secret);
    } finally {
      await house.close();
    }
  }, 120_000);
});

describe('house: failed authentications are rate-limited, logged and audited', () => {
  let house: RunningHouse;
  let nowMs = Date.parse('2026-03-02T01:00:00.000Z');
  const logLines: Array<Record<string, unknown>> = [];
  const rawLog: string[] = [];

  beforeAll(async () => {
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
          rawLog.push(line);
          logLines.push(JSON.parse(line) as Record<string, unknown>);
        }
        done();
      },
    });
    house = await startHouse({ ...houseOptions, logger: pino({ level: 'info' }, sink), authFailures: { maxFailures: 3, windowMs: 60_000, nowMs: () => nowMs } });
  }, 120_000);
  afterAll(async () => {
    await house?.close();
  });

  it('answers 429 with Retry-After after the limit, while another address goes on', async () => {
    const me = `${house.url}/v1/accounts/me`;
    for (let i = 0; i < 3; i += 1) expect((await callFrom('127.0.0.2', me, `wrong-token-${i}-0123456789`)).status).toBe(401);
    nowMs += 5_000;
    const locked = await callFrom('127.0.0.2', me, TOKENS.A);
    expect(locked.status).toBe(429);
    expect(locked.headers['retry-after']).toBe('55');
    expect(locked.json).toMatchObject({ error: 'too_many_failures' });
    expect((await callFrom('127.0.0.2', `${house.url}/v1/admin/participants`, house.adminToken)).status).toBe(429);
    // Another address: its own failures count separately and a good token works.
    expect((await callFrom('127.0.0.1', me, 'wrong-token-x-0123456789')).status).toBe(401);
    expect((await callFrom('127.0.0.1', me, TOKENS.A)).status).toBe(200);
    expect((await callFrom('127.0.0.4', me, TOKENS.C)).status).toBe(200);

    // The admin token is guarded the same way.
    for (let i = 0; i < 3; i += 1) expect((await callFrom('127.0.0.3', `${house.url}/v1/admin/state`, `not-the-admin-${i}-0123456`)).status).toBe(401);
    expect((await callFrom('127.0.0.3', `${house.url}/v1/admin/state`, house.adminToken)).status).toBe(429);

    // A lock lasts 60 s from the failure that set it: 127.0.0.2's ends first.
    nowMs += 55_000;
    expect((await callFrom('127.0.0.2', me, TOKENS.A)).status).toBe(200);
    const stillLocked = await callFrom('127.0.0.3', `${house.url}/v1/admin/state`, house.adminToken);
    expect([stillLocked.status, stillLocked.headers['retry-after']]).toEqual([429, '5']);
    nowMs += 5_000;
    expect((await callFrom('127.0.0.3', `${house.url}/v1/admin/state`, house.adminToken)).status).toBe(200);
    // And a fresh failure starts a fresh count, not a lock.
    expect((await callFrom('127.0.0.2', me, 'wrong-token-again-0123456789')).status).toBe(401);
    expect((await callFrom('127.0.0.2', me, TOKENS.A)).status).toBe(200);
  });

  it('logs every failure with reason, address and route, never the token', () => {
    const failures = logLines.filter((line) => line.event === 'auth.failed');
    expect(failures.length).toBe(8);
    expect(failures[0]).toMatchObject({ level: 40, kind: 'participant', reason: 'unknown_token', address: '127.0.0.2', route: '/v1/accounts/me', method: 'GET' });
    expect(failures.filter((line) => line.kind === 'admin')).toHaveLength(3);
    expect(failures.find((line) => line.kind === 'admin')).toMatchObject({ reason: 'wrong_admin_token', address: '127.0.0.3', route: '/v1/admin/state' });
    expect(logLines.filter((line) => line.event === 'auth.locked').map((line) => line.address)).toEqual(['127.0.0.2', '127.0.0.3']);
    const text = rawLog.join('\n');
    for (const secret of ['wrong-token-0-0123456789', 'not-the-admin-0-0123456', TOKENS.A, house.adminToken]) expect(text).not.toContain(secret);
  });

  it('records lock-outs at once and every failure, aggregated per address and window, in the audit log', async () => {
    // The first authentication attempt after the windows have ended (this very audit request)
    // sweeps them into the log.
    nowMs += 60_001;
    const log = await auditLog(house);
    expect(log.verification).toMatchObject({ ok: true });
    const locked = log.entries.filter((e) => e.action === 'auth.locked');
    expect(locked.map((e) => [e.entityId, e.detail.failures, e.detail.lockedUntil])).toEqual([
      ['127.0.0.2', 3, '2026-03-02T01:01:00.000Z'],
      ['127.0.0.3', 3, '2026-03-02T01:01:05.000Z'],
    ]);
    expect(locked[0]?.detail.reasons).toEqual({ 'participant:unknown_token': 3 });
    const summaries = log.entries.filter((e) => e.action === 'auth.failures');
    const byAddress = new Map<string, Array<Record<string, unknown>>>();
    for (const e of summaries) byAddress.set(e.entityId, [...(byAddress.get(e.entityId) ?? []), e.detail]);
    // 127.0.0.2: the locked window (3 failures, 2 refused while locked), then one more failure.
    expect(byAddress.get('127.0.0.2')?.map((d) => [d.failures, d.refusedWhileLocked, d.locked])).toEqual([
      [3, 2, true],
      [1, 0, false],
    ]);
    expect(byAddress.get('127.0.0.3')?.map((d) => [d.failures, d.refusedWhileLocked, d.locked])).toEqual([[3, 2, true]]);
    expect(byAddress.get('127.0.0.1')?.map((d) => [d.failures, d.locked, d.routes])).toEqual([[1, false, ['GET /v1/accounts/me']]]);
    // Every failure is counted once across the summaries.
    expect(summaries.reduce((sum, e) => sum + Number(e.detail.failures), 0)).toBe(8);
  });
});

describe('house audit log over HTTP', () => {
  let house: RunningHouse;
  beforeAll(async () => {
    house = await startHouse(houseOptions);
  }, 120_000);
  afterAll(async () => {
    await house?.close();
  });

  it('records admin commands with their outcome in the chain, pages it, and shows tampering', async () => {
    const admin = (path: string, method: string, body?: unknown) => call(`${house.url}${path}`, house.adminToken, method, body);
    expect((await admin('/v1/admin/participants/C/net-debit-cap', 'PUT', { netDebitCap: '80.00' })).status).toBe(200);
    expect((await admin('/v1/admin/participants/C/liquidity', 'POST', { amount: '25.00' })).status).toBe(200);
    expect((await admin('/v1/admin/participants/C/liquidity', 'POST', { balance: '500.00' })).status).toBe(200);
    expect((await admin('/v1/admin/participants/QQ/net-debit-cap', 'PUT', { netDebitCap: '1.00' })).status).toBe(409);
    expect((await admin('/v1/admin/participants', 'POST', { id: 'D', name: 'Bank D', bankCode: '105521000014', balance: '10.00', netDebitCap: '0.00' })).status).toBe(201);
    expect((await admin('/v1/admin/offset', 'POST', {})).status).toBe(200);
    expect((await admin('/v1/admin/cycles/close', 'POST', {})).status).toBe(200);
    expect((await admin('/v1/admin/end-of-day', 'POST', {})).status).toBe(200);

    const log = await auditLog(house);
    expect(log.verification).toEqual({ ok: true, count: log.entries.length, lastHash: log.head?.hash });
    expect(log.head?.seq).toBe(log.entries.length);
    const actions = log.entries.slice(3).map((e) => [e.action, e.entityId, e.detail.outcome]);
    expect(actions).toEqual([
      ['netDebitCap.set', 'C', 'applied'],
      ['liquidity.adjusted', 'C', 'applied'],
      ['liquidity.set', 'C', 'applied'],
      ['netDebitCap.set', 'QQ', expect.stringMatching(/^refused: /)],
      ['participant.added', 'D', 'applied'],
      ['offset.run', 'rtgs', 'applied'],
      ['cycle.closed', 'dns', 'applied'],
      ['endOfDay', 'day', 'applied'],
    ]);
    expect(log.entries[3]?.detail).toMatchObject({ netDebitCap: '80.00', address: '127.0.0.1' });
    expect(log.entries[9]?.detail).toMatchObject({ cycleId: 1, businessDate: '2026-03-02' });
    expect(log.entries[10]?.detail).toMatchObject({ businessDate: '2026-03-02', nextBusinessDate: expect.any(String) });

    const page = await auditLog(house, 2, 3);
    expect(page.entries.map((e) => e.seq)).toEqual([3, 4, 5]);
    expect(page.hasMore).toBe(true);
    expect((await call(`${house.url}/v1/admin/audit?limit=0`, house.adminToken, 'GET')).status).toBe(400);
    expect((await call(`${house.url}/v1/admin/audit?limit=5000`, house.adminToken, 'GET')).status).toBe(400);

    // Someone with database access edits an entry behind the house's back.
    await house.store.exec('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update');
    await house.store.query(`UPDATE audit_log SET detail = replace(detail, '25.00', '2500.00') WHERE action = 'liquidity.adjusted'`);
    const broken = await auditLog(house);
    expect(broken.verification).toMatchObject({ ok: false, seq: 5, count: 4, problem: expect.stringMatching(/hash does not match/) });
  });
});
