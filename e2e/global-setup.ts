import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
// @ts-expect-error plain .mjs helper shared with scripts/start.mjs (no type declarations)
import { ensureRendererBuilt } from '../build/ensure-built.mjs';
import { parseCredentialLines, parseTotpLines } from '../app/main/demo/demo-operators';
import { E2E_WORKERS, publishGlobalConsoles, type GlobalConsole } from './global-consoles';
import { stopChild } from './child-processes';

const projectRoot = dirname(dirname(fileURLToPath(import.meta.url)));
/** Demo creation hashes nine passwords with argon2id and writes the history: allow for a slow machine. */
const SERVER_START_TIMEOUT_MS = 240_000;

/** Resolves with the console URL and every line printed before it (the first start prints the passwords there). */
function waitForUrl(child: ChildProcess): Promise<{ url: string; output: string[] }> {
  return new Promise((resolveUrl, reject) => {
    const output: string[] = [];
    const timer = setTimeout(() => reject(new Error(`console did not start in time:\n${output.join('\n')}`)), SERVER_START_TIMEOUT_MS);
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      output.push(line);
      const match = /Hankou console: (http:\/\/127\.0\.0\.1:\d+\/\?k=\S+)/.exec(line);
      if (match?.[1]) {
        clearTimeout(timer);
        resolveUrl({ url: match[1], output });
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`hankou console serve exited with ${code}:\n${output.join('\n')}`));
    });
  });
}

/**
 * The demo operators' passwords, as a person gets them: printed once by the first start and kept
 * in no file. A reused data folder (HANKOU_E2E_DATA) printed them long ago: it gets new ones
 * from `hankou console new-password`, the documented way back in.
 */
function demoPasswords(startOutput: string[], dataDir: string): { passwords: Record<string, string>; totp: Record<string, string> } {
  let passwords = parseCredentialLines(startOutput);
  let totp = parseTotpLines(startOutput);
  if (passwords.size === 0) {
    const issued = spawnSync(process.execPath, [join(projectRoot, 'bin/hankou.mjs'), 'console', 'new-password', '--data', dataDir, '--demo-operators'], {
      cwd: projectRoot,
      encoding: 'utf8',
    });
    if (issued.status !== 0) throw new Error(`hankou console new-password failed:\n${issued.stdout}${issued.stderr}`);
    passwords = parseCredentialLines(issued.stdout);
    // new-password issues supervisors and the administrator fresh one-time-code keys too.
    totp = parseTotpLines(issued.stdout);
  }
  if (!passwords.has('clerk1')) throw new Error(`no demo passwords were printed by the demo start:\n${startOutput.join('\n')}`);
  return { passwords: Object.fromEntries(passwords), totp: Object.fromEntries(totp) };
}

/** Starts one demo console on `dataDir`; resolves once it serves, with its operators' credentials. */
async function startDemoConsole(dataDir: string): Promise<{ child: ChildProcess; console: GlobalConsole }> {
  const child = spawn(process.execPath, [join(projectRoot, 'bin/hankou.mjs'), 'console', 'serve', '--demo', '--data', dataDir], {
    cwd: projectRoot,
    env: { ...process.env, HANKOU_DEMO_PAYMENTS: process.env.HANKOU_DEMO_PAYMENTS ?? '20000' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const { url, output } = await waitForUrl(child);
  const { passwords: operators, totp } = demoPasswords(output, dataDir);
  return { child, console: { url, operators, totp, dataDir } };
}

export default async function globalSetup(): Promise<() => Promise<void>> {
  if (!existsSync('/usr/bin/chromium')) {
    throw new Error('/usr/bin/chromium is missing: apt-get update && apt-get install -y chromium fonts-wqy-microhei');
  }
  ensureRendererBuilt();
  // HANKOU_E2E_DATA reuses (and keeps) a data folder from an earlier run: a million-row demo
  // takes minutes to write. Otherwise fresh temporary folders, one per worker, removed afterwards.
  const reuse = process.env.HANKOU_E2E_DATA;
  const dataDirs = reuse !== undefined ? [reuse] : Array.from({ length: E2E_WORKERS }, () => mkdtempSync(join(tmpdir(), 'hankou-e2e-')));
  const started = await Promise.all(dataDirs.map((dataDir) => startDemoConsole(dataDir)));
  // Workers inherit the environment the global setup leaves behind.
  publishGlobalConsoles(started.map((s) => s.console));
  return async () => {
    await Promise.all(started.map(({ child }) => stopChild(child)));
    if (reuse === undefined) for (const dataDir of dataDirs) rmSync(dataDir, { recursive: true, force: true });
  };
}
