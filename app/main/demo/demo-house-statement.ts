import { formatAmount } from '../../shared/money';
import { migrate } from '../store/migrate';
import type { Db } from '../store/open-database';
import { SYNC_MIGRATIONS } from '../sync/migrations/index';

/**
 * The house's side of the demo history, consistent with the demo books, so a past day
 * reconciles (docs/reconciliation.md, "House statement"). The demo's payments never went
 * through a house, so what the sync link would have stored is written here: each beps and bill
 * payment's cycle (house_payment_cycles), one net entry per cycle and the day's close
 * (house_statement_entries). RTGS payments need nothing: a settled hvps payment is its own
 * statement entry. The exception a clerk then finds is the realistic one: the treasury funding
 * the settlement account from the core system ('liquidity'), which the console's books never
 * see. Today is left to the running house.
 */

/** Cycles run every half hour from 08:30 to 17:00 Beijing time: 17 a day. */
export const DEMO_CYCLES_PER_DAY = 17;
const CYCLE_MS = 30 * 60_000;
/** 08:30 Beijing = 00:30 UTC. */
const FIRST_CYCLE_OPENS_MS = 30 * 60_000;
/** The treasury tops the account up when a day would close below this: ¥100,000,000.00. */
export const DEMO_FUNDING_FLOOR_MINOR = 10_000_000_000n;
const FUNDING_STEP_MINOR = 1_000_000_000n; // tops up in ¥10,000,000.00 steps
const DEMO_OPENING_MINOR = 50_000_000_000n; // ¥500,000,000.00 on the first day of the history

const amount = (minor: bigint) => formatAmount(minor, 'CNY');

function cycleOf(day: string, createdAt: string): number {
  const sinceOpen = Date.parse(createdAt) - Date.parse(`${day}T00:00:00Z`) - FIRST_CYCLE_OPENS_MS;
  return Math.min(DEMO_CYCLES_PER_DAY, Math.max(1, Math.floor(sinceOpen / CYCLE_MS) + 1));
}

interface Row {
  id: string;
  kind: 'hvps' | 'beps' | 'bill';
  direction: 'in' | 'out';
  amount_minor: bigint;
  business_date: string;
  created_at: string;
}

export function insertDemoHouseStatement(db: Db, options: { selfId: string; businessDate: string; receivedAt: string }): { days: number; fundedDays: number } {
  migrate(db, SYNC_MIGRATIONS);
  const rows = db
    .prepare<[string], Row>(
      `SELECT id, kind, direction, amount_minor, business_date, created_at FROM payments
       WHERE business_date < ? AND status = 'settled' AND currency = 'CNY' ORDER BY business_date, created_at, id`,
    )
    .safeIntegers()
    .all(options.businessDate);
  const byDay = new Map<string, Row[]>();
  for (const row of rows) {
    const day = byDay.get(row.business_date);
    if (day === undefined) byDay.set(row.business_date, [row]);
    else day.push(row);
  }
  const paymentCycle = db.prepare('INSERT INTO house_payment_cycles (payment_id, business_date, cycle_id) VALUES (?, ?, ?)');
  const cycle = db.prepare(
    'INSERT INTO house_cycles (business_date, cycle_id, net_minor, bilateral, received_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (business_date, cycle_id) DO NOTHING',
  );
  const entry = db.prepare(
    `INSERT INTO house_statement_entries (entry_id, business_date, kind, amount_minor, balance_after_minor, data, feed_seq)
     VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (entry_id) DO NOTHING`,
  );
  let feedSeq = 0;
  let balance = DEMO_OPENING_MINOR;
  let fundedDays = 0;
  const self = options.selfId;
  db.transaction(() => {
    for (const [day, payments] of byDay) {
      const opening = balance;
      const nets = new Map<number, bigint>();
      let credits = 0n;
      let debits = 0n;
      let creditCount = 0;
      let debitCount = 0;
      for (const p of payments) {
        const signed = p.direction === 'in' ? p.amount_minor : -p.amount_minor;
        if (p.kind !== 'hvps') {
          const n = cycleOf(day, p.created_at);
          paymentCycle.run(p.id, day, String(n));
          nets.set(n, (nets.get(n) ?? 0n) + signed);
        } else {
          balance += signed;
          if (signed > 0n) {
            credits += signed;
            creditCount += 1;
          } else {
            debits -= signed;
            debitCount += 1;
          }
        }
      }
      for (const [n, net] of [...nets].sort((a, b) => a[0] - b[0])) {
        balance += net;
        if (net > 0n) {
          credits += net;
          creditCount += 1;
        } else if (net < 0n) {
          debits -= net;
          debitCount += 1;
        }
        cycle.run(day, String(n), net, '{}', options.receivedAt);
        const entryId = `C${day}/${n}:${self}`;
        const data = { entryId, businessDate: day, amount: amount(net), kind: 'net', cycleId: String(n), balanceAfter: amount(balance) };
        entry.run(entryId, day, 'net', net, balance, JSON.stringify(data), (feedSeq += 1));
      }
      if (balance < DEMO_FUNDING_FLOOR_MINOR) {
        const short = DEMO_FUNDING_FLOOR_MINOR - balance;
        const topUp = ((short + FUNDING_STEP_MINOR - 1n) / FUNDING_STEP_MINOR) * FUNDING_STEP_MINOR;
        balance += topUp;
        credits += topUp;
        creditCount += 1;
        fundedDays += 1;
        const entryId = `L${day}:${self}`;
        const data = { entryId, businessDate: day, amount: amount(topUp), kind: 'liquidity', balanceAfter: amount(balance) };
        entry.run(entryId, day, 'liquidity', topUp, balance, JSON.stringify(data), (feedSeq += 1));
      }
      const entryId = `E${day}:${self}`;
      const data = {
        entryId, businessDate: day, amount: amount(balance - opening), kind: 'closing', openingBalance: amount(opening), balanceAfter: amount(balance),
        credits: amount(credits), creditCount, debits: amount(debits), debitCount,
      };
      entry.run(entryId, day, 'closing', balance - opening, balance, JSON.stringify(data), (feedSeq += 1));
    }
  })();
  return { days: byDay.size, fundedDays };
}
