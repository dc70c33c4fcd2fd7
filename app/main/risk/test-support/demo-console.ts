import { expect } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConsoleBackend } from '../../backend';
import type { ConsoleBackendOptions } from '../../backend-types';
import { parseCredentialLines } from '../../demo/demo-operators';
import type { ContractError } from '../../../shared/contract';
import { demoLoginInput } from '../../auth/test-support/demo-login';

/**
 * A demo console for risk tests, assembled by createConsoleBackend: `users` logged in with the
 * passwords the demo printed, and with `watchList` a one-name local sanctions list (BANCO
 * NACIONAL DE CUBA) as the only list. `close` closes it and puts HANKOU_SANCTIONS_DIR back.
 */
export async function openDemoConsole(options: {
  dirPrefix: string;
  users: readonly string[];
  payments: number;
  nowMs: number;
  watchList: boolean;
  extensions?: ConsoleBackendOptions['extensions'];
}): Promise<{ backend: Awaited<ReturnType<typeof createConsoleBackend>>; passwords: Map<string, string>; close: () => Promise<void> }> {
  const savedEnv = process.env.HANKOU_SANCTIONS_DIR;
  if (options.watchList) {
    const listDir = mkdtempSync(join(tmpdir(), 'hankou-lists-'));
    writeFileSync(join(listDir, 'local-watch.json'), JSON.stringify({ title: 'test', entries: [{ id: 'L-306', name: 'BANCO NACIONAL DE CUBA', type: 'entity' }] }));
    process.env.HANKOU_SANCTIONS_DIR = listDir;
  }
  const logs: string[] = [];
  const backend = await createConsoleBackend({
    dataDir: mkdtempSync(join(tmpdir(), options.dirPrefix)),
    demo: { payments: options.payments },
    now: () => new Date(options.nowMs),
    log: (l) => logs.push(l),
    ...(options.extensions ? { extensions: options.extensions } : {}),
  });
  const passwords = parseCredentialLines(logs);
  for (const user of options.users) {
    expect((await backend.invoke(user, 'auth.login', demoLoginInput(logs, user, options.nowMs))).ok).toBe(true);
  }
  const close = async () => {
    await backend.close();
    if (!options.watchList) return;
    if (savedEnv === undefined) delete process.env.HANKOU_SANCTIONS_DIR;
    else process.env.HANKOU_SANCTIONS_DIR = savedEnv;
  };
  return { backend, passwords, close };
}

/** The value of a contract answer, or a thrown error naming its code. */
export function contractValue<T>(result: { ok: true; value: unknown } | { ok: false; error: ContractError }): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
}
