import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startHouse, type RunningHouse } from '../../house/house';
import { TEST_SEED, TOKENS, call, paymentPayload, pushBody } from '../../house/test-support/fixtures';
import { clusterTempDir, clusterToolsMissing, createCluster, freePort, type TestCluster } from '../../house/test-support/pg-cluster';
import { main } from '../main';
import { runPg } from '../../house/backup/pg-tools';
import { DUMP_FILE } from '../../house/backup/house-backup';

/**
 * The restore drill (issue 14): back up a running house, write more, restore, and check that
 * the audit chain verifies and the ledger is exactly what had been acknowledged at the
 * restore point. A real PostgreSQL cluster with a WAL archive, started for this test.
 */
const missing = clusterToolsMissing();
if (missing) console.warn(`house backup drill skipped: ${missing}`);

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) }, out, err };
}

describe.skipIf(missing !== undefined)('house backup and restore drill (PostgreSQL with a WAL archive)', () => {
  let cluster: TestCluster;
  let house: RunningHouse;
  let work: string;
  let archive: string;
  let seq = 1;
  const disposers: Array<() => Promise<void>> = [];

  async function pushPayments(count: number, prefix: string): Promise<string[]> {
    const payloads = Array.from({ length: count }, (_, i) => paymentPayload(`${prefix}-${i}`, 'B', `${i + 1}.00`));
    const res = await call(`${house.url}/v1/sync/push`, TOKENS.A, 'POST', pushBody('dev-a', seq, payloads));
    expect(res.status).toBe(200);
    const results = (res.json as { results: Array<{ status: string }> }).results;
    expect(results.every((r) => r.status === 'accepted')).toBe(true);
    seq += count;
    return payloads.map((p) => String(p.id));
  }
  async function adminAdjust(amount: string): Promise<void> {
    const res = await call(`${house.url}/v1/admin/participants/A/liquidity`, house.adminToken, 'POST', { amount });
    expect(res.status).toBe(200);
  }
  async function auditHead(): Promise<{ seq: number; hash: string }> {
    const res = await call(`${house.url}/v1/admin/audit?after=0&limit=1`, house.adminToken, 'GET');
    return (res.json as { head: { seq: number; hash: string } }).head;
  }
  async function paymentIds(url: string): Promise<string[]> {
    const client = new (await import('pg')).default.Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query<{ id: string }>('SELECT id FROM payments ORDER BY id')).rows.map((r) => r.id);
    } finally {
      await client.end();
    }
  }

  beforeAll(async () => {
    work = await clusterTempDir('hk-drill-');
    archive = join(work, 'wal-archive');
    cluster = await createCluster({ walArchive: archive });
    disposers.push(async () => rmSync(work, { recursive: true, force: true }));
    disposers.push(() => cluster.dispose());
    await cluster.query('CREATE DATABASE ledger');
    house = await startHouse({ databaseUrl: cluster.url('ledger'), seed: TEST_SEED, logLevel: 'silent', cycleIntervalMs: 0, offsetIntervalMs: 0, businessDate: '2026-03-02' });
  }, 120_000);

  afterAll(async () => {
    await house?.close();
    for (const dispose of disposers.reverse()) await dispose().catch(() => undefined);
  }, 120_000);

  it('backs up, writes more, restores the dump and a point in time; chain and head match what was acknowledged', async () => {
    const first = await pushPayments(20, 'P1');
    await adminAdjust('10.00');
    const dumpDir = join(work, 'dump');
    const baseDir = join(work, 'base');
    const dumpRun = io();
    expect(await main(['house', 'backup', '--database-url', cluster.url('ledger'), '--out', dumpDir], dumpRun.io), dumpRun.err.join('\n')).toBe(0);
    expect(dumpRun.out.join('\n')).toMatch(/backup \(dump\) of ledger .* 20 payments, audit head \d+:[0-9a-f]{64}/);
    const headAtDump = await auditHead();
    const baseRun = io();
    expect(await main(['house', 'backup', '--database-url', cluster.url('ledger'), '--out', baseDir, '--base'], baseRun.io), baseRun.err.join('\n')).toBe(0);

    // After the backups: more acknowledged work, then the restore point T, then more work.
    const second = await pushPayments(20, 'P2');
    await adminAdjust('20.00');
    const headAtT = await auditHead();
    const { t } = (await cluster.query<{ t: Date }>('SELECT clock_timestamp() AS t'))[0]!;
    await new Promise((r) => setTimeout(r, 100));
    await pushPayments(20, 'P3');
    await adminAdjust('30.00');
    expect((await auditHead()).seq).toBeGreaterThan(headAtT.seq);
    // Ship the WAL holding all of it to the archive.
    const { before } = (await cluster.query<{ before: string }>('SELECT archived_count::text AS before FROM pg_stat_archiver'))[0]!;
    await cluster.query('SELECT pg_switch_wal()');
    for (let i = 0; i < 100; i += 1) {
      const { now } = (await cluster.query<{ now: string }>('SELECT archived_count::text AS now FROM pg_stat_archiver'))[0]!;
      if (Number(now) > Number(before)) break;
      await new Promise((r) => setTimeout(r, 100));
    }

    // 1. The dump, into a new empty database: exactly what it held.
    await cluster.query('CREATE DATABASE restored');
    const restoreRun = io();
    expect(await main(['house', 'restore', '--from', dumpDir, '--database-url', cluster.url('restored')], restoreRun.io), restoreRun.err.join('\n')).toBe(0);
    expect(restoreRun.out.join('\n')).toContain(`restored 20 payments; audit chain OK ${headAtDump.seq} entries, head ${headAtDump.hash}`);
    expect(await paymentIds(cluster.url('restored'))).toEqual([...first].sort());
    // Not over a ledger: the same restore into a non-empty database is refused.
    const again = io();
    expect(await main(['house', 'restore', '--from', dumpDir, '--database-url', cluster.url('restored')], again.io)).toBe(1);
    expect(again.err.join('\n')).toContain('not empty');

    // 2. Point in time T from the base backup and the WAL archive, on a new cluster.
    const pitrData = join(work, 'pitr');
    const port = await freePort();
    disposers.push(async () => {
      await runPg('pg_ctl', ['-D', pitrData, '-m', 'immediate', '-w', 'stop']).catch(() => undefined);
    });
    const pitrRun = io();
    const code = await main(
      ['house', 'restore', '--from', baseDir, '--wal-archive', archive, '--pgdata', pitrData, '--target-time', t.toISOString(), '--port', String(port), '--start'],
      pitrRun.io,
    );
    expect(code, pitrRun.err.join('\n')).toBe(0);
    expect(pitrRun.out.join('\n')).toContain(`40 payments; audit chain OK ${headAtT.seq} entries, head ${headAtT.hash}`);
    const pitrUrl = `postgres://postgres@127.0.0.1:${port}/ledger`;
    expect(await paymentIds(pitrUrl)).toEqual([...first, ...second].sort());
    // The restored ledger serves: a house starts on it (its recovery checks every balance
    // against the journal) and A has paid exactly sum(1..20) twice and received the 10 + 20 adjustments.
    const restoredHouse = await startHouse({ databaseUrl: pitrUrl, logLevel: 'silent', cycleIntervalMs: 0, offsetIntervalMs: 0 });
    try {
      const me = await call(`${restoredHouse.url}/v1/accounts/me`, TOKENS.A, 'GET');
      expect((me.json as { balance: string }).balance).toBe('999610.00');
      expect(await main(['audit', 'verify', '--house-database-url', pitrUrl, '--head', `${headAtT.seq}:${headAtT.hash}`], io().io)).toBe(0);
    } finally {
      await restoredHouse.close();
    }
  }, 240_000);

  it('refuses a damaged or incomplete backup before touching a database', async () => {
    const dir = join(work, 'dump-damaged');
    expect(await main(['house', 'backup', '--database-url', cluster.url('ledger'), '--out', dir], io().io)).toBe(0);
    const file = join(dir, DUMP_FILE);
    const bytes = readFileSync(file);
    bytes[bytes.length - 10] = (bytes[bytes.length - 10] ?? 0) ^ 0xff;
    writeFileSync(file, bytes);
    await cluster.query('CREATE DATABASE damaged');
    const run = io();
    expect(await main(['house', 'restore', '--from', dir, '--database-url', cluster.url('damaged')], run.io)).toBe(1);
    expect(run.err.join('\n')).toContain('does not match its checksum');
    const { n } = (await cluster.query<{ n: string }>("SELECT count(*)::text AS n FROM pg_tables WHERE schemaname = 'public'", [], 'damaged'))[0]!;
    expect(n).toBe('0');
    // A backup into a non-empty directory is refused (an old backup is never overwritten).
    const over = io();
    expect(await main(['house', 'backup', '--database-url', cluster.url('ledger'), '--out', dir], over.io)).toBe(1);
    expect(over.err.join('\n')).toContain('not empty');
    // No manifest (an interrupted backup): refused.
    const partial = join(work, 'partial');
    expect(await main(['house', 'backup', '--database-url', cluster.url('ledger'), '--out', partial], io().io)).toBe(0);
    writeFileSync(join(partial, 'manifest.json'), '{}');
    const bad = io();
    expect(await main(['house', 'restore', '--from', partial, '--database-url', cluster.url('damaged')], bad.io)).toBe(1);
    expect(bad.err.join('\n')).toContain('not a valid house backup manifest');
    expect(readdirSync(partial)).toContain(DUMP_FILE);
  }, 120_000);
});
