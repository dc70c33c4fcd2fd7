import { describe, it, expect } from 'vitest';
import { seededStore } from '../store/test-support/test-store';
import { migrate } from '../store/migrate';
import { insertPayment } from '../payments/payment-repository';
import { SYNC_MIGRATIONS } from './migrations/index';
import { checkClosedCycle } from './cycle-check';

function payment(id: string, direction: 'out' | 'in', from: string, to: string, amountMinor: bigint) {
  return {
    id, kind: 'beps' as const, priority: 2 as const, status: 'settled' as const, direction, fromId: from, toId: to, amountMinor, currency: 'CNY',
    debtorName: 'd', debtorAccount: '6222020000000001', creditorName: 'c', creditorAccount: '6222020000000002', purpose: 'p',
    billNumber: null, billIssueDate: null, billDrawer: null, originalId: null, maker: 'house', checker: null, reason: null,
    createdAt: 't', updatedAt: 't', businessDate: '2026-11-26',
  };
}

describe('console replay of a closed cycle', () => {
  const db = seededStore();
  migrate(db, SYNC_MIGRATIONS);
  // Cycle 3: HKB pays ICBC 50.00 and CCB 20.00; ICBC pays HKB 80.00. By hand: HKB's net is
  // -50 - 20 + 80 = +10.00; bilateral ICBC +30.00, CCB -20.00.
  for (const p of [payment('o1', 'out', 'HKB', 'ICBC', 5_000n), payment('o2', 'out', 'HKB', 'CCB', 2_000n), payment('i1', 'in', 'ICBC', 'HKB', 8_000n)]) {
    insertPayment(db, p);
    db.prepare("INSERT INTO house_payment_cycles VALUES (?, '2026-11-26', '3')").run(p.id);
  }
  // A payment of another cycle must not count.
  insertPayment(db, payment('o9', 'out', 'HKB', 'ICBC', 99_900n));
  db.prepare("INSERT INTO house_payment_cycles VALUES ('o9', '2026-11-26', '4')").run();
  db.prepare("INSERT INTO house_cycles (business_date, cycle_id, net_minor, bilateral, received_at) VALUES ('2026-11-26', '3', 1000, '{}', 't')").run();

  it('agrees with the house when the nets match', () => {
    const check = checkClosedCycle(db, 'HKB', { businessDate: '2026-11-26', cycleId: '3', netMinor: 1_000n, bilateralMinor: new Map([['ICBC', 3_000n], ['CCB', -2_000n]]) });
    expect(check.agrees).toBe(true);
    expect(db.prepare("SELECT checked FROM house_cycles WHERE cycle_id = '3'").pluck().get()).toBe('agrees');
  });

  it('flags a house figure that differs from the replay', () => {
    const check = checkClosedCycle(db, 'HKB', { businessDate: '2026-11-26', cycleId: '3', netMinor: 1_100n, bilateralMinor: new Map([['ICBC', 3_100n], ['CCB', -2_000n]]) });
    expect(check).toMatchObject({ agrees: false, localNetMinor: 1_000n });
    expect(db.prepare("SELECT checked FROM house_cycles WHERE cycle_id = '3'").pluck().get()).toBe('differs');
  });

  it('counts a payment of the closed cycle whose settled status has not arrived yet (the house writes it after the close)', () => {
    db.prepare("UPDATE payments SET status = 'netted' WHERE id = 'o2'").run();
    const check = checkClosedCycle(db, 'HKB', { businessDate: '2026-11-26', cycleId: '3', netMinor: 1_000n, bilateralMinor: new Map([['ICBC', 3_000n], ['CCB', -2_000n]]) });
    expect(check.agrees).toBe(true);
    db.prepare("UPDATE payments SET status = 'cancelled' WHERE id = 'o2'").run();
    expect(checkClosedCycle(db, 'HKB', { businessDate: '2026-11-26', cycleId: '3', netMinor: 1_000n, bilateralMinor: new Map([['ICBC', 3_000n], ['CCB', -2_000n]]) }).agrees).toBe(false);
    db.prepare("UPDATE payments SET status = 'settled' WHERE id = 'o2'").run();
  });
});
