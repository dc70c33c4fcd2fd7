import { describe, it, expect, afterAll } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { command } from './house';
import { UsageError } from '../command';

const BIN = fileURLToPath(new URL('../../../bin/hankou.mjs', import.meta.url));
const SEED = fileURLToPath(new URL('../../house/demo-seed.json', import.meta.url));
const io = { out: () => undefined, err: () => undefined };

describe('hankou house', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hankou-cli-house-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses misuse with a UsageError', async () => {
    await expect(command.run([], io)).rejects.toBeInstanceOf(UsageError);
    await expect(command.run(['serve'], io)).rejects.toThrow(/--port is required/);
    await expect(command.run(['serve', '--port', '99999'], io)).rejects.toThrow(/--port/);
    await expect(command.run(['serve', '--port', '1', '--data', 'x', '--database-url', 'y'], io)).rejects.toThrow(/not both/);
  });

  it('serve prints its address, answers on it with the seeded participants, and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, [BIN, 'house', 'serve', '--port', '0', '--data', dir, '--seed', SEED, '--admin-token', 'cli-test-admin-token-0001', '--log-level', 'warn'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /^listening on (http:\/\/127\.0\.0\.1:\d+)$/m.exec(out);
        if (match?.[1]) resolve(match[1]);
      });
      void exited.then((code) => reject(new Error(`exited ${code} before listening`)));
    });
    const me = await fetch(`${url}/v1/accounts/me`, { headers: { authorization: 'Bearer demo-token-hkb-0000000000' } });
    expect(await me.json()).toMatchObject({ participant: 'HKB', balance: '500000000.00', netDebitCap: '200000000.00' });
    const list = await fetch(`${url}/v1/admin/participants`, { headers: { authorization: 'Bearer cli-test-admin-token-0001' } });
    expect(((await list.json()) as { participants: unknown[] }).participants).toHaveLength(15);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 120_000);
});
