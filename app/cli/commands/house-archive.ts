import { EXIT_FAILED, EXIT_OK, UsageError, type CliIo } from '../command';
import { parseFlags } from '../parse-flags';

export const archiveUsage = `usage: hankou house archive run    [--data DIR | --database-url URL] [--dir ARCHIVE] [--retention-days N]
       hankou house archive query  --id PAYMENT_ID [--dir ARCHIVE] [--date YYYY-MM-DD]
       hankou house archive verify [--dir ARCHIVE] [--data DIR | --database-url URL]

run: every business day N or more calendar days before the current one (default 90) goes to
  ARCHIVE/YYYY-MM-DD (default ./house-archive): payments, journal and audit entries as gzip
  JSON lines with manifest.json (row counts, sha256, the audit chain's boundary hashes); then its
  partitions are dropped from the ledger. A day holding a payment that may still change, or
  commands after the newest engine snapshot, stays (and the days after it). On PostgreSQL it
  runs beside the running house (pushes pause for each day's final transaction, well under a
  second); a PGlite --data directory only while the house is stopped.
query: a payment by id from the archive (newest day first; --date narrows to one day).
verify: every archived file against its checksum and the audit chain across the archived days;
  with a ledger, also that its chain resumes where the archive ends (docs/archive.md).`;

function one(values: Map<string, string[]>, flag: string): string | undefined {
  return values.get(flag)?.at(-1);
}

function ledgerOf(values: Map<string, string[]>): { dataDir: string } | { databaseUrl: string } | undefined {
  const databaseUrl = one(values, '--database-url');
  const dataDir = one(values, '--data');
  if (databaseUrl !== undefined && dataDir !== undefined) throw new UsageError('give --data DIR or --database-url URL, not both');
  if (databaseUrl !== undefined) return { databaseUrl };
  if (dataDir !== undefined) return { dataDir };
  return undefined;
}

export async function runHouseArchive(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'run') return archiveRun(rest, io);
  if (sub === 'query') return archiveQuery(rest, io);
  if (sub === 'verify') return archiveVerify(rest, io);
  throw new UsageError(sub === undefined ? 'archive needs run, query or verify' : `unknown archive subcommand ${sub}`);
}

async function archiveRun(args: string[], io: CliIo): Promise<number> {
  const { values } = parseFlags(args, ['--data', '--database-url', '--dir', '--retention-days'], []);
  const ledger = ledgerOf(values) ?? { dataDir: 'house-data' };
  const retentionText = one(values, '--retention-days');
  const { archiveHouseDays, DEFAULT_RETENTION_DAYS } = await import('../../house/archive/house-archive');
  const retentionDays = retentionText === undefined ? DEFAULT_RETENTION_DAYS : Number(retentionText);
  if (!Number.isInteger(retentionDays) || retentionDays < 1) throw new UsageError('--retention-days must be a whole number, at least 1');
  const { openHouseStore } = await import('../../house/store/open-store');
  try {
    // Beside a running house: not its writer (no writer lock); the final transaction takes the
    // tables' locks in the batches' order and gives way on a timeout (house-archive.ts).
    const store = await openHouseStore({ ...ledger, writerLock: false });
    try {
      const result = await archiveHouseDays(store, { archiveDir: one(values, '--dir') ?? 'house-archive', retentionDays, actor: 'cli' });
      for (const day of result.archived) {
        io.out(`archived ${day.businessDate}: ${day.payments} payments, ${day.journal} journal rows, ${day.audit} audit entries -> ${day.location} (manifest sha256 ${day.manifestSha256})`);
      }
      io.out(`business date ${result.currentBusinessDate}; days up to ${result.cutoff} are due; ${result.archived.length} archived`);
      if (result.stoppedAt) io.out(`stopped at ${result.stoppedAt.businessDate}: ${result.stoppedAt.reason}`);
      return EXIT_OK;
    } finally {
      await store.close();
    }
  } catch (error) {
    io.err(`hankou house archive run: ${(error as Error).message}`);
    return EXIT_FAILED;
  }
}

async function archiveQuery(args: string[], io: CliIo): Promise<number> {
  const { values } = parseFlags(args, ['--id', '--dir', '--date'], []);
  const id = one(values, '--id');
  if (id === undefined || id.length === 0) throw new UsageError('archive query needs --id PAYMENT_ID');
  const date = one(values, '--date');
  if (date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new UsageError('--date must be YYYY-MM-DD');
  const { findArchivedPayment } = await import('../../house/archive/archive-reader');
  try {
    const found = await findArchivedPayment(one(values, '--dir') ?? 'house-archive', id, date);
    if (!found) {
      io.err(`payment ${id} is not in the archive${date ? ` of ${date}` : ''}`);
      return EXIT_FAILED;
    }
    io.out(JSON.stringify({ archived: { businessDate: found.businessDate, location: found.location }, payment: found.row }, null, 2));
    return EXIT_OK;
  } catch (error) {
    io.err(`hankou house archive query: ${(error as Error).message}`);
    return EXIT_FAILED;
  }
}

async function archiveVerify(args: string[], io: CliIo): Promise<number> {
  const { values } = parseFlags(args, ['--data', '--database-url', '--dir'], []);
  const ledger = ledgerOf(values);
  const { verifyHouseArchive } = await import('../../house/archive/archive-reader');
  try {
    const archive = await verifyHouseArchive(one(values, '--dir') ?? 'house-archive');
    if (!archive.ok) {
      io.err(`archive BROKEN at ${archive.day}: ${archive.problem}`);
      return EXIT_FAILED;
    }
    const last = archive.auditLast;
    io.out(`archive OK: ${archive.days} days, ${archive.payments} payments, ${archive.journal} journal rows, ${archive.audit} audit entries${last ? `, chain ends at ${last.seq}:${last.hash}` : ''}`);
    if (!ledger) return EXIT_OK;
    const { openHouseAuditReader } = await import('../../house/store/audit-reader');
    const { archivedAuditBoundary, verifyHouseAuditLog } = await import('../../house/store/audit-log');
    const reader = await openHouseAuditReader(ledger);
    try {
      const boundary = await archivedAuditBoundary(reader.client);
      if (boundary?.seq !== last?.seq || boundary?.hash !== last?.hash) {
        io.err(`the ledger's archive boundary ${boundary ? `${boundary.seq}:${boundary.hash}` : '(none)'} is not where the archive ends`);
        return EXIT_FAILED;
      }
      const hot = await verifyHouseAuditLog(reader.client);
      if (!hot.ok) {
        io.err(`ledger audit chain BROKEN at seq ${hot.seq}: ${hot.problem}`);
        return EXIT_FAILED;
      }
      io.out(`ledger audit chain OK: ${hot.count} entries after the archive, head ${hot.lastHash}`);
      return EXIT_OK;
    } finally {
      await reader.close();
    }
  } catch (error) {
    io.err(`hankou house archive verify: ${(error as Error).message}`);
    return EXIT_FAILED;
  }
}
