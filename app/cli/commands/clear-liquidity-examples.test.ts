import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { command } from './clear';

/**
 * docs/examples/liquidity/*.json run through `hankou clear`, each checked against the outcome
 * worked out by hand in docs/liquidity.md (the worked example of its control).
 */
const DIR = join(__dirname, '..', '..', '..', 'docs', 'examples', 'liquidity');

const EXPECTED: Record<string, { payments: Record<string, { status: string; reason?: string }>; balances: Record<string, string>; refused?: unknown[]; warnings?: unknown[] }> = {
  // A -70 after p1 (150 available), p2 waits (30 < 40); a line of 60 is refused (-10 < 0); 110 lets p2 go.
  'credit-line.json': { payments: { p1: { status: 'settled' }, p2: { status: 'settled' } }, balances: { A: '-110.00', B: '160.00' }, refused: [{ step: 2, reason: 'CREDIT_IN_USE' }] },
  // floor(2) 50 stops n1 (40 left); u1 leaves 40 >= 30; h1 leaves 0; lowered floor(2) 40 lets n1 go.
  'reservations.json': { payments: { n1: { status: 'settled' }, u1: { status: 'settled' }, h1: { status: 'settled' } }, balances: { A: '40.00', B: '160.00' } },
  // a3 waits at -160 < -150 until C pays A 20 (-140).
  'limits.json': {
    payments: { a1: { status: 'settled' }, a2: { status: 'settled' }, a3: { status: 'settled' }, a4: { status: 'settled' }, b1: { status: 'settled' }, c1: { status: 'settled' } },
    balances: { A: '820.00', B: '1040.00', C: '1140.00' },
  },
  'timed-payments.json': {
    payments: { t1: { status: 'settled' }, t2: { status: 'expired', reason: 'LATEST_TIME' }, x1: { status: 'rejected', reason: 'TIME_WINDOW' } },
    balances: { A: '90.00', B: '10.00' },
  },
  'warehoused-payments.json': {
    payments: { w1: { status: 'settled' }, w2: { status: 'settled' }, w3: { status: 'rejected', reason: 'VALUE_DATE' } },
    balances: { A: '50.00', B: '50.00' },
  },
  'queue-management.json': {
    payments: { q1: { status: 'queued', reason: 'INSUFFICIENT_FUNDS' }, q2: { status: 'settled' }, q3: { status: 'settled' } },
    balances: { A: '0.00', B: '50.00' },
    refused: [{ step: 7, reason: 'NOT_REPRIORITISABLE' }],
  },
  'offsetting.json': { payments: { a1: { status: 'settled' }, b1: { status: 'settled' } }, balances: { A: '5.00', B: '15.00' } },
  // At 10:01 q1 expires first, so s1 enters with no queue ahead of it and settles (50 >= 40).
  'clock.json': { payments: { q1: { status: 'expired', reason: 'LATEST_TIME' }, s1: { status: 'settled' } }, balances: { A: '10.00', B: '40.00' } },
  'position-warning.json': {
    payments: { a1: { status: 'settled' }, a2: { status: 'settled' }, b1: { status: 'settled' } },
    balances: { A: '60.00', B: '140.00' },
    warnings: [
      { step: 1, participant: 'A', below: true, available: '40.00' },
      { step: 3, participant: 'A', below: false, available: '60.00' },
    ],
  },
};

describe('docs/examples/liquidity through hankou clear', () => {
  it('has an expected outcome for every example file', () => {
    expect(readdirSync(DIR).filter((f) => f.endsWith('.json')).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const [file, expected] of Object.entries(EXPECTED)) {
    it(file, async () => {
      const out: string[] = [];
      const err: string[] = [];
      const code = await command.run([join(DIR, file)], { out: (t: string) => void out.push(t), err: (t: string) => void err.push(t), readStdin: async () => '' });
      expect(err.join('')).toBe('');
      expect(code).toBe(0);
      const result = JSON.parse(out.join('')) as Record<string, unknown>;
      expect(result.payments).toEqual(expected.payments);
      expect(result.balances).toEqual(expected.balances);
      expect(result.refused).toEqual(expected.refused ?? []);
      expect(result.warnings).toEqual(expected.warnings);
    });
  }
});

describe('hankou clear: malformed liquidity steps', () => {
  const run = async (steps: unknown[]): Promise<{ code: number; err: string }> => {
    const err: string[] = [];
    const input = JSON.stringify({ currency: 'CNY', participants: [{ id: 'A', balance: '1.00', netDebitCap: '0.00' }], steps });
    const code = await command.run(['-'], { out: () => undefined, err: (t: string) => void err.push(t), readStdin: async () => input });
    return { code, err: err.join('') };
  };

  it('names the step and the field', async () => {
    expect(await run([{ time: '25:00' }])).toMatchObject({ code: 2, err: expect.stringMatching(/steps\[0\]\.time: must be a time "HH:MM"/) as unknown });
    expect(await run([{ offset: true }, { reorder: { id: 'p1', to: 'middle' } }])).toMatchObject({ code: 2, err: expect.stringMatching(/steps\[1\]\.reorder\.to/) as unknown });
    expect(await run([{ reserve: { participant: 'A', urgent: '-1.00' } }])).toMatchObject({ code: 2, err: expect.stringMatching(/steps\[0\]\.reserve\.urgent/) as unknown });
    expect(await run([{ limits: { participant: 'A', bilateral: { B: '1.00' }, extra: 1 } }])).toMatchObject({ code: 2, err: expect.stringMatching(/steps\[0\]\.limits/) as unknown });
    expect(await run([{ pay: { id: 'p1', kind: 'hvps', from: 'A', to: 'B', amount: '1.00', earliest: '9:00' } }])).toMatchObject({ code: 2, err: expect.stringMatching(/steps\[0\]\.pay\.earliest/) as unknown });
    expect(await run([{ credit: { participant: 'A' } }])).toMatchObject({ code: 2, err: expect.stringMatching(/steps\[0\]\.credit\.line/) as unknown });
    expect(await run([{ tick: '10:00' }])).toMatchObject({ code: 2, err: expect.stringMatching(/steps\[0\]: a step is an object with exactly one of: .*time.*reorder/) as unknown });
  });
});
