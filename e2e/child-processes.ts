import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseCredentialLines, parseTotpLines } from '../app/main/demo/demo-operators';
import { registerTotpSecrets } from './totp-codes';

/**
 * `hankou house serve` and `hankou console serve` as child processes of a spec, for the specs
 * that need a real clearing house they can stop and restart (sync, cancel).
 */

export const projectRoot = dirname(dirname(fileURLToPath(import.meta.url)));
export const DEMO_SEED_FILE = join(projectRoot, 'app/house/demo-seed.json');
export const ADMIN_TOKEN = 'e2e-admin-token-0123456789abcdef';
/** Demo creation hashes nine passwords with argon2id and loads the sanctions lists. */
export const START_TIMEOUT_MS = 240_000;

type Seed = { participants: { id: string; bankCode: string; token: string; balance: string }[] };
export const demoSeed = JSON.parse(readFileSync(DEMO_SEED_FILE, 'utf8')) as Seed;

export function tokenOf(id: string): string {
  const token = demoSeed.participants.find((p) => p.id === id)?.token;
  if (!token) throw new Error(`no ${id} in the demo seed`);
  return token;
}

export const bankCodeOf = (id: string): string => demoSeed.participants.find((p) => p.id === id)?.bankCode ?? '';

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

/** Starts `node bin/hankou.mjs ...args` and resolves with the first stdout match of `pattern`. */
export function startChild(args: string[], pattern: RegExp, env: NodeJS.ProcessEnv = {}): Promise<{ child: ChildProcess; match: string; output: string[] }> {
  const child = spawn(process.execPath, [join(projectRoot, 'bin/hankou.mjs'), ...args], {
    cwd: projectRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolveStart, reject) => {
    const output: string[] = [];
    const timer = setTimeout(() => reject(new Error(`${args.join(' ')} did not start in time:\n${output.join('\n')}`)), START_TIMEOUT_MS);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      output.push(line);
      const match = pattern.exec(line);
      if (match?.[1]) {
        clearTimeout(timer);
        resolveStart({ child, match: match[1], output });
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${args.join(' ')} exited with ${code}:\n${output.join('\n')}`));
    });
  });
}

export async function stopChild(child: ChildProcess | undefined): Promise<void> {
  if (child === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolveExit) => child.once('exit', resolveExit));
  child.kill('SIGTERM');
  await exited;
}

/**
 * Offline, the consoles retry the house at least every 2 s instead of backing off to 30 s: the
 * specs that stop and restart a house (cancel, sync) then see the console back within 2 s of it,
 * not up to 30 s later. What they check (work queued offline, sent once the house is back) is the
 * same; the backoff itself is unit-tested (app/main/sync/sync-tuning.test.ts).
 */
const SYNC_MAX_BACKOFF_MS = '2000';

/**
 * A demo console (`hankou console serve --demo`) linked to the house at `houseUrl` as HKB, with
 * `payments` of history: its URL and the operators' passwords, which the first start prints once.
 */
export async function startDemoConsole(dataDir: string, houseUrl: string, payments: number): Promise<{ child: ChildProcess; url: string; operators: Record<string, string> }> {
  const started = await startChild(
    ['console', 'serve', '--demo', '--data', dataDir, '--house', houseUrl, '--house-token', tokenOf('HKB')],
    /Hankou console: (http:\/\/127\.0\.0\.1:\d+\/\?k=\S+)/,
    { HANKOU_DEMO_PAYMENTS: String(payments), HANKOU_SYNC_MAX_BACKOFF_MS: SYNC_MAX_BACKOFF_MS },
  );
  const operators: Record<string, string> = Object.fromEntries(parseCredentialLines(started.output));
  if (operators.super1 === undefined) throw new Error(`the demo start printed no passwords:\n${started.output.join('\n')}`);
  // Supervisors and the administrator sign in with a one-time code: loginByKeyboard finds the keys by console.
  registerTotpSecrets(started.match, parseTotpLines(started.output));
  return { child: started.child, url: started.match, operators };
}

/**
 * A house (the demo seed, cycles left to the operator) and a demo console linked to it as HKB,
 * in a fresh temporary folder: what a spec needs to see payments settle. `stop()` ends both
 * and removes the folder; `admin()` calls the house's admin API.
 */
export async function startHouseWithConsole(name: string, payments = 50): Promise<{
  url: string;
  operators: Record<string, string>;
  admin: (path: string, body: unknown) => Promise<number>;
  stop: () => Promise<void>;
}> {
  const work = mkdtempSync(join(tmpdir(), `hankou-e2e-${name}-`));
  const port = await freePort();
  writeFileSync(join(work, 'seed.json'), JSON.stringify({ participants: demoSeed.participants }));
  const house = await startChild(
    ['house', 'serve', '--port', String(port), '--data', join(work, 'house'), '--seed', join(work, 'seed.json'), '--admin-token', ADMIN_TOKEN, '--cycle-interval-ms', '0', '--log-level', 'warn'],
    /listening on (http:\/\/127\.0\.0\.1:\d+)/,
  );
  const started = await startDemoConsole(join(work, 'console'), `http://127.0.0.1:${port}`, payments).catch(async (error: unknown) => {
    await stopChild(house.child);
    throw error;
  });
  return {
    url: started.url,
    operators: started.operators,
    async admin(path, body) {
      const response = await fetch(`http://127.0.0.1:${port}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return response.status;
    },
    async stop() {
      await stopChild(started.child);
      await stopChild(house.child);
      rmSync(work, { recursive: true, force: true });
    },
  };
}
