import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { EXIT_FAILED, EXIT_OK, UsageError, type CliIo } from './command';
import { STORE_FILE } from '../main/backend';
import { openDatabase, type Db } from '../main/store/open-database';
import { migrate } from '../main/store/migrate';
import { createSecretBox, SecretBoxError } from '../main/secrets/secret-box';
import { forgetHouseLink, houseLinkSchema, storeHouseLink } from '../main/settings/house-link';
import { issueNewPasswords } from '../main/auth/new-password';
import { DEMO_OPERATORS, formatCredentialLine, formatTotpLine } from '../main/demo/demo-operators';
import { cliPassphrase } from './passphrase-prompt';
import { parseFlags } from './parse-flags';
import { CLIENT_TLS_FLAGS, readClientTls } from './client-tls';

function dataDirOf(values: Map<string, string[]>, env: NodeJS.ProcessEnv, defaultDir: string): string {
  const given = values.get('--data')?.at(-1);
  return given !== undefined ? resolve(given) : (env.HANKOU_DATA_DIR ?? defaultDir);
}

function openStore(dataDir: string): Db {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const db = openDatabase(join(dataDir, STORE_FILE));
  migrate(db);
  return db;
}

/** A token file: the whole file, one trailing line break dropped; `-` is standard input. */
async function readToken(path: string, io: CliIo): Promise<string> {
  if (path === '-') {
    if (io.readStdin === undefined) throw new UsageError('--token-file - needs standard input');
    return (await io.readStdin()).replace(/\r?\n$/, '');
  }
  if (!existsSync(path)) throw new UsageError(`--token-file ${path} does not exist`);
  return readFileSync(path, 'utf8').replace(/\r?\n$/, '');
}

/**
 * `hankou console set-house`: seals the house URL and token into the store with the passphrase
 * (the CLI has no OS keychain: that is the desktop console's). The token is read from a file or
 * standard input, never from the command line, where other users' `ps` would see it.
 */
export async function setHouse(args: readonly string[], io: CliIo, env: NodeJS.ProcessEnv, defaultDir: string): Promise<number> {
  const { values } = parseFlags(args, ['--data', '--url', '--token-file', ...CLIENT_TLS_FLAGS], []);
  const url = values.get('--url')?.at(-1);
  const tokenFile = values.get('--token-file')?.at(-1);
  if (url === undefined || tokenFile === undefined) throw new UsageError('set-house needs --url U and --token-file F (or - for standard input)');
  const tls = readClientTls(values, env);
  const link = houseLinkSchema.safeParse({ url, token: await readToken(tokenFile, io), ...(tls ? { tls } : {}) });
  if (!link.success) throw new UsageError(link.error.issues.map((i) => i.message).join('; '));
  const dataDir = dataDirOf(values, env, defaultDir);
  const db = openStore(dataDir);
  try {
    const box = createSecretBox({ passphrase: cliPassphrase({ confirm: true, env }) });
    const kind = await storeHouseLink(db, box, link.data, 'cli', new Date().toISOString());
    io.out(`house link to ${link.data.url}${tls ? ' with its client certificate' : ''} sealed (${kind}) in ${join(dataDir, STORE_FILE)}; the token is stored nowhere in clear${tls ? ' (nor the key: delete the issued key file now)' : ''}`);
    return EXIT_OK;
  } catch (error) {
    if (!(error instanceof SecretBoxError)) throw error;
    io.err(`hankou console set-house: ${error.message}`);
    return EXIT_FAILED;
  } finally {
    db.close();
  }
}

export async function forgetHouse(args: readonly string[], io: CliIo, env: NodeJS.ProcessEnv, defaultDir: string): Promise<number> {
  const { values } = parseFlags(args, ['--data'], []);
  const dataDir = dataDirOf(values, env, defaultDir);
  const db = openStore(dataDir);
  try {
    io.out(forgetHouseLink(db, 'cli', new Date().toISOString()) ? 'stored house link removed' : 'no house link was stored');
    return EXIT_OK;
  } finally {
    db.close();
  }
}

/** `hankou console new-password`: fresh one-time passwords, printed once (first-start ones are kept nowhere). */
export async function newPassword(args: readonly string[], io: CliIo, env: NodeJS.ProcessEnv, defaultDir: string): Promise<number> {
  const { values, on } = parseFlags(args, ['--data', '--user'], ['--demo-operators']);
  const users = [...(values.get('--user') ?? []), ...(on.has('--demo-operators') ? DEMO_OPERATORS.map((o) => o.username) : [])];
  if (users.length === 0) throw new UsageError('new-password needs --user NAME (repeatable) or --demo-operators');
  const dataDir = dataDirOf(values, env, defaultDir);
  if (!existsSync(join(dataDir, STORE_FILE))) {
    io.err(`hankou console new-password: no console store in ${dataDir}`);
    return EXIT_FAILED;
  }
  const db = openStore(dataDir);
  try {
    const issued = await issueNewPasswords(db, [...new Set(users)], 'cli', new Date().toISOString());
    io.out('New passwords, shown this once and stored nowhere (only argon2id hashes):');
    for (const c of issued) io.out(formatCredentialLine(c));
    const keys = issued.filter((c) => c.totpSecret !== undefined);
    if (keys.length > 0) {
      io.out('New one-time-code keys (TOTP), shown this once; add them to an authenticator app:');
      for (const c of keys) io.out(formatTotpLine(c.username, c.totpSecret ?? ''));
    }
    return EXIT_OK;
  } catch (error) {
    if (!(error instanceof Error) || !error.message.startsWith('no such operator')) throw error;
    io.err(`hankou console new-password: ${error.message}`);
    return EXIT_FAILED;
  } finally {
    db.close();
  }
}
