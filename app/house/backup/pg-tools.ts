import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The PostgreSQL programs the house's backup, restore and test clusters run: Debian's
 * postgresql package (server: initdb, pg_ctl, pg_basebackup) and postgresql-client (pg_dump,
 * pg_restore). Found in HANKOU_PG_BIN, else the newest /usr/lib/postgresql/N/bin, else PATH.
 */
export function pgBinDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.HANKOU_PG_BIN) return env.HANKOU_PG_BIN;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => /^\d+$/.test(v) && existsSync(join(root, v, 'bin', 'pg_ctl')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] === undefined ? undefined : join(root, versions[0], 'bin');
}

/** The path of one program, or undefined when it is not installed. */
export function pgProgram(name: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const dir = pgBinDir(env);
  if (dir !== undefined && existsSync(join(dir, name))) return join(dir, name);
  for (const part of (env.PATH ?? '').split(':')) {
    if (part && existsSync(join(part, name))) return join(part, name);
  }
  return undefined;
}

export class PgToolError extends Error {
  constructor(
    readonly program: string,
    message: string,
  ) {
    super(message);
    this.name = 'PgToolError';
  }
}

/** The server programs refuse to run as root; as root they run as the `postgres` user. */
const SERVER_PROGRAMS = new Set(['initdb', 'pg_ctl', 'postgres', 'pg_controldata', 'pg_resetwal']);

export function runsAsRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/** Gives a directory tree to the `postgres` user when we are root (the server runs as that user). */
export async function handToPostgresUser(path: string): Promise<void> {
  if (!runsAsRoot()) return;
  await runPlain('chown', ['-R', 'postgres:postgres', path]);
}

function runPlain(file: string, args: string[], env?: NodeJS.ProcessEnv): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { env: env ?? process.env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(Object.assign(error, { stdout, stderr }));
      else resolve({ stdout, stderr });
    });
  });
}

/**
 * Runs one PostgreSQL program and resolves with its output; a failure rejects with its
 * stderr, so the operator reads PostgreSQL's own words.
 */
export async function runPg(name: string, args: string[], options: { env?: NodeJS.ProcessEnv } = {}): Promise<{ stdout: string; stderr: string }> {
  const program = pgProgram(name);
  if (program === undefined) {
    throw new PgToolError(name, `${name} is not installed (Debian: apt-get install postgresql postgresql-client; or set HANKOU_PG_BIN)`);
  }
  const env = { ...process.env, ...options.env };
  const asPostgres = SERVER_PROGRAMS.has(name) && runsAsRoot();
  try {
    return asPostgres ? await runPlain('runuser', ['-u', 'postgres', '--', program, ...args], env) : await runPlain(program, args, env);
  } catch (error) {
    const stderr = String((error as { stderr?: string }).stderr ?? '').trim();
    throw new PgToolError(name, `${name} failed: ${stderr || (error as Error).message}`);
  }
}
