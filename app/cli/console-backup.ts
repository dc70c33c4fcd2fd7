import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { EXIT_FAILED, EXIT_OK, UsageError, type CliIo } from './command';
import { STORE_FILE } from '../main/backend';
import { openDatabase } from '../main/store/open-database';
import { createSecretBox, SecretBoxError, type SecretBox } from '../main/secrets/secret-box';
import type { Argon2Params } from '../main/secrets/passphrase-key';
import { backupConsoleStore, restoreConsoleStore } from '../main/backup/console-backup';
import { BackupFileError } from '../main/backup/backup-file';
import { cliPassphrase } from './passphrase-prompt';
import { parseFlags } from './parse-flags';

export const consoleBackupUsage = `       hankou console backup [--data DIR] --out FILE
       hankou console restore --from FILE [--data DIR]`;

export const consoleBackupHelp = `backup: copies the live store with SQLite's online backup (safe while the console runs), checks
  its audit chain and seals it into FILE with the passphrase ($HANKOU_PASSPHRASE or asked), like
  the house link. The console also makes one a day by itself in DIR/backups, keeping 7.
restore: opens FILE with the passphrase, checks it was not changed, that SQLite's integrity check
  passes and that its audit chain verifies to the head it recorded, then makes it DIR's store.
  DIR must hold no store (stop the console, move the old one aside). See docs/backup.md.`;

/** Tests pass a cheaper argon2id; the CLI uses the box's default. */
export interface ConsoleBackupDeps {
  argon2?: Argon2Params;
}

function boxFor(env: NodeJS.ProcessEnv, confirm: boolean, deps: ConsoleBackupDeps): SecretBox {
  return createSecretBox({ passphrase: cliPassphrase({ confirm, env }), ...(deps.argon2 ? { argon2: deps.argon2 } : {}) });
}

function dataDirOf(values: Map<string, string[]>, env: NodeJS.ProcessEnv, defaultDir: string): string {
  const given = values.get('--data')?.at(-1);
  return given !== undefined ? resolve(given) : (env.HANKOU_DATA_DIR ?? defaultDir);
}

function failure(io: CliIo, what: string, error: unknown): number {
  if (error instanceof SecretBoxError || error instanceof BackupFileError) {
    io.err(`hankou console ${what}: ${error.message}`);
    return EXIT_FAILED;
  }
  throw error;
}

export async function backupConsole(args: readonly string[], io: CliIo, env: NodeJS.ProcessEnv, defaultDir: string, deps: ConsoleBackupDeps = {}): Promise<number> {
  const { values } = parseFlags(args, ['--data', '--out'], []);
  const out = values.get('--out')?.at(-1);
  if (out === undefined) throw new UsageError('backup needs --out FILE');
  const store = join(dataDirOf(values, env, defaultDir), STORE_FILE);
  if (!existsSync(store)) throw new UsageError(`no console store at ${store}`);
  if (existsSync(out)) throw new UsageError(`${out} exists: pick a new file (a backup never overwrites)`);
  const db = openDatabase(store, { readonly: true });
  try {
    const made = await backupConsoleStore(db, boxFor(env, true, deps), resolve(out));
    io.out(`backup of ${store} sealed in ${made.file}: ${made.bytes} bytes, audit chain OK ${made.auditHead.count} entries, head ${made.auditHead.hash || '(empty)'}`);
    return EXIT_OK;
  } catch (error) {
    return failure(io, 'backup', error);
  } finally {
    db.close();
  }
}

export async function restoreConsole(args: readonly string[], io: CliIo, env: NodeJS.ProcessEnv, defaultDir: string, deps: ConsoleBackupDeps = {}): Promise<number> {
  const { values } = parseFlags(args, ['--data', '--from'], []);
  const from = values.get('--from')?.at(-1);
  if (from === undefined) throw new UsageError('restore needs --from FILE');
  if (!existsSync(from)) throw new UsageError(`no such file: ${from}`);
  const store = join(dataDirOf(values, env, defaultDir), STORE_FILE);
  try {
    const header = await restoreConsoleStore(boxFor(env, false, deps), from, store);
    io.out(`restored ${store} from the backup of ${header.createdAt}: audit chain OK ${header.auditHead.count} entries, head ${header.auditHead.hash || '(empty)'}`);
    return EXIT_OK;
  } catch (error) {
    return failure(io, 'restore', error);
  }
}
