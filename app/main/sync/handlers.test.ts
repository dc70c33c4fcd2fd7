import { describe, it, expect } from 'vitest';
import { seededStore } from '../store/test-support/test-store';
import { migrate } from '../store/migrate';
import { insertPayment } from '../payments/payment-repository';
import { SYNC_MIGRATIONS } from './migrations/index';
import { setSyncState } from './sync-state';
import { liquiditySchema } from '../../shared/contract/handlers/sync';
import { liquidityView } from './handlers';

type Status = 'queued' | 'queued_offline' | 'netted' | 'settled';
function payment(id: string, status: Status, direction: 'out' | 'in', amountMinor: bigint) {
  return {
    id, kind: 'beps' as const, priority: 2 as const, status, direction, fromId: direction === 'out' ? 'HKB' : 'ICBC', toId: direction === 'out' ? 'ICBC' : 'HKB',
    amountMinor, currency: 'CNY', debtorName: 'd', debtorAccount: '6222020000000001', creditorName: 'c', creditorAccount: '6222020000000002',
    purpose: 'p', billNumber: null, billIssueDate: null, billDrawer: null, originalId: null, maker: 'clerk1', checker: null, reason: null,
    createdAt: 't', updatedAt: 't', businessDate: '2026-11-26',
  };
}

describe('liquidity view', () => {
  it('without a house: local balance and cap, no cycles, nothing queued', () => {
    const db = seededStore();
    db.prepare("UPDATE participants SET balance_minor = 123456, net_debit_cap_minor = 5000 WHERE id = 'HKB'").run();
    const view = liquiditySchema.parse(liquidityView(db, 'local'));
    expect(view).toMatchObject({
      connection: 'local', source: 'local', balance: '1234.56', available: '1234.56', netDebit: '0.00', netDebitCap: '50.00',
      queue: { count: 0, amount: '0.00' }, outbox: { count: 0, amount: '0.00' }, currentCycle: { cycleId: null }, closedCycles: [],
    });
  });

  it('with a house: its account figures, own queues, the open cycle and closed cycles with the replay result', () => {
    const db = seededStore();
    migrate(db, SYNC_MIGRATIONS);
    setSyncState(db, 'house_account', JSON.stringify({
      participant: 'HKB', currency: 'CNY', businessDate: '2026-11-26', balance: '1000.00', available: '750.00', netDebit: '250.00', netDebitCap: '400.00',
    }));
    // Queued 10.00 + 5.50 (house queues); offline 7.00; 'settled' counts nowhere.
    for (const p of [payment('q1', 'queued', 'out', 1_000n), payment('q2', 'queued', 'out', 550n), payment('o1', 'queued_offline', 'out', 700n), payment('s1', 'settled', 'out', 99_900n)]) insertPayment(db, p);
    // Open cycle 4: out 30.00 netted, in 12.00 netted; cycle 3 closed (its payments settled).
    for (const p of [payment('n1', 'netted', 'out', 3_000n), payment('n2', 'netted', 'in', 1_200n)]) {
      insertPayment(db, p);
      db.prepare("INSERT INTO house_payment_cycles VALUES (?, '2026-11-26', '4')").run(p.id);
    }
    const cycle = db.prepare('INSERT INTO house_cycles (business_date, cycle_id, net_minor, bilateral, received_at, checked) VALUES (?, ?, ?, ?, ?, ?)');
    cycle.run('2026-11-26', '3', -2000, JSON.stringify({ ICBC: '-30.00', CCB: '10.00', BOC: '0.00' }), '2026-11-26T02:00:00.000Z', 'agrees');
    cycle.run('2026-11-26', '10', 500, JSON.stringify({ ICBC: '5.00' }), '2026-11-26T03:00:00.000Z', 'differs');
    cycle.run('2026-11-26', '2', 0, '{}', '2026-11-26T01:00:00.000Z', null);
    // Cycle 10 closed, and one of its payments has not had its settled status yet (the house
    // writes a big cycle's statuses after the close): it is not the open cycle.
    insertPayment(db, payment('n3', 'netted', 'out', 500n));
    db.prepare("INSERT INTO house_payment_cycles VALUES ('n3', '2026-11-26', '10')").run();
    const view = liquiditySchema.parse(liquidityView(db, 'online'));
    expect(view).toMatchObject({
      connection: 'online', source: 'house', balance: '1000.00', available: '750.00', netDebit: '250.00', netDebitCap: '400.00',
      queue: { count: 2, amount: '15.50' },
      outbox: { count: 1, amount: '7.00' },
      currentCycle: { cycleId: '4', outgoing: { count: 1, amount: '30.00' }, incoming: { count: 1, amount: '12.00' } },
    });
    // Newest cycle first by number (10 after 3, not as text), zero bilateral nets left out, sorted by bank.
    expect(view.closedCycles.map((c) => [c.cycleId, c.net, c.check])).toEqual([['10', '5.00', 'differs'], ['3', '-20.00', 'agrees'], ['2', '0.00', null]]);
    expect(view.closedCycles[1]?.bilateral).toEqual([{ participant: 'CCB', amount: '10.00' }, { participant: 'ICBC', amount: '-30.00' }]);
  });
});
