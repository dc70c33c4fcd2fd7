import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { command } from './clear';

/**
 * The scenario files shipped in docs/examples/clearing (the README points to them) run and give
 * the results worked out by hand in each case below.
 */
const dir = resolve(__dirname, '../../../docs/examples/clearing');

async function clear(file: string) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await command.run([join(dir, file)], { out: (t) => void out.push(t), err: (t) => void err.push(t) });
  expect(err).toEqual([]);
  expect(code).toBe(0);
  return JSON.parse(out.join('')) as {
    payments: Record<string, { status: string; reason?: string }>;
    balances: Record<string, string>;
    cycles: { id: number; net: Record<string, string> }[];
    refused: unknown[];
  };
}

const statuses = (payments: Record<string, { status: string }>) => Object.fromEntries(Object.entries(payments).map(([id, p]) => [id, p.status]));

describe('docs/examples/clearing', () => {
  it('holds exactly the examples tested here', () => {
    expect(readdirSync(dir).filter((f) => f.endsWith('.json')).sort()).toEqual(['dns-cycle-with-bill-return.json', 'end-of-day.json', 'rtgs-queue-and-offsetting.json']);
  });

  it('RTGS queue and offsetting: bilateral offset of r2/r3, gridlock r4-r6 solved, r7 dropped and left queued', async () => {
    const result = await clear('rtgs-queue-and-offsetting.json');
    // r1 settles (100 covers 80). r2 150 queues (HKB has 20); r3 140 JHB->HKB queues and offsets
    // with r2 (HKB 20-150+140=10, JHB 20-140+150=30). r4, r5, r6 form a ring nobody can start:
    // the offset settles it (WCB 130-200+90=20, JHB 30+200-100=130, HKB 10+100-90=20) after
    // dropping r7 (HKB's latest, 500 it can never cover).
    expect(statuses(result.payments)).toEqual({ r1: 'settled', r2: 'settled', r3: 'settled', r4: 'settled', r5: 'settled', r6: 'settled', r7: 'queued' });
    expect(result.payments.r7?.reason).toBe('INSUFFICIENT_FUNDS');
    expect(result.balances).toEqual({ HKB: '20.00', WCB: '20.00', JHB: '130.00' });
    expect(result.refused).toEqual([]);
  });

  it('DNS cycle with a bill return: k2 is returned, the rest nets to -45 / -30 / +75', async () => {
    const result = await clear('dns-cycle-with-bill-return.json');
    expect(statuses(result.payments)).toEqual({ b1: 'settled', b2: 'settled', b3: 'settled', k1: 'settled', k2: 'returned' });
    // HKB -60 +40 -25, WCB +60 -90, JHB +90 -40 +25: they sum to zero.
    expect(result.cycles).toEqual([expect.objectContaining({ id: 1, net: { HKB: '-45.00', WCB: '-30.00', JHB: '75.00' } })]);
    expect(result.balances).toEqual({ HKB: '55.00', WCB: '20.00', JHB: '155.00' });
  });

  it('end of day: what is still queued expires, the next day starts clean', async () => {
    const result = await clear('end-of-day.json');
    expect(result.payments).toEqual({
      e1: { status: 'expired', reason: 'END_OF_DAY' },
      e2: { status: 'expired', reason: 'END_OF_DAY' },
      e3: { status: 'settled' },
      e4: { status: 'settled' },
    });
    // HKB 100 -15 (e3) +25 (e4 on the next day); WCB 10 +15 -25.
    expect(result.balances).toEqual({ HKB: '110.00', WCB: '0.00' });
  });
});
