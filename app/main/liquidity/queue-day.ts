import { formatAmount } from '../../shared/money/format';
import type { LiquidityIntraday } from '../../shared/contract/handlers/liquidity';
import type { Db } from '../store/open-database';

/** One status an own payment took, as the pull told it (payment_status_history, in order). */
export interface QueueTransition {
  paymentId: string;
  status: string;
  /** When the console was told (ISO, UTC). */
  at: string;
  amountMinor: bigint;
}

/**
 * Queue depth and value over the day: after each transition into or out of `queued` (RTGS
 * queue or DNS wait), how many own payments wait and for how much. Transitions told at the
 * same instant (one pulled page) make one point. The times are when the console heard of
 * them: the feed carries the latest status, not the house's time of each step.
 */
export function computeQueueDay(transitions: readonly QueueTransition[]): LiquidityIntraday['queueDay'] {
  const waiting = new Map<string, bigint>();
  let valueMinor = 0n;
  const points: LiquidityIntraday['queueDay'] = [];
  for (const t of transitions) {
    const was = waiting.has(t.paymentId);
    const is = t.status === 'queued';
    if (was === is) continue;
    if (is) {
      waiting.set(t.paymentId, t.amountMinor);
      valueMinor += t.amountMinor;
    } else {
      valueMinor -= waiting.get(t.paymentId) ?? 0n;
      waiting.delete(t.paymentId);
    }
    const point = { at: t.at, count: waiting.size, value: formatAmount(valueMinor, 'CNY') };
    if (points.at(-1)?.at === t.at) points[points.length - 1] = point;
    else points.push(point);
  }
  return points;
}

interface HistoryRow { payment_id: string; status: string; at: string; amount_minor: bigint }

/** The day's transitions from the store; none on a console without a house link. */
export function readQueueTransitions(db: Db, businessDate: string): QueueTransition[] {
  const has = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'payment_status_history'").pluck().get();
  if (has === undefined) return [];
  return db
    .prepare<[string], HistoryRow>(
      `SELECT h.payment_id, h.status, h.at, p.amount_minor FROM payment_status_history h JOIN payments p ON p.id = h.payment_id
        WHERE h.business_date = ? AND p.currency = 'CNY' ORDER BY h.seq`,
    )
    .safeIntegers()
    .all(businessDate)
    .map((r) => ({ paymentId: r.payment_id, status: r.status, at: r.at, amountMinor: r.amount_minor }));
}
