import { EXIT_FAILED, EXIT_OK, UsageError, type CliIo } from '../command';
import { parseFlags } from '../parse-flags';

export const backupUsage = `usage: hankou house backup --database-url URL --out DIR [--base]
       hankou house restore --from DIR --database-url URL
       hankou house restore --from DIR --wal-archive ARCH --pgdata NEWDIR [--target-time T]
                            [--port P] [--start]

backup: a consistent copy of the house's PostgreSQL ledger into DIR (new or empty), with
  manifest.json (audit head, payment count, sha256 of every file) written last.
    (default)  pg_dump, custom format: restores to the moment it was taken
    --base     pg_basebackup: with the server's WAL archive (archive_mode = on), restores to
               any moment after it (docs/backup.md)
restore: refuses a backup whose files do not match the manifest; then verifies the restored
  audit chain and that it holds the head the backup recorded.
    --database-url URL   a dump, into an EMPTY database (createdb first), in one transaction
    --pgdata NEWDIR      a base backup, into a new cluster directory, replaying WAL from ARCH
                         up to --target-time T (server time, ISO 8601; default: all of ARCH);
                         --start starts it on 127.0.0.1:P (default 5433) with pg_ctl, waits for
                         recovery to end and verifies; without it, start it yourself.
The PGlite --data directory is a development store: copy it while the house is stopped.`;

function one(values: Map<string, string[]>, flag: string): string | undefined {
  return values.get(flag)?.at(-1);
}

export async function runHouseBackup(args: string[], io: CliIo): Promise<number> {
  const { values, on } = parseFlags(args, ['--database-url', '--out'], ['--base']);
  const databaseUrl = one(values, '--database-url');
  const outDir = one(values, '--out');
  if (databaseUrl === undefined || outDir === undefined) throw new UsageError('backup needs --database-url URL and --out DIR');
  const { backupHouse } = await import('../../house/backup/house-backup');
  try {
    const manifest = await backupHouse({ databaseUrl, outDir, kind: on.has('--base') ? 'base' : 'dump' });
    const bytes = manifest.files.reduce((sum, f) => sum + f.bytes, 0);
    io.out(
      `backup (${manifest.kind}) of ${manifest.database} in ${outDir}: ${manifest.files.length} files, ${bytes} bytes, ${manifest.payments} payments, ` +
        `audit head ${manifest.auditHead ? `${manifest.auditHead.seq}:${manifest.auditHead.hash}` : '(empty)'}, server time ${manifest.serverTime}`,
    );
    return EXIT_OK;
  } catch (error) {
    io.err(`hankou house backup: ${(error as Error).message}`);
    return EXIT_FAILED;
  }
}

export async function runHouseRestore(args: string[], io: CliIo): Promise<number> {
  const { values, on } = parseFlags(args, ['--from', '--database-url', '--wal-archive', '--pgdata', '--target-time', '--port'], ['--start']);
  const fromDir = one(values, '--from');
  if (fromDir === undefined) throw new UsageError('restore needs --from DIR');
  const databaseUrl = one(values, '--database-url');
  const pgdata = one(values, '--pgdata');
  if ((databaseUrl === undefined) === (pgdata === undefined)) throw new UsageError('restore needs --database-url URL (a dump) or --pgdata NEWDIR (a base backup), not both');
  const { restoreDump, restorePointInTime } = await import('../../house/backup/house-restore');
  try {
    if (databaseUrl !== undefined) {
      const restored = await restoreDump(fromDir, databaseUrl);
      io.out(`restored ${restored.payments} payments; audit chain OK ${restored.audit.count} entries, head ${restored.audit.headHash ?? '(empty)'} (the backup's head)`);
      return EXIT_OK;
    }
    const walArchive = one(values, '--wal-archive');
    if (walArchive === undefined) throw new UsageError('a point-in-time restore needs --wal-archive ARCH');
    const portText = one(values, '--port');
    const port = portText === undefined ? undefined : Number(portText);
    if (port !== undefined && (!Number.isInteger(port) || port < 1 || port > 65535)) throw new UsageError('--port must be 1..65535');
    const targetTime = one(values, '--target-time');
    const result = await restorePointInTime({
      fromDir,
      walArchive,
      pgdata: pgdata!,
      ...(targetTime === undefined ? {} : { targetTime }),
      ...(port === undefined ? {} : { port }),
      start: on.has('--start'),
    });
    if (result.ledger === undefined) {
      io.out(`prepared ${result.pgdata} for recovery${targetTime ? ` to ${targetTime}` : ''}; start it with: pg_ctl -D ${result.pgdata} start (as the postgres user), then hankou audit verify --house-database-url ${result.databaseUrl}`);
    } else {
      io.out(
        `restored to ${targetTime ?? 'the end of the WAL archive'} at ${result.databaseUrl}: ${result.ledger.payments} payments; ` +
          `audit chain OK ${result.ledger.audit.count} entries, head ${result.ledger.audit.headHash ?? '(empty)'}`,
      );
    }
    return EXIT_OK;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    io.err(`hankou house restore: ${(error as Error).message}`);
    return EXIT_FAILED;
  }
}
