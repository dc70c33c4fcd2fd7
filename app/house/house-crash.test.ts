import { describe, it, expect, afterAll } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TEST_SEED, TOKENS, call, createTestDatabase, paymentPayload, postgresAvailable, pushBody } from './test-support/fixtures';

const hasPostgres = await postgresAvailable();
const CHILD = fileURLToPath(new URL('./test-support/house-child.ts', import.meta.url));

const DEVICES = 4;
const BATCHES_PER_DEVICE = 30;
const PAYMENTS_PER_BATCH = 25;
const AMOUNT_FEN = 123n; // every payment 1.23, so totals are easy to check by hand

interface Child {
  child: ChildProcess;
  url: string;
  exited: Promise<void>;
}

function startChild(options: Record<string, unknown>): Promise<Child> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, JSON.stringify(options)], { stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    let out = '';
    let err = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (\S+)/.exec(out);
      if (match?.[1]) resolve({ child, url: match[1], exited });
    });
    child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`house child exited with ${code} before listening: ${err}`)));
  });
}

function batchOf(device: number, batch: number) {
  const deviceId = `crash-dev-${device}`;
  const firstSeq = batch * PAYMENTS_PER_BATCH + 1;
  const payloads = Array.from({ length: PAYMENTS_PER_BATCH }, (_, i) => paymentPayload(`crash-${device}-${firstSeq + i}`, 'B', '1.23'));
  return pushBody(deviceId, firstSeq, payloads);
}

/**
 * Devices push batches concurrently; the house is SIGKILLed while pushes are in flight. Every
 * batch it acknowledged must survive; after a restart each device replays everything from seq 1,
 * and every payment must then exist exactly once with the balances to match.
 */
async function killMidStreamAndReplay(options: Record<string, unknown>): Promise<void> {
  const first = await startChild(options);
  const acknowledged = new Set<string>();
  let killed = false;
  const pushers = Array.from({ length: DEVICES }, async (_, device) => {
    for (let batch = 0; batch < BATCHES_PER_DEVICE && !killed; batch += 1) {
      const body = batchOf(device, batch);
      try {
        const answer = await call(`${first.url}/v1/sync/push`, TOKENS.A, 'POST', body);
        if (answer.status === 200) for (const m of body.mutations) acknowledged.add(m.id);
      } catch {
        return; // connection dropped by the kill
      }
    }
  });
  // Kill once a good part of the stream is through, while pushes are still going.
  const total = DEVICES * BATCHES_PER_DEVICE * PAYMENTS_PER_BATCH;
  while (acknowledged.size < total / 3) await new Promise((r) => setTimeout(r, 20));
  killed = true;
  first.child.kill('SIGKILL');
  await Promise.all(pushers);
  await first.exited;
  expect(acknowledged.size).toBeGreaterThan(0);
  expect(acknowledged.size).toBeLessThan(total);

  const second = await startChild(options);
  try {
    let duplicates = 0;
    const accepted = new Set<string>();
    for (let device = 0; device < DEVICES; device += 1) {
      for (let batch = 0; batch < BATCHES_PER_DEVICE; batch += 1) {
        const body = batchOf(device, batch);
        const answer = await call(`${second.url}/v1/sync/push`, TOKENS.A, 'POST', body);
        expect(answer.status).toBe(200);
        for (const result of (answer.json as { results: Array<{ id: string; status: string; original?: string }> }).results) {
          if (result.status === 'duplicate') {
            expect(result.original).toBe('accepted');
            duplicates += 1;
          } else {
            expect(result.status).toBe('accepted');
            // Nothing acknowledged before the kill may come back as new.
            expect(acknowledged.has(result.id)).toBe(false);
            accepted.add(result.id);
          }
        }
      }
    }
    expect(duplicates + accepted.size).toBe(total);
    expect(duplicates).toBeGreaterThanOrEqual(acknowledged.size);
    // B's view: every payment exactly once as an inbound settled payment.
    const inbound: string[] = [];
    let cursor = '';
    for (;;) {
      const page = await call(`${second.url}/v1/sync/pull?cursor=${encodeURIComponent(cursor)}&limit=1000`, TOKENS.B, 'GET');
      const body = page.json as { cursor: string; hasMore: boolean; changes: Array<{ type: string; data: { id: string; status: string } }> };
      for (const c of body.changes) if (c.type === 'payment.inbound' && c.data.id.startsWith('crash-')) inbound.push(c.data.id);
      cursor = body.cursor;
      if (!body.hasMore) break;
    }
    expect(inbound.length).toBe(total);
    expect(new Set(inbound).size).toBe(total);
    const a = (await call(`${second.url}/v1/accounts/me`, TOKENS.A, 'GET')).json as { balance: string };
    const b = (await call(`${second.url}/v1/accounts/me`, TOKENS.B, 'GET')).json as { balance: string };
    const fen = (text: string): bigint => BigInt(text.replace('.', ''));
    expect(fen(a.balance)).toBe(100_000_000n - BigInt(total) * AMOUNT_FEN);
    expect(fen(b.balance)).toBe(100_000_000n + BigInt(total) * AMOUNT_FEN);
  } finally {
    second.child.kill('SIGTERM');
    await second.exited;
  }
}

const base = { seed: TEST_SEED, cycleIntervalMs: 0, offsetIntervalMs: 0, businessDate: '2026-03-02', port: 0 };

describe('house SIGKILL mid-stream, then full replay', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('on PGlite: loses nothing acknowledged, doubles nothing, restarts over the stale postmaster.pid', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hankou-house-crash-'));
    dirs.push(dataDir);
    await killMidStreamAndReplay({ ...base, dataDir });
  }, 240_000);

  it.skipIf(!hasPostgres)('on PostgreSQL: loses nothing acknowledged, doubles nothing', async () => {
    const db = await createTestDatabase();
    try {
      await killMidStreamAndReplay({ ...base, databaseUrl: db.url });
    } finally {
      await db.drop();
    }
  }, 240_000);
});
