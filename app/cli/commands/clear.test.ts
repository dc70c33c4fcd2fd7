import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { command, MAX_SCENARIO_FILE_BYTES } from './clear';

const participants = [
  { id: 'A', balance: '60.00', netDebitCap: '0.00' },
  { id: 'C', balance: '10.00', netDebitCap: '50.00' },
];

describe('hankou clear', () => {
  const io = () => {
    const out: string[] = [];
    const err: string[] = [];
    return { out, err, io: { out: (t: string) => void out.push(t), err: (t: string) => void err.push(t), readStdin: async () => input } };
  };
  let input = '';

  it('prints the result as JSON from standard input', async () => {
    input = JSON.stringify({ currency: 'CNY', participants, steps: [{ pay: { id: 'p1', kind: 'hvps', from: 'A', to: 'C', amount: '60.00' } }] });
    const { out, io: cli } = io();
    expect(await command.run(['-'], cli)).toBe(0);
    expect(JSON.parse(out.join(''))).toMatchObject({ payments: { p1: { status: 'settled' } }, balances: { A: '0.00', C: '70.00' } });
  });

  it('exits 2 naming the step on a malformed file', async () => {
    input = JSON.stringify({ currency: 'CNY', participants, steps: [{ offset: true }, { pay: { id: 'p1', kind: 'hvps', from: 'A', to: 'C', amount: '1e3' } }] });
    const { err, io: cli } = io();
    expect(await command.run(['-'], cli)).toBe(2);
    expect(err.join('')).toMatch(/steps\[1\]\.pay\.amount: "1e3" is not a plain decimal amount/);
    input = '{ not json';
    expect(await command.run(['-'], cli)).toBe(2);
  });

  it('refuses a file over the size limit before reading it, naming the limit', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hankou-clear-'));
    try {
      const file = join(dir, 'huge.json');
      writeFileSync(file, '');
      truncateSync(file, MAX_SCENARIO_FILE_BYTES + 1); // sparse: no disk is used
      const { err, io: cli } = io();
      expect(await command.run([file], cli)).toBe(2);
      expect(err.join('')).toMatch(/larger than the 268,435,456-byte limit/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
