import { describe, it, expect, afterAll } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { command } from './house';
import { UsageError } from '../command';
import { startHouse } from '../../house/house';
import { TEST_SEED, TOKENS, call, paymentPayload, pushBody } from '../../house/test-support/fixtures';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (line: string) => out.push(line), err: (line: string) => err.push(line) }, out, err };
}

describe('hankou house archive', () => {
  const dir = mkdtempSync(join(tmpdir(), 'archive-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses misuse with a UsageError', async () => {
    const { io } = capture();
    await expect(command.run(['archive'], io)).rejects.toBeInstanceOf(UsageError);
    await expect(command.run(['archive', 'query'], io)).rejects.toThrow(/--id/);
    await expect(command.run(['archive', 'run', '--retention-days', '0'], io)).rejects.toThrow(/at least 1/);
    await expect(command.run(['archive', 'run', '--data', 'a', '--database-url', 'b'], io)).rejects.toThrow(/not both/);
    await expect(command.run(['archive', 'query', '--id', 'x', '--date', '7/12/2026'], io)).rejects.toThrow(/YYYY-MM-DD/);
  });

  it('run archives the closed days of a stopped PGlite ledger; query answers by id; verify walks archive and ledger', async () => {
    const ledger = join(dir, 'ledger');
    const archive = join(dir, 'archive');
    const house = await startHouse({ dataDir: ledger, seed: TEST_SEED, logLevel: 'silent', cycleIntervalMs: 0, offsetIntervalMs: 0, businessDate: '2026-03-02' });
    await call(`${house.url}/v1/sync/push`, TOKENS.A, 'POST', pushBody('cli-a', 1, [paymentPayload('cli-1', 'B', '12.34')]));
    await call(`${house.url}/v1/admin/end-of-day`, house.adminToken, 'POST', {});
    await call(`${house.url}/v1/sync/push`, TOKENS.A, 'POST', pushBody('cli-a', 2, [paymentPayload('cli-2', 'B', '1.00')]));
    await house.close();

    const run = capture();
    expect(await command.run(['archive', 'run', '--data', ledger, '--dir', archive, '--retention-days', '1'], run.io)).toBe(0);
    expect(run.out.join('\n')).toMatch(/archived 2026-03-02: 1 payments/);
    expect(run.out.join('\n')).toMatch(/business date 2026-03-03; days up to 2026-03-02 are due; 1 archived/);

    const query = capture();
    expect(await command.run(['archive', 'query', '--dir', archive, '--id', 'cli-1'], query.io)).toBe(0);
    expect(JSON.parse(query.out.join('\n'))).toMatchObject({ archived: { businessDate: '2026-03-02' }, payment: { id: 'cli-1', amount_minor: '1234', status: 'settled' } });
    const missing = capture();
    expect(await command.run(['archive', 'query', '--dir', archive, '--id', 'cli-2'], missing.io)).toBe(1);
    expect(missing.err.join('\n')).toMatch(/not in the archive/);

    const verify = capture();
    expect(await command.run(['archive', 'verify', '--dir', archive, '--data', ledger], verify.io)).toBe(0);
    expect(verify.out.join('\n')).toMatch(/archive OK: 1 days, 1 payments/);
    expect(verify.out.join('\n')).toMatch(/ledger audit chain OK/);
  }, 240_000);
});
