import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type CommandModule, EXIT_FAILED, EXIT_OK, EXIT_USAGE, UsageError } from '../command';
import { openDatabase } from '../../main/store/open-database';
import { verifyAuditLog } from '../../main/audit/audit-log';
import type { AuditVerification } from '../../shared/audit/audit-chain';
import { openHouseAuditReader } from '../../house/store/audit-reader';
import { readHouseAudit, verifyHouseAuditLog } from '../../house/store/audit-log';
import { liveLockOwner } from '../../house/store/data-dir-lock';

/** Why a house data directory cannot be read right now: a person's problem, not a program's. */
class HouseDirBusy extends Error {}

const usage = `usage: hankou audit verify (--db PATH | --house-data DIR | --house-database-url URL) [--head SEQ:HASH]
  Walks a hash-chained audit log from the first entry and checks every link:
    --db PATH                  the console's SQLite store (opened read-only)
    --house-data DIR           the house's PGlite data directory (read-only session; while a
                               house runs on it, a message and exit 2: verify a live house
                               with GET /v1/admin/audit or through its PostgreSQL)
    --house-database-url URL   the house's PostgreSQL database (read-only session)
    --head SEQ:HASH            a head recorded earlier (the "head" printed here or by
                               GET /v1/admin/audit): the chain must still hold entry SEQ with
                               that hash, which catches entries cut off the end
  Prints "OK <count> entries, head <hash>" and exits 0, or names the first broken entry
  ("BROKEN at entry N: ...") or the lost head ("TRUNCATED: ...") and exits 1.`;

const SOURCES = ['--db', '--house-data', '--house-database-url'] as const;
const OPTIONS: readonly string[] = [...SOURCES, '--head'];

function option(args: string[], name: string): string | undefined {
  const at = args.indexOf(name);
  if (at < 0) return undefined;
  const value = args[at + 1];
  if (value === undefined || value.startsWith('--')) throw new UsageError(`${name} needs a value`);
  return value;
}

function parseHead(text: string | undefined): { seq: number; hash: string } | undefined {
  if (text === undefined) return undefined;
  const match = /^(\d{1,15}):([0-9a-f]{64})$/.exec(text);
  const seq = Number(match?.[1]);
  if (!match?.[2] || seq < 1) throw new UsageError('--head takes SEQ:HASH (an entry number from 1 and a 64-digit lowercase hex hash)');
  return { seq, hash: match[2] };
}

interface ChainCheck {
  verification: AuditVerification;
  /** The stored hash of entry `seq`, once the chain has verified. */
  hashAt(seq: number): Promise<string | undefined>;
}

async function checkConsole(path: string, work: (check: ChainCheck) => Promise<number>): Promise<number> {
  if (!existsSync(path)) throw new UsageError(`no such file: ${path}`);
  const db = openDatabase(path, { readonly: true });
  try {
    const hashAt = db.prepare<[number], string>('SELECT hash FROM audit_log WHERE seq = ?').pluck();
    return await work({ verification: verifyAuditLog(db), hashAt: async (seq) => hashAt.get(seq) });
  } finally {
    db.close();
  }
}

async function checkHouse(source: { dataDir: string } | { databaseUrl: string }, work: (check: ChainCheck) => Promise<number>): Promise<number> {
  if ('dataDir' in source) {
    if (!existsSync(source.dataDir)) throw new UsageError(`no such directory: ${source.dataDir}`);
    // PGlite is one process per directory: opening it beside the running house could corrupt it.
    const owner = liveLockOwner(source.dataDir);
    if (owner !== undefined) {
      throw new HouseDirBusy(
        `the clearing house (process ${owner}) is running on ${source.dataDir} and holds it; nothing was read.\n` +
          'Verify a running house through GET /v1/admin/audit (or its PostgreSQL with --house-database-url), or stop it and run this again.',
      );
    }
    if (!existsSync(join(source.dataDir, 'PG_VERSION'))) throw new UsageError(`${source.dataDir} is not a house data directory (no PG_VERSION)`);
  }
  const reader = await openHouseAuditReader(source);
  try {
    const verification = await verifyHouseAuditLog(reader.client);
    return await work({ verification, hashAt: async (seq) => (await readHouseAudit(reader.client, seq - 1, 1))[0]?.hash });
  } finally {
    await reader.close();
  }
}

export const command: CommandModule = {
  summary: 'verify a hash-chained audit log (console or house)',
  usage,
  async run(args, io) {
    const [sub, ...rest] = args;
    if (sub !== 'verify') throw new UsageError(sub === undefined ? 'missing subcommand' : `unknown subcommand "${sub}"`);
    const unknown = rest.filter((a, i) => a.startsWith('--') && !OPTIONS.includes(a) && !OPTIONS.includes(rest[i - 1] ?? ''));
    if (unknown.length > 0) throw new UsageError(`unknown option ${unknown[0]}`);
    const given = SOURCES.filter((name) => option(rest, name) !== undefined);
    if (given.length !== 1) throw new UsageError('give exactly one of --db PATH, --house-data DIR, --house-database-url URL');
    const head = parseHead(option(rest, '--head'));
    const value = option(rest, given[0] ?? '--db') ?? '';

    const report = async ({ verification: result, hashAt }: ChainCheck): Promise<number> => {
      if (!result.ok) {
        io.out(`BROKEN at entry ${result.seq}: ${result.problem} (${result.count} entries before it verify)`);
        return EXIT_FAILED;
      }
      if (head && head.seq > result.count) {
        io.out(`TRUNCATED: the chain ends at entry ${result.count} but the recorded head is entry ${head.seq} (entries were cut off the end)`);
        return EXIT_FAILED;
      }
      if (head) {
        const stored = await hashAt(head.seq);
        if (stored !== head.hash) {
          io.out(`BROKEN at entry ${head.seq}: its hash ${stored?.slice(0, 12) ?? '(none)'}… is not the recorded head ${head.hash.slice(0, 12)}… (the chain was rewritten)`);
          return EXIT_FAILED;
        }
      }
      io.out(`OK ${result.count} entries, head ${result.lastHash}${head ? ` (recorded head ${head.seq} holds)` : ''}`);
      return EXIT_OK;
    };

    if (given[0] === '--db') return checkConsole(value, report);
    try {
      return await checkHouse(given[0] === '--house-data' ? { dataDir: value } : { databaseUrl: value }, report);
    } catch (error) {
      if (!(error instanceof HouseDirBusy)) throw error;
      io.err(`hankou audit verify: ${error.message}`);
      return EXIT_USAGE;
    }
  },
};
