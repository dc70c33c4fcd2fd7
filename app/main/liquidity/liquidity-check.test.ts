import { describe, it, expect } from 'vitest';
import { seededStore } from '../store/test-support/test-store';
import { migrate } from '../store/migrate';
import { insertPayment } from '../payments/payment-repository';
import { SYNC_MIGRATIONS } from '../sync/migrations/index';
import { setSyncState } from '../sync/sync-state';
import { applyLiquidityChange } from './liquidity-state';
import { LIQUIDITY_MIGRATIONS } from './liquidity-migrations';
import { checkLiquidity, lastLiquidityCheck } from './liquidity-check';
import { replayLiquidity, type LiquidityReplayInput } from './liquidity-replay';
import type { AccountResponse, LiquidityChange } from '../../shared/contract/sync-protocol';
import type { PaymentKind } from '../../shared/domain/payment';

const DAY = '2026-11-26';

function payment(id: string, kind: PaymentKind, status: 'settled' | 'netted' | 'queued', direction: 'out' | 'in', from: string, to: string, amountMinor: bigint, priority: 0 | 1 | 2 = 2) {
  return {
    id, kind, priority, status, direction, fromId: from, toId: to, amountMinor, currency: 'CNY',
    debtorName: 'd', debtorAccount: '6222020000000001', creditorName: 'c', creditorAccount: '6222020000000002', purpose: 'p',
    billNumber: null, billIssueDate: null, billDrawer: null, originalId: null, maker: 'house', checker: null, reason: null,
    createdAt: 't', updatedAt: 't', businessDate: DAY,
  };
}

/**
 * HKB's day, worked by hand. Controls: credit line 100.00, reservation high 50.00 (floor(2) =
 * 50), bilateral limit toward ICBC 100.00, warning threshold 250.00.
 *   o1 HKB -> ICBC 80.00 hvps settled; i1 CCB -> HKB 30.00 hvps settled; o2 HKB -> CCB 20.00
 *   beps netted (net debit 20.00). q1 HKB -> ICBC 40.00 normal: position toward ICBC would be
 *   -120 < -100, queued BILATERAL_LIMIT (reordered to the top, which changes nothing).
 * House balance 150.00 (opening 200 - 80 + 30); available 150 + 100 - 20 = 230 < 250: warned.
 * Positions ICBC -80.00, CCB +30.00.
 */
function setup(accountOver: Partial<AccountResponse> = {}) {
  const db = seededStore(DAY);
  migrate(db, SYNC_MIGRATIONS);
  migrate(db, LIQUIDITY_MIGRATIONS);
  insertPayment(db, payment('o1', 'hvps', 'settled', 'out', 'HKB', 'ICBC', 8_000n));
  insertPayment(db, payment('i1', 'hvps', 'settled', 'in', 'CCB', 'HKB', 3_000n));
  insertPayment(db, payment('o2', 'beps', 'netted', 'out', 'HKB', 'CCB', 2_000n));
  insertPayment(db, payment('q1', 'hvps', 'queued', 'out', 'HKB', 'ICBC', 4_000n));
  const outbox = db.prepare("INSERT INTO sync_outbox (seq, mutation_id, type, payload, created_at, acked_at, result) VALUES (?, ?, ?, ?, 't', 't', 'accepted')");
  outbox.run(1, 'o1', 'payment.submit', '{}');
  outbox.run(2, 'q1', 'payment.submit', '{}');
  outbox.run(3, 'q1', 'payment.reorder', '{"to":"top","reason":"x"}');
  const controls: LiquidityChange = { businessDate: DAY, creditLine: '100.00', reservations: { urgent: '0.00', high: '50.00' }, limits: { bilateral: { ICBC: '100.00' } }, warningThreshold: '250.00' };
  db.transaction(() => applyLiquidityChange(db, { ...controls, warning: { below: true, available: '230.00', threshold: '250.00' } }, 1, 't'))();
  const account: AccountResponse = {
    participant: 'HKB', currency: 'CNY', businessDate: DAY, balance: '150.00', available: '230.00', netDebit: '20.00', netDebitCap: '500.00',
    creditLine: '100.00', reservations: { urgent: '0.00', high: '50.00' }, limits: { bilateral: { ICBC: '100.00' } }, warningThreshold: '250.00',
    clock: '10:30', positions: { ICBC: '-80.00', CCB: '30.00' },
    ...accountOver,
  };
  setSyncState(db, 'house_account', JSON.stringify(account));
  return db;
}

