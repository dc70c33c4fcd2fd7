// Pull of changes from the house into a console's SQLite store (HTTP pages, contract check,
// upserts and the cursor per page in one transaction) beside a raw SQLite insert of the same
// rows into the same payments table, same run. The default 300,000 keeps the file near two
// minutes; the issue's figure is HOUSE_PULL_CHANGES=1000000 (about five minutes here).
// Run: npm run bench house-pull
import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { startHouse } from '../app/house/house';
import { readSeedFile } from '../app/house/seed';
import { DEMO_SEED_PATH, demoToken } from '../app/house/demo-seed';
import { openDatabase } from '../app/main/store/open-database';
import { migrate } from '../app/main/store/migrate';
import { upsertParticipant } from '../app/main/settings/participants';
import { wuhanParticipants } from '../app/main/demo/wuhan-participants';
import { SYNC_MIGRATIONS } from '../app/main/sync/migrations/index';
import { HouseClient } from '../app/main/sync/house-client';
import { applyPullPage } from '../app/main/sync/apply-pull-page';
import { PULL_PAGE } from '../app/main/sync/sync-loop';

const CHANGES = Number(process.env.HOUSE_PULL_CHANGES ?? 300_000);
const TARGET = 0.3;
const ADMIN_URL = process.env.HANKOU_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const AMOUNT_FEN = 1234n;

const dbName = `hankou_pullbench_${randomBytes(5).toString('hex')}`;
const admin = new pg.Client({ connectionString: ADMIN_URL });
await admin.connect();
await admin.query(`CREATE DATABASE ${dbName}`);
const url = new URL(ADMIN_URL);
url.pathname = `/${dbName}`;
const databaseUrl = url.toString();
const result: Record<string, unknown> = { bench: 'house-pull', changes: CHANGES };

function consoleStore() {
  const db = openDatabase(':memory:');
  migrate(db);
  migrate(db, SYNC_MIGRATIONS);
  for (const p of wuhanParticipants()) upsertParticipant(db, p);
  return db;
}

try {
  const options = { databaseUrl, seed: readSeedFile(DEMO_SEED_PATH), logLevel: 'warn' as const, cycleIntervalMs: 0, offsetIntervalMs: 0, businessDate: '2026-11-26' };
  // First start creates the ledger; then the bench's payments go in with SQL (settled ICBC ->
  // HKB, consistent balances) so the house restarts, replays them and serves them.
  await (await startHouse(options)).close();
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const t0 = performance.now();
  // cmd_seq must continue the journal without a gap (recovery checks it).
  const { rows } = await client.query<{ m: string }>('SELECT coalesce(max(cmd_seq), 0)::text AS m FROM journal');
  const journalEnd = Number(rows[0]?.m ?? 0);
  await client.query(
    `INSERT INTO payments (id, cmd_seq, device_id, device_seq, submitter_id, counterparty_id, from_id, to_id, kind, priority,
       amount_minor, currency, details, business_date, received_at_ms, admission, status, reason, change_seq)
     SELECT 'PULL-' || i, $3::bigint + i, 'bench-icbc', i, 'ICBC', 'HKB', 'ICBC', 'HKB', 'hvps', 2, $2, 'CNY',
       jsonb_build_object('debtor', jsonb_build_object('name', '武汉钢铁有限公司', 'account', '6222020000000001'),
                          'creditor', jsonb_build_object('name', '汉口商贸有限公司', 'account', '6222020000000002'),
                          'purpose', '货款'),
       '2026-11-26', 0, 'accepted', 'settled', NULL, 1000 + i
     FROM generate_series(1, $1::int) AS i`,
    [CHANGES, AMOUNT_FEN.toString(), journalEnd],
  );
  await client.query("UPDATE participants SET balance_minor = balance_minor - $1 WHERE id = 'ICBC'", [(AMOUNT_FEN * BigInt(CHANGES)).toString()]);
  await client.query("UPDATE participants SET balance_minor = balance_minor + $1 WHERE id = 'HKB'", [(AMOUNT_FEN * BigInt(CHANGES)).toString()]);
  await client.query("INSERT INTO devices VALUES ('bench-icbc', 'ICBC', $1)", [CHANGES]);
  // After a bulk load, fresh statistics (autovacuum would get there too, later): without them
  // the planner expects a handful of rows and sorts half a million per page.
  await client.query('ANALYZE payments');
  await client.end();
  result.loadHouseMs = Math.round(performance.now() - t0);
  const t1 = performance.now();
  const house = await startHouse(options);
  result.houseRecoveryMs = Math.round(performance.now() - t1);

  // ---- pull into SQLite through the console's own code ----
  const db = consoleStore();
  const houseClient = new HouseClient(house.url, demoToken('HKB'));
  let cursor = '';
  let pulled = 0;
  const t2 = performance.now();
  for (;;) {
    const page = await houseClient.pull(cursor, PULL_PAGE);
    if ('resync' in page) throw new Error('unexpected resync');
    applyPullPage(db, 'HKB', page.changes, page.cursor, '2026-11-26T08:00:00.000Z');
    pulled += page.changes.filter((c) => c.type === 'payment.inbound').length;
    cursor = page.cursor;
    if (!page.hasMore) break;
  }
  const pullMs = performance.now() - t2;
  await house.close();
  if (pulled !== CHANGES) throw new Error(`pulled ${pulled} inbound payments, expected ${CHANGES}`);

  // ---- raw SQLite insert of the same rows into the same table ----
  const raw = consoleStore();
  const rowsToInsert = db.prepare("SELECT * FROM payments WHERE direction = 'in' ORDER BY seq").all() as Array<Record<string, unknown>>;
  const columns = Object.keys(rowsToInsert[0] ?? {}).filter((c) => c !== 'seq' && c !== 'counterparty_id' && c !== 'counterparty_name');
  const insert = raw.prepare(`INSERT INTO payments (${columns.join(',')}) VALUES (${columns.map((c) => `@${c}`).join(',')})`);
  const t3 = performance.now();
  for (let start = 0; start < rowsToInsert.length; start += PULL_PAGE) {
    raw.transaction(() => {
      for (const row of rowsToInsert.slice(start, start + PULL_PAGE)) insert.run(row);
    })();
  }
  const rawMs = performance.now() - t3;

  const pullRate = Math.round((CHANGES / pullMs) * 1000);
  const rawRate = Math.round((CHANGES / rawMs) * 1000);
  Object.assign(result, {
    pullChangesPerSecond: pullRate,
    pullMs: Math.round(pullMs),
    rawSqliteRowsPerSecond: rawRate,
    rawMs: Math.round(rawMs),
    ratio: Math.round((pullRate / rawRate) * 1000) / 1000,
    target: TARGET,
    pageSize: PULL_PAGE,
    note: 'pull = HTTP GET of a page from the house (PostgreSQL), zod check, upserts + cursor in one SQLite transaction per page; raw = prepared INSERT of the same rows into the same payments table, one transaction per 1000',
    pass: pullRate >= rawRate * TARGET,
  });
} finally {
  await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await admin.end();
}
process.stdout.write(`${JSON.stringify(result)}\n`);
