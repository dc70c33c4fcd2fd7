import { describe, it, expect } from 'vitest';
import { DaySchedule, DAY_SEED } from './day-schedule';
import { seededRandom } from '../../app/shared/seeded-random';

/** The draws as load.bench.ts made them inline before the schedule had its own module. */
function inlineDay(payments: number, consoles: number, hvpsShare: number): Array<{ from: number; to: number; amountMinor: bigint; hvps: boolean }> {
  const random = seededRandom(DAY_SEED);
  const logSpan = Math.log(20_000_000 / 100);
  const out = [];
  for (let next = 0; next < payments; next += 1) {
    const from = next % consoles;
    let to = Math.floor(random() * (consoles - 1));
    if (to >= from) to += 1;
    const amountMinor = BigInt(Math.round(100 * Math.exp(random() * logSpan)));
    const hvps = random() < hvpsShare;
    out.push({ from, to, amountMinor, hvps });
  }
  return out;
}

describe('DaySchedule', () => {
  it('offers the same day as before', () => {
    const schedule = new DaySchedule(50, 0.25);
    const day = Array.from({ length: 2_000 }, (_, k) => schedule.draw(k));
    expect(day).toEqual(inlineDay(2_000, 50, 0.25));
  });

  it('gives each thread the same payments whatever the split', () => {
    const whole = inlineDay(3_000, 7, 0.3);
    const threads = 3;
    const seen = new Map<number, unknown>();
    for (let t = 0; t < threads; t += 1) {
      const schedule = new DaySchedule(7, 0.3);
      for (let k = 0; k < 3_000; k += 1) {
        if (schedule.senderOf(k) % threads === t) seen.set(k, schedule.draw(k));
        else schedule.skip(k);
      }
    }
    expect(seen.size).toBe(3_000);
    for (let k = 0; k < 3_000; k += 1) expect(seen.get(k)).toEqual(whole[k]);
  });

  it('never sends a payment to its own sender, amounts within 1.00 to 200,000.00', () => {
    const schedule = new DaySchedule(2, 0.5);
    for (let k = 0; k < 1_000; k += 1) {
      const p = schedule.draw(k);
      expect(p.to).not.toBe(p.from);
      expect(p.amountMinor >= 100n && p.amountMinor <= 20_000_000n).toBe(true);
    }
  });

  it('refuses payments out of order', () => {
    const schedule = new DaySchedule(5, 0.25);
    schedule.draw(0);
    expect(() => schedule.draw(2)).toThrow(/in order/);
    expect(() => new DaySchedule(1, 0.25)).toThrow(/at least 2/);
  });
});
