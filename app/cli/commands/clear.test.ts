import { describe, expect, it } from 'vitest';
import { command } from './clear';

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
});
