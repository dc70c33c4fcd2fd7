import { existsSync } from 'node:fs';
import { type CommandModule, EXIT_FAILED, EXIT_OK, UsageError } from '../command';
import { openDatabase } from '../../main/store/open-database';
import { verifyAuditLog } from '../../main/audit/audit-log';

const usage = `usage: hankou audit verify --db PATH
  Walks the console's hash-chained audit log from the first entry and checks every link.
  Prints "OK <count> entries, head <hash>" and exits 0, or names the first broken entry and
  exits 1. The store is opened read-only.`;

function option(args: string[], name: string): string | undefined {
  const at = args.indexOf(name);
  if (at < 0) return undefined;
  const value = args[at + 1];
  if (value === undefined || value.startsWith('--')) throw new UsageError(`${name} needs a value`);
  return value;
}

export const command: CommandModule = {
  summary: 'verify the console audit log (hash chain)',
  usage,
  async run(args, io) {
    const [sub, ...rest] = args;
    if (sub !== 'verify') throw new UsageError(sub === undefined ? 'missing subcommand' : `unknown subcommand "${sub}"`);
    const path = option(rest, '--db');
    if (path === undefined) throw new UsageError('--db PATH is required');
    const unknown = rest.filter((a, i) => a.startsWith('--') && a !== '--db' && rest[i - 1] !== '--db');
    if (unknown.length > 0) throw new UsageError(`unknown option ${unknown[0]}`);
    if (!existsSync(path)) throw new UsageError(`no such file: ${path}`);
    const db = openDatabase(path, { readonly: true });
    try {
      const result = verifyAuditLog(db);
      if (result.ok) {
        io.out(`OK ${result.count} entries, head ${result.lastHash}`);
        return EXIT_OK;
      }
      io.out(`BROKEN at entry ${result.seq}: ${result.problem} (${result.count} entries before it verify)`);
      return EXIT_FAILED;
    } finally {
      db.close();
    }
  },
};
