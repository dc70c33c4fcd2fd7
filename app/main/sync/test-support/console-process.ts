// Starts test-support/console-child.ts in its own process and follows what it prints, so a test
// can SIGKILL the console back end at a chosen point and open its store afterwards.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createConsoleBackend } from '../../backend';
import type { ConsoleChildOptions } from './console-child';

const CHILD = fileURLToPath(new URL('./console-child.ts', import.meta.url));

export interface ConsoleProcess {
  child: ChildProcess;
  /** Every stdout line so far. */
  lines: string[];
  /** Resolves with the first line (seen or to come) that matches; rejects if the child exits first. */
  waitForLine(pattern: RegExp, what: string): Promise<string>;
  exited: Promise<number | null>;
  stderr(): string;
}

export function startConsoleProcess(options: ConsoleChildOptions): ConsoleProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, JSON.stringify(options)], { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  const waiters: Array<{ pattern: RegExp; resolve: (line: string) => void }> = [];
  let partial = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    partial += chunk.toString();
    const parts = partial.split('\n');
    partial = parts.pop() ?? '';
    for (const line of parts) {
      lines.push(line);
      for (const w of waiters.filter((x) => x.pattern.test(line))) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(line);
      }
    }
  });
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    lines,
    exited,
    stderr: () => err,
    waitForLine(pattern, what) {
      const seen = lines.find((l) => pattern.test(l));
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        waiters.push({ pattern, resolve });
        void exited.then((code) => reject(new Error(`console child exited (${code}) before ${what}: ${err.slice(-2000)}`)));
      });
    },
  };
}

/** SIGKILL, and wait until the process is gone (its store is then as a power cut leaves it). */
export async function killConsole(proc: ConsoleProcess): Promise<void> {
  proc.child.kill('SIGKILL');
  await proc.exited;
}

/** Runs the child in drain mode to the end: sync until nothing is pending, then a clean exit. */
export async function drainConsole(options: Omit<ConsoleChildOptions, 'mode'>): Promise<void> {
  const proc = startConsoleProcess({ ...options, mode: 'drain' });
  const code = await proc.exited;
  if (code !== 0 || !proc.lines.some((l) => l.startsWith('drained'))) {
    throw new Error(`console drain exited with ${code}: ${proc.stderr().slice(-2000)}`);
  }
}

/** A console store (no demo data) whose own bank is `selfId`, set up in this process and closed. */
export async function prepareConsoleStore(dataDir: string, selfId: string): Promise<void> {
  const backend = await createConsoleBackend({ dataDir, demo: false, log: () => undefined });
  const { db } = backend.services;
  db.transaction(() => {
    db.prepare('UPDATE participants SET is_self = 0').run();
    db.prepare('UPDATE participants SET is_self = 1 WHERE id = ?').run(selfId);
    db.prepare("UPDATE settings SET value = ? WHERE key = 'self_participant'").run(selfId);
  })();
  await backend.close();
}
