import { parseAmount } from '../../shared/money/parse';
import type { AccountResponse, LiquidityControls } from '../../shared/contract/sync-protocol';
import type { LiquidityIntraday } from '../../shared/contract/handlers/liquidity';
import type { Db } from '../store/open-database';
import { computeIntraday, type IntradayPayment } from './intraday';
import { computeQueueDay, readQueueTransitions } from './queue-day';

interface Row {
  direction: 'out' | 'in';
  status: string;
  amount_minor: bigint | number;
  created_at: string;
  updated_at: string;
}

const minor = (text: string | undefined) => (text === undefined ? null : parseAmount(text, 'CNY', { allowNegative: true }));

/**
 * Reads the bank's own CNY payments of the date (settled and queued are all the picture needs)
 * and the last synced account, and works out the intraday picture. The account's balance is
 * used only when it is of the same business date: another day's balance says nothing of today's opening.
 */
export function readIntraday(
  db: Db,
  opts: { businessDate?: string; account: AccountResponse | null; controls: LiquidityControls | null },
): LiquidityIntraday {
  const latest = db.prepare<[], string | null>("SELECT MAX(business_date) FROM payments WHERE currency = 'CNY'").pluck().get() ?? null;
  const businessDate = opts.businessDate ?? opts.account?.businessDate ?? latest ?? '';
  const rows = db
    .prepare<[string], Row>(
      `SELECT direction, status, amount_minor, created_at, updated_at FROM payments
        WHERE business_date = ? AND currency = 'CNY' AND status IN ('settled', 'queued')`,
    )
    .all(businessDate);
  const payments: IntradayPayment[] = rows.map((r) => ({
    direction: r.direction,
    status: r.status,
    amountMinor: BigInt(r.amount_minor),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }));
  const account = opts.account !== null && opts.account.businessDate === businessDate ? opts.account : null;
  const reservations = opts.controls?.reservations ?? account?.reservations;
  const picture = computeIntraday({
    businessDate,
    payments,
    balanceMinor: minor(account?.balance),
    creditLineMinor: minor(opts.controls?.creditLine ?? account?.creditLine),
    netDebitMinor: minor(account?.netDebit),
    reservationFloorMinor: reservations === undefined ? null : (minor(reservations.urgent) ?? 0n) + (minor(reservations.high) ?? 0n),
  });
  return { ...picture, queueDay: computeQueueDay(readQueueTransitions(db, businessDate)) };
}
