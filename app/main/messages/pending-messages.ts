import { preparedOnce, type Db } from '../store/open-database';

interface Row {
  type: string;
  mutation_id: string;
  created_at: string;
  payload: string;
}

const sql = preparedOnce((db) => ({
  // Unanswered message mutations are few (a handful while offline): read them all, match in code.
  pending: db.prepare<[], Row>(
    `SELECT type, mutation_id, created_at, payload FROM sync_outbox
      WHERE result IS NULL AND type IN ('message.inquire', 'message.answer', 'message.returnRequest', 'message.returnAnswer', 'payment.stop', 'payment.release')
      ORDER BY seq`,
  ),
  threadIds: db.prepare<[string], string>('SELECT id FROM message_threads WHERE payment_id = ?').pluck(),
}));

export interface PendingMessage {
  type: string;
  id: string;
  createdAt: string;
  payload: Record<string, unknown>;
}

/** Every message step this console sent that the house has not answered yet, in sending order (the inbox). */
export function allPendingMessages(db: Db): PendingMessage[] {
  return sql(db)
    .pending.all()
    .map((row) => ({ type: row.type, id: row.mutation_id, createdAt: row.created_at, payload: JSON.parse(row.payload) as Record<string, unknown> }));
}

/**
 * What this console sent about a payment that the house has not answered yet (待发送, also
 * offline): a new thread names the payment in its payload, an answer names its thread, a stop
 * or a release the payment itself.
 */
export function pendingMessages(db: Db, paymentId: string): PendingMessage[] {
  const threads = new Set(sql(db).threadIds.all(paymentId));
  return allPendingMessages(db).filter((m) => m.id === paymentId || threads.has(m.id) || m.payload.paymentId === paymentId);
}
