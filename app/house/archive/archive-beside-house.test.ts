import { describe, it, expect } from 'vitest';
import pg from 'pg';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { startHouse, type HouseOptions, type RunningHouse } from '../house';
import { createTestDatabase, postgresAvailable, TEST_SEED, TOKENS, call, paymentPayload, pushBody } from '../test-support/fixtures';
import { openPostgresStore } from '../store/postgres-store';
import { archiveHouseDays } from './house-archive';
import { verifyHouseArchive } from './archive-reader';
import { listPartitionDays } from './day-partitions';

/**
 * `hankou house archive run --database-url` beside a RUNNING PostgreSQL house (issue 14,
 * docs/archive.md). The archive's final transaction drops partitions (ACCESS EXCLUSIVE on the
 * parent tables) and appends an audit entry; a batch holds `payments` and then takes the audit
 * lock. Taken in opposite orders the two deadlock and PostgreSQL aborts one, possibly the batch.
 */
const HANKOU = resolve(__dirname, '../../../bin/hankou.mjs');
const hasPostgres = await postgresAvailable();
if (!hasPostgres) console.warn('archive beside a running house: skipped (no PostgreSQL at HANKOU_TEST_POSTGRES_URL)');

interface PushAnswer {
  results: Array<{ id: string; status: string; code?: string }>;
}
interface AuditPage {
  verification: { ok: boolean; count: number };
}

/** A house on its own database with three business days: 03-02 and 03-03 closed (due at retention 1), 03-04 open. */
async function houseWithClosedDays(): Promise<{ house: RunningHouse; url: string; drop: () => Promise<void>; pushed: string[]; nextSeq: number }> {
  const db = await createTestDatabase();
  const options: HouseOptions = { databaseUrl: db.url, seed: TEST_SEED, logLevel: 'silent', cycleIntervalMs: 0, offsetIntervalMs: 0, businessDate: '2026-03-02' };
  const house = await startHouse(options);
  const pushed: string[] = [];
  let seq = 1;
  for (const day of ['d1', 'd2']) {
    const ids = Array.from({ length: 40 }, (_, i) => `${day}-${i}`);
    const answer = await call(`${house.url}/v1/sync/push`, TOKENS.A, 'POST', pushBody('arc-load', seq, ids.map((id) => paymentPayload(id, 'B', '10.00'))));
    expect(answer.status).toBe(200);
    seq += ids.length;
    pushed.push(...ids);
    expect((await call(`${house.url}/v1/admin/participants/C/liquidity`, house.adminToken, 'POST', { amount: '1.00' })).status).toBe(200);
    expect((await call(`${house.url}/v1/admin/end-of-day`, house.adminToken, 'POST', {})).status).toBe(200);
  }
  expect(await listPartitionDays(house.store)).toEqual(['2026-03-02', '2026-03-03', '2026-03-04']);
  return { house, url: db.url, drop: db.drop, pushed, nextSeq: seq };
}

/** Every payment id B has been shown as inbound, pulling from the start of the feed (pages of 1,000). */
async function inboundIdsOfB(house: RunningHouse): Promise<string[]> {
  const epoch = (await house.store.query<{ value: string }>("SELECT value FROM house_meta WHERE key = 'epoch'")).rows[0]?.value;
  let cursor = `${epoch}.0`;
  const ids: string[] = [];
  for (;;) {
    const page = await call(`${house.url}/v1/sync/pull?cursor=${cursor}&limit=1000`, TOKENS.B, 'GET');
    expect(page.status).toBe(200);
    const body = page.json as { changes: Array<{ type: string; data: { id?: string } }>; cursor: string; hasMore: boolean };
    ids.push(...body.changes.filter((c) => c.type === 'payment.inbound').map((c) => String(c.data.id)));
    cursor = body.cursor;
    if (!body.hasMore) return ids;
  }
}

/** The ledger holds every pushed id once and only those; A and B moved exactly 10.00 per payment. */
async function expectExactLedger(house: RunningHouse, pushedToday: string[], allPushed: number): Promise<void> {
  const rows = await house.store.query<{ id: string }>("SELECT id FROM payments WHERE from_id = 'A' AND business_date = '2026-03-04' ORDER BY id");
  expect(rows.rows.map((r) => r.id).sort()).toEqual([...pushedToday].sort());
  const a = (await call(`${house.url}/v1/accounts/me`, TOKENS.A, 'GET')).json as { balance: string };
  const b = (await call(`${house.url}/v1/accounts/me`, TOKENS.B, 'GET')).json as { balance: string };
  const fen = (s: string) => BigInt(s.replace('.', ''));
  expect(fen(a.balance)).toBe(100_000_000n - 1000n * BigInt(allPushed));
  expect(fen(b.balance)).toBe(100_000_000n + 1000n * BigInt(allPushed));
  const audit = (await call(`${house.url}/v1/admin/audit?limit=1`, house.adminToken, 'GET')).json as AuditPage;
  expect(audit.verification.ok).toBe(true);
}

