import { appendAudit } from '../audit/audit-log';
import { insertNotice } from '../notices/notice-repository';
import { closeAlertOfExpiredPayment } from '../risk/expire-alerts';
import { preparedOnce, type Db } from '../store/open-database';
import type { Notice } from '../../shared/contract';

/**
 * Payments across the end of day (docs/console-backend.md "Payments across the end of day").
 * When the console learns that the house has moved to a later business date, outgoing payments
 * the house never saw and nobody finished authorising on their own day end with it:
 * - `draft` (captured, not verified) and `held` (stopped by risk, not released) of an earlier
 *   business date become `expired` with reason END_OF_DAY, one audit entry each. Their value
 *   date has passed; moving them to the new date silently would send money on a day the
 *   customer did not ask for, so the clerk re-captures (a new id, the new date, four eyes again).
 * - `verified` and `queued_offline` are authorised instructions (four eyes and risk done): they
 *   go to the house when the link returns and the house stamps them with its current date (the
 *   push payload carries none). The pull then moves the console's date to the house's;
 *   recordValueDatesMoved audits each move and raises one notice per page, so the operator sees
 *   that the value date is not the capture date.
 * Runs in the transaction that stores the new date; a second run finds nothing left to expire.
 */

/** Who the audit trail names for the day change. */
export const DAY_CHANGE_ACTOR = 'end-of-day';

const sql = preparedOnce((db) => ({
  stale: db.prepare<[string], { id: string; status: 'draft' | 'held'; business_date: string }>(
    `SELECT id, status, business_date FROM payments
      WHERE direction = 'out' AND status IN ('draft', 'held') AND business_date < ? ORDER BY seq`,
  ),
  expire: db.prepare(
    `UPDATE payments SET status = 'expired', reason = 'END_OF_DAY', updated_at = ?
      WHERE id = ? AND status IN ('draft', 'held')`,
  ),
}));

export interface DayChangeResult {
  expiredDrafts: string[];
  expiredHeld: string[];
  /** The console notice raised (stored in the same transaction), for the caller to emit after commit. */
  notice: Notice | null;
}

export interface DayChangeOptions {
  previousDate: string;
  newDate: string;
  at: string;
}

/**
 * Applies a business-date change learnt from the house. Does nothing unless `newDate` is later
 * than `previousDate` (a house restored to an earlier date, or the same date, changes nothing).
 */
export function applyBusinessDateChange(db: Db, options: DayChangeOptions): DayChangeResult {
  const { previousDate, newDate, at } = options;
  const result: DayChangeResult = { expiredDrafts: [], expiredHeld: [], notice: null };
  if (!(newDate > previousDate)) return result;
  db.transaction(() => {
    const s = sql(db);
    for (const p of s.stale.all(newDate)) {
      if (s.expire.run(at, p.id).changes !== 1) continue;
      appendAudit(db, {
        at, actor: DAY_CHANGE_ACTOR, action: 'payment.expired', entity: 'payment', entityId: p.id,
        detail: { from: p.status, to: 'expired', reason: 'END_OF_DAY', businessDate: p.business_date, newBusinessDate: newDate },
      });
      (p.status === 'draft' ? result.expiredDrafts : result.expiredHeld).push(p.id);
      // Its risk alert can no longer be decided: it leaves the desk with it.
      if (p.status === 'held') closeAlertOfExpiredPayment(db, p.id, p.business_date, DAY_CHANGE_ACTOR, at);
    }
    const expired = result.expiredDrafts.length + result.expiredHeld.length;
    if (expired === 0) return;
    result.notice = insertNotice(db, {
      at,
      severity: 'warning',
      message:
        `Business day ${newDate} began: ${result.expiredDrafts.length} unverified draft(s) and ${result.expiredHeld.length} risk-held payment(s) ` +
        `of ${previousDate} or earlier expired (END_OF_DAY); re-capture any that must still be paid.`,
      messageZh:
        `营业日 ${newDate} 开始：${previousDate} 及以前未复核的草稿 ${result.expiredDrafts.length} 笔、风险暂停未放行 ${result.expiredHeld.length} 笔已日终过期；仍需支付的请重新录入。`,
      paymentId: expired === 1 ? (result.expiredDrafts[0] ?? result.expiredHeld[0] ?? null) : null,
    });
  })();
  return result;
}

export interface ValueDateMove {
  id: string;
  from: string;
  to: string;
}

/**
 * The house accepted payments captured on an earlier business day (sent after its end of day,
 * e.g. from the offline outbox) with its own, later date. Inside the pull page's transaction:
 * an audit entry per payment and one notice for the page, so nobody finds out from a customer.
 * The pull writes the new date only when it differs, so each move is recorded once.
 */
export function recordValueDatesMoved(db: Db, moves: readonly ValueDateMove[], at: string): Notice | null {
  const first = moves[0];
  if (first === undefined) return null;
  for (const m of moves) {
    appendAudit(db, {
      at, actor: 'house', action: 'payment.value_date_moved', entity: 'payment', entityId: m.id,
      detail: { from: m.from, to: m.to },
    });
  }
  return insertNotice(db, {
    at,
    severity: 'warning',
    message: `The clearing house took ${moves.length} payment(s) captured on an earlier business day (${first.from}${moves.length > 1 ? ' …' : ''}) with value date ${first.to}.`,
    messageZh: `清算中心已按起息日 ${first.to} 受理 ${moves.length} 笔早前营业日（${first.from}${moves.length > 1 ? ' 等' : ''}）录入的支付。`,
    paymentId: moves.length === 1 ? first.id : null,
  });
}
