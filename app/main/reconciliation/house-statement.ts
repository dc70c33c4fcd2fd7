import { decimalToMinor, type StatementLine } from '../../shared/recon';
import type { Db } from '../store/open-database';

/**
 * The house's statement of our settlement account for one business date, as the sync link has
 * it (docs/reconciliation.md, "House statement"):
 * - one entry per RTGS payment: the house reports a gross settlement through the payment feed
 *   (payment.status / payment.inbound 'settled', DESIGN.md section 5), which is what made the
 *   console's payment row settled; an hvps payment settled outside a cycle is that entry;
 * - one net entry per DNS cycle (house_statement_entries 'net'), whose breakdown is the cycle's
 *   payments as the house told them (house_payment_cycles): matched to the books by cycle;
 * - central-bank liquidity moves ('liquidity');
 * - the day's 'closing' row gives the opening and closing balances, not a movement.
 */
export interface HouseStatement {
  lines: StatementLine[];
  openingMinor: bigint | null;
  closingMinor: bigint | null;
}

function hasTable(db: Db, name: string): boolean {
  return db.prepare<[string], number>("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?").pluck().get(name) === 1;
}

/** `<date>/<cycle>`: the key the engine's by-cycle rule compares. */
export const cycleKey = (businessDate: string, cycleId: string): string => `${businessDate}/${cycleId}`;

export function readHouseStatement(db: Db, businessDate: string, currency: string): HouseStatement {
  if (!hasTable(db, 'house_statement_entries')) return { lines: [], openingMinor: null, closingMinor: null };
  const cycles = hasTable(db, 'house_payment_cycles');
  const rows = db
    .prepare<[string], { entry_id: string; kind: string; amount_minor: bigint; balance_after_minor: bigint | null; data: string }>(
      'SELECT entry_id, kind, amount_minor, balance_after_minor, data FROM house_statement_entries WHERE business_date = ? ORDER BY feed_seq',
    )
    .safeIntegers()
    .all(businessDate);
  const breakdown = cycles
    ? new Map(
        db
          .prepare<[string], { cycle_id: string; payments: bigint }>(
            'SELECT cycle_id, count(*) AS payments FROM house_payment_cycles WHERE business_date = ? GROUP BY cycle_id',
          )
          .safeIntegers()
          .all(businessDate)
          .map((r) => [r.cycle_id, Number(r.payments)]),
      )
    : new Map<string, number>();
  const lines: StatementLine[] = [];
  let openingMinor: bigint | null = null;
  let closingMinor: bigint | null = null;
  for (const row of rows) {
    const data = JSON.parse(row.data) as { cycleId?: string; openingBalance?: string };
    if (row.kind === 'closing') {
      closingMinor = row.balance_after_minor;
      if (typeof data.openingBalance === 'string') openingMinor = decimalToMinor(data.openingBalance, currency);
      continue;
    }
    const cycleId = row.kind === 'net' && typeof data.cycleId === 'string' ? data.cycleId : null;
    const count = cycleId === null ? undefined : breakdown.get(cycleId);
    lines.push({
      id: row.entry_id,
      date: businessDate,
      amountMinor: row.amount_minor,
      currency,
      reference: row.entry_id,
      endToEndId: null,
      counterparty: 'CLEARING HOUSE',
      description: cycleId === null ? row.kind : `net cycle ${cycleId}${count === undefined ? '' : `: ${count} payment${count === 1 ? '' : 's'}`}`,
      cycleId: cycleId === null ? null : cycleKey(businessDate, cycleId),
    });
  }
  const gross = db
    .prepare<[string, string], { id: string; direction: 'in' | 'out'; amount_minor: bigint; counterparty_name: string }>(
      `SELECT id, direction, amount_minor, counterparty_name FROM payments p
       WHERE business_date = ? AND currency = ? AND kind = 'hvps' AND status = 'settled'
       ${cycles ? 'AND NOT EXISTS (SELECT 1 FROM house_payment_cycles c WHERE c.payment_id = p.id)' : ''}
       ORDER BY id`,
    )
    .safeIntegers()
    .all(businessDate, currency);
  for (const p of gross) {
    lines.push({
      id: p.id,
      date: businessDate,
      amountMinor: p.direction === 'in' ? p.amount_minor : -p.amount_minor,
      currency,
      reference: p.id,
      endToEndId: p.id,
      counterparty: p.counterparty_name,
      description: 'RTGS',
      cycleId: null,
    });
  }
  return { lines, openingMinor, closingMinor };
}

/**
 * The cycle of each line the engine is about to match, read from the house feed: a books line
 * from the payments table by its payment id, a house net line by its entry. Lines of other
 * sources (files) have none.
 */
export function withCycles(db: Db, businessDate: string, side: 'books' | 'statement', lines: StatementLine[], sources: ReadonlyMap<string, string>): StatementLine[] {
  if (side === 'books') {
    if (!hasTable(db, 'house_payment_cycles')) return lines;
    const cycleOf = db.prepare<[string], { business_date: string; cycle_id: string }>('SELECT business_date, cycle_id FROM house_payment_cycles WHERE payment_id = ?');
    return lines.map((line) => {
      if (sources.get(line.id) !== 'payments') return line;
      const row = cycleOf.get(line.id);
      return row === undefined ? line : { ...line, cycleId: cycleKey(row.business_date, row.cycle_id) };
    });
  }
  if (!hasTable(db, 'house_statement_entries')) return lines;
  const netCycle = new Map(
    readHouseStatement(db, businessDate, lines[0]?.currency ?? 'CNY')
      .lines.filter((l) => l.cycleId !== null)
      .map((l) => [l.id, l.cycleId]),
  );
  return lines.map((line) => (sources.get(line.id) === 'house' && netCycle.has(line.id) ? { ...line, cycleId: netCycle.get(line.id) ?? null } : line));
}