describe('shadow verification of the liquidity figures (console store)', () => {
  it('agrees with the house when its figures follow from this bank\'s day and controls', () => {
    const db = setup();
    const check = checkLiquidity(db, 'HKB', '2026-11-26T02:30:00Z');
    expect(check).toMatchObject({ agrees: true, differences: [], businessDate: DAY });
    expect(lastLiquidityCheck(db)).toEqual(check);
  });

  it('detects a tampered position, available and queue', () => {
    // The house says ICBC -70.00 (a settlement it never told) and 240.00 available.
    expect(checkLiquidity(db(), 'HKB', 't')?.differences).toEqual([
      { item: 'available', house: '240.00', replay: '230.00' },
      { item: 'position:ICBC', house: '-70.00', replay: '-80.00' },
    ]);
    function db() {
      return setup({ available: '240.00', positions: { ICBC: '-70.00', CCB: '30.00' } });
    }
  });

  it('detects a payment held queued although the controls let it settle', () => {
    // With a bilateral limit of 200.00, q1 (-120 toward ICBC) fits: the house should not hold it.
    const db = setup({ limits: { bilateral: { ICBC: '200.00' } } });
    const check = checkLiquidity(db, 'HKB', 't');
    expect(check?.agrees).toBe(false);
    expect(check?.differences).toContainEqual({ item: 'payment:q1', house: 'queued', replay: 'settled' });
    // ...and the account's limits are not the ones the feed told the console.
    expect(check?.differences.map((d) => d.item)).toContain('controls');
  });

  it('detects intraday credit beyond the line', () => {
    // Balance -150.00 with a line of 100.00: the house let this bank overdraw its collateral.
    const db = setup({ balance: '-150.00', available: '-70.00' });
    const check = checkLiquidity(db, 'HKB', 't');
    expect(check?.differences.map((d) => d.item)).toContain('creditLine');
  });

  it('checks nothing before the house sent liquidity figures', () => {
    const db = setup();
    setSyncState(db, 'house_account', JSON.stringify({ participant: 'HKB', currency: 'CNY', businessDate: DAY, balance: '1.00', available: '1.00', netDebit: '0.00', netDebitCap: '0.00' }));
    expect(checkLiquidity(db, 'HKB', 't')).toBeUndefined();
  });
});

