import { preparedOnce, type Db } from '../store/open-database';
import type { PaymentStatus } from '../../shared/domain/payment';

/**
 * The bank's own queue as the console knows it (sync migration 0017): `queue_key` orders the
 * payments of a priority class the way the house does (DESIGN 4.1): arrival order, the order
 * the pull told each one queued, moved to the front or back of its class by an accepted
 * reorder; a new priority keeps its key (the house keeps the arrival time). Every status an own
 * payment takes is kept with the time it was told (`payment_status_history`), for the queue
 * over the day. The house's queue is the authority; this is its mirror between pulls.
 */
const sql = preparedOnce((db) => ({
  history: db.prepare('INSERT INTO payment_status_history (payment_id, status, reason, business_date, at) VALUES (?, ?, ?, ?, ?)'),
  arrive: db.prepare(
    `UPDATE payments SET queue_key = (SELECT coalesce(max(queue_key), 0) + 1 FROM payments WHERE direction = 'out') WHERE id = ?`,
  ),
  top: db.prepare(
    `UPDATE payments SET queue_key = (
       SELECT coalesce(min(o.queue_key), 1) - 1 FROM payments o
        WHERE o.direction = 'out' AND o.status = 'queued' AND o.kind = payments.kind AND o.priority = payments.priority AND o.id <> payments.id)
     WHERE id = ?`,
  ),
  bottom: db.prepare(
    `UPDATE payments SET queue_key = (
       SELECT coalesce(max(o.queue_key), 0) + 1 FROM payments o
        WHERE o.direction = 'out' AND o.status = 'queued' AND o.kind = payments.kind AND o.priority = payments.priority AND o.id <> payments.id)
     WHERE id = ?`,
  ),
}));

export interface StatusTransition {
  id: string;
  before: PaymentStatus;
  status: PaymentStatus;
  reason: string | null;
  businessDate: string;
  at: string;
}

/** An own payment's status as the pull told it, in the page's transaction. */
export function recordStatusTransition(db: Db, t: StatusTransition): void {
  if (t.before === t.status) return;
  const s = sql(db);
  s.history.run(t.id, t.status, t.reason, t.businessDate, t.at);
  if (t.status === 'queued') s.arrive.run(t.id);
}

/** An accepted reorder: the payment goes to the front or back of its class, as at the house. */
export function moveInQueue(db: Db, id: string, to: 'top' | 'bottom'): void {
  (to === 'top' ? sql(db).top : sql(db).bottom).run(id);
}