describe.skipIf(!hasPostgres)('house archive run beside a running PostgreSQL house', () => {
  it(
    'the archive waits for a batch holding payments that then takes the audit lock (the interleaving that deadlocked), and the batch commits',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'archive-beside-'));
      const { house, url, drop } = await houseWithClosedDays();
      const cli = await openPostgresStore(url, { writerLock: false });
      // A batch mid-commit: it holds `payments` (ROW EXCLUSIVE) and will take the audit lock last.
      const batch = new pg.Client({ connectionString: url });
      const watcher = new pg.Client({ connectionString: url });
      await batch.connect();
      await watcher.connect();
      try {
        await batch.query('BEGIN');
        await batch.query("UPDATE payments SET status = status WHERE id = 'd2-0'");
        let committing!: () => void;
        const commitStarted = new Promise<void>((r) => (committing = r));
        const run = archiveHouseDays(cli, {
          archiveDir: join(dir, 'archive'),
          retentionDays: 1,
          maxDays: 1,
          actor: 'cli',
          commit: (work) => {
            committing();
            return work();
          },
        });
        await commitStarted;
        // Once the archive's final transaction waits on a lock, the batch goes on to the audit lock.
        for (let i = 0; ; i += 1) {
          const waiting = await watcher.query<{ n: string }>(
            "SELECT count(*)::text AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> $1",
            [(batch as unknown as { processID: number }).processID],
          );
          if (waiting.rows[0]?.n !== '0') break;
          expect(i).toBeLessThan(400);
          await new Promise((r) => setTimeout(r, 5));
        }
        await batch.query('LOCK TABLE audit_log IN EXCLUSIVE MODE');
        await batch.query('COMMIT');
        const result = await run;
        expect(result.archived.map((d) => d.businessDate)).toEqual(['2026-03-02']);
        expect(await listPartitionDays(house.store)).toEqual(['2026-03-03', '2026-03-04']);
        expect(await verifyHouseArchive(join(dir, 'archive'))).toMatchObject({ ok: true, days: 1, payments: 40 });
        expect((await call(`${house.url}/v1/admin/audit?limit=1`, house.adminToken, 'GET')).json).toMatchObject({ verification: { ok: true } });
      } finally {
        await batch.end().catch(() => undefined);
        await watcher.end();
        await cli.close();
        await house.close();
        await drop();
        rmSync(dir, { recursive: true, force: true });
      }
    },
    120_000,
  );

  it(
    'the CLI archives two days while consoles push and operators adjust liquidity (audited batches): no error, nothing lost, the archive and the chain verify',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'archive-beside-'));
      const archiveDir = join(dir, 'archive');
      const { house, url, drop, pushed, nextSeq } = await houseWithClosedDays();
      try {
        let stop = false;
        const failures: string[] = [];
        const today: string[] = [];
        let seq = nextSeq;
        // Pushes and audited operator commands at once, so batches hold `payments` and take the audit lock.
        const pusher = (async () => {
          for (let n = 0; !stop; n += 1) {
            const ids = Array.from({ length: 5 }, (_, i) => `d3-${n}-${i}`);
            const answer = await call(`${house.url}/v1/sync/push`, TOKENS.A, 'POST', pushBody('arc-load', seq, ids.map((id) => paymentPayload(id, 'B', '10.00'))));
            const results = (answer.json as PushAnswer).results ?? [];
            if (answer.status !== 200 || results.some((r) => r.status !== 'accepted')) failures.push(`push ${answer.status} ${JSON.stringify(answer.json)}`);
            else today.push(...ids);
            seq += ids.length;
          }
        })();
        const operator = (async () => {
          while (!stop) {
            const answer = await call(`${house.url}/v1/admin/participants/C/liquidity`, house.adminToken, 'POST', { amount: '0.01' });
            if (answer.status !== 200) failures.push(`liquidity ${answer.status} ${JSON.stringify(answer.json)}`);
          }
        })();
        while (today.length < 50) await new Promise((r) => setTimeout(r, 20));
        // The pull's statement is prepared on the house's connections (pull-query.ts) before the
        // archive drops partitions under it.
        expect((await inboundIdsOfB(house)).filter((id) => id.startsWith('d1-')).length).toBe(40);
        const { stdout } = await promisify(execFile)(process.execPath, [HANKOU, 'house', 'archive', 'run', '--database-url', url, '--dir', archiveDir, '--retention-days', '1'], { timeout: 120_000 });
        const during = today.length;
        // Keep the load on a little after the run: the house is unharmed.
        while (today.length < during + 50) await new Promise((r) => setTimeout(r, 20));
        stop = true;
        await Promise.all([pusher, operator]);

        expect(failures).toEqual([]);
        expect(stdout).toContain('archived 2026-03-02: 40 payments');
        expect(stdout).toContain('archived 2026-03-03: 40 payments');
        expect(stdout).toContain('2 archived');
        expect(await listPartitionDays(house.store)).toEqual(['2026-03-04']);
        await expectExactLedger(house, today, pushed.length + today.length);
        // After the drops the same prepared pull answers from what is left: today's payments only.
        const shown = await inboundIdsOfB(house);
        expect(shown.filter((id) => id.startsWith('d1-') || id.startsWith('d2-'))).toEqual([]);
        expect(shown.sort()).toEqual([...today].sort());
        const cliEntries = await house.store.query<{ n: string }>("SELECT count(*)::text AS n FROM audit_log WHERE action = 'archive.day' AND actor = 'cli'");
        expect(cliEntries.rows[0]?.n).toBe('2');
        const verify = await promisify(execFile)(process.execPath, [HANKOU, 'house', 'archive', 'verify', '--dir', archiveDir, '--database-url', url]);
        expect(verify.stdout).toMatch(/archive OK: 2 days, 80 payments/);
        expect(verify.stdout).toMatch(/ledger audit chain OK/);
      } finally {
        await house.close();
        await drop();
        rmSync(dir, { recursive: true, force: true });
      }
    },
    180_000,
  );
});