describe('shadow replay of timed, warehoused and reordered payments', () => {
  const base = (over: Partial<LiquidityReplayInput> = {}): LiquidityReplayInput => ({
    selfId: 'A',
    businessDate: DAY,
    house: { balanceMinor: 5_000n, availableMinor: 5_000n, netDebitMinor: 0n, clockMinute: 10 * 60, positions: {}, warningBelow: false },
    controls: { creditLineMinor: 0n, urgentMinor: 0n, highMinor: 0n, bilateral: {} },
    settled: [],
    netted: [],
    own: [],
    ...over,
  });

  it('a payment waiting for its earliest time or its value day agrees as scheduled', () => {
    const replay = replayLiquidity(
      base({
        own: [
          { type: 'pay', id: 't1', to: 'B', amountMinor: 1_000n, priority: 2, houseStatus: 'scheduled', earliestMinute: 15 * 60, latestMinute: 16 * 60 },
          { type: 'pay', id: 'w1', to: 'B', amountMinor: 1_000n, priority: 2, houseStatus: 'scheduled', valueDay: 2 },
        ],
      }),
    );
    expect(replay).toMatchObject({ agrees: true, differences: [] });
  });

  it('a timed payment the house still holds after its time, or past its latest, is flagged', () => {
    const clock = { balanceMinor: 5_000n, availableMinor: 5_000n, netDebitMinor: 0n, clockMinute: 15 * 60 + 30, positions: {}, warningBelow: false };
    const replay = replayLiquidity(
      base({
        house: clock,
        own: [
          { type: 'pay', id: 't1', to: 'B', amountMinor: 1_000n, priority: 2, houseStatus: 'scheduled', earliestMinute: 15 * 60 },
          { type: 'pay', id: 't2', to: 'B', amountMinor: 9_000n, priority: 2, houseStatus: 'queued', latestMinute: 15 * 60 },
        ],
      }),
    );
    expect(replay.differences).toEqual([
      // Due at 15:00, it enters and settles: the house should not still hold it.
      { item: 'payment:t1', house: 'scheduled', replay: 'settled' },
      // Its latest (15:00) has passed at 15:30: it cannot still be queued.
      { item: 'payment:t2', house: 'queued', replay: 'rejected TIME_WINDOW' },
      // t1 settling moved the figures the house published.
      { item: 'available', house: '50.00', replay: '40.00' },
      { item: 'position:B', house: '0.00', replay: '-10.00' },
    ]);
  });

  it('replays reorders: a payment moved to the top that then fits is not left queued', () => {
    // 50.00 available; q1 60.00 waits for funds and q2 40.00 waits behind it (FIFO). Moved to
    // the top, q2 fits and settles; the house saying it still waits is wrong.
    const own = [
      { type: 'pay' as const, id: 'q1', to: 'B', amountMinor: 6_000n, priority: 2 as const, houseStatus: 'queued' as const },
      { type: 'pay' as const, id: 'q2', to: 'B', amountMinor: 4_000n, priority: 2 as const, houseStatus: 'queued' as const },
    ];
    expect(replayLiquidity(base({ own })).agrees).toBe(true);
    const reordered = replayLiquidity(base({ own: [...own, { type: 'reorder', id: 'q2', to: 'top' }] }));
    expect(reordered.differences[0]).toEqual({ item: 'payment:q2', house: 'queued', replay: 'settled' });
    // As the house really has it: q2 settled (a gross flow of the day), q1 waits with 10.00 left.
    const settled = replayLiquidity(
      base({
        house: { balanceMinor: 1_000n, availableMinor: 1_000n, netDebitMinor: 0n, clockMinute: 600, positions: { B: -4_000n }, warningBelow: false },
        settled: [{ id: 'q2', kind: 'hvps', from: 'A', to: 'B', amountMinor: 4_000n }],
        own: [own[0] as (typeof own)[0], { type: 'reorder', id: 'q2', to: 'top' }],
      }),
    );
    expect(settled).toMatchObject({ agrees: true, differences: [] });
  });

  it('replays reservations and the warning threshold', () => {
    // Floor(2) 30.00 holds a normal 30.00 payment with 50.00 available (50 - 30 < 30); 50 < 60 warns.
    const input = base({
      controls: { creditLineMinor: 0n, urgentMinor: 1_000n, highMinor: 2_000n, bilateral: {}, warningThresholdMinor: 6_000n },
      own: [{ type: 'pay', id: 'n1', to: 'B', amountMinor: 3_000n, priority: 2, houseStatus: 'queued' }],
    });
    expect(replayLiquidity({ ...input, house: { ...input.house, warningBelow: true } })).toMatchObject({ agrees: true });
    expect(replayLiquidity(input).differences).toEqual([{ item: 'warning', house: 'not below', replay: 'below' }]);
  });

  it('takes a closed cycle\'s payment still shown netted as settled in that cycle, not as open exposure', () => {
    // o3 HKB -> CCB 10.00 beps was in cycle 5, which closed: the house's balance is 140.00 and
    // its net debit only o2's 20.00. The console has cycle.closed but not yet o3's settled
    // status (the house writes a big cycle's statuses over the batches after the close).
    const db = setup({ balance: '140.00', available: '220.00' });
    insertPayment(db, payment('o3', 'beps', 'netted', 'out', 'HKB', 'CCB', 1_000n));
    db.prepare("INSERT INTO house_payment_cycles VALUES ('o3', ?, '5')").run(DAY);
    db.prepare("INSERT INTO house_cycles (business_date, cycle_id, net_minor, bilateral, received_at) VALUES (?, '5', -1000, '{}', 't')").run(DAY);
    expect(checkLiquidity(db, 'HKB', 't')).toMatchObject({ agrees: true, differences: [] });
    // Were cycle 5 still open, o3 would be exposure the house does not show.
    db.prepare("DELETE FROM house_cycles WHERE cycle_id = '5'").run();
    expect(checkLiquidity(db, 'HKB', 't')?.agrees).toBe(false);
  });
});
