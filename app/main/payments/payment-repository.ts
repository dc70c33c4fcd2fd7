import { preparedOnce, type Db } from '../store/open-database';
import { fieldOf, PAYMENT_COLUMNS, WRITTEN_COLUMNS, type NewPayment, type PaymentDbRow } from './payment-record';
import type { PaymentStatus } from '../../shared/domain/payment';
import { listParticipants } from '../settings/participants';

export type { NewPayment } from './payment-record';

/** The one INSERT every payment writer goes through. */
const INSERT_SQL = `INSERT INTO payments (${WRITTEN_COLUMNS.join(', ')})
  VALUES (${WRITTEN_COLUMNS.map((c) => `@${fieldOf(c)}`).join(', ')})`;

const sql = preparedOnce((db) => ({
  insert: db.prepare(INSERT_SQL),
  // A re-pulled inbound payment refreshes its status; an outgoing row of the same id is never touched.
  insertOrRefreshInbound: db.prepare(
    `${INSERT_SQL}
     ON CONFLICT (id) DO UPDATE SET status = excluded.status, reason = excluded.reason, updated_at = excluded.updated_at
       WHERE payments.direction = 'in'`,
  ),
  byId: db.prepare<[string], PaymentDbRow>(`SELECT ${PAYMENT_COLUMNS} FROM payments WHERE id = ?`).safeIntegers(),
  bySeqs: db.prepare<[string], PaymentDbRow>(
    `SELECT ${PAYMENT_COLUMNS} FROM payments WHERE seq IN (SELECT value FROM json_each(?))`,
  ).safeIntegers(),
  // Uses payments_status (status, seq): drafts in capture order.
  drafts: db.prepare<[number], PaymentDbRow>(
    `SELECT ${PAYMENT_COLUMNS} FROM payments WHERE status = 'draft' ORDER BY seq LIMIT ?`,
  ).safeIntegers(),
  setStatus: db.prepare(
    `UPDATE payments SET status = @status, checker = coalesce(@checker, checker), reason = @reason,
       note = coalesce(@note, note), updated_at = @at WHERE id = @id AND status = @from
     RETURNING ${PAYMENT_COLUMNS}`,
  ).safeIntegers(),
}));

/**
 * Writes a new payment: capture's draft, or an inbound payment from the house's feed. With
 * `refreshInbound`, a payment already pulled takes the new status and reason instead (re-pulls
 * are harmless).
 */
export function insertPayment(db: Db, payment: NewPayment, options: { refreshInbound?: boolean } = {}): void {
  (options.refreshInbound === true ? sql(db).insertOrRefreshInbound : sql(db).insert).run(payment);
}

export function findPayment(db: Db, id: string): PaymentDbRow | undefined {
  return sql(db).byId.get(id);
}

/** Rows by seq, in the order of `seqs`. */
export function paymentsBySeq(db: Db, seqs: readonly number[]): PaymentDbRow[] {
  if (seqs.length === 0) return [];
  const rows = sql(db).bySeqs.all(JSON.stringify(seqs));
  const bySeq = new Map(rows.map((r) => [Number(r.seq), r]));
  return seqs.map((s) => {
    const row = bySeq.get(s);
    if (row === undefined) throw new Error(`payment seq ${s} vanished between two reads`);
    return row;
  });
}

export function draftsOldestFirst(db: Db, limit: number): PaymentDbRow[] {
  return sql(db).drafts.all(limit);
}

export interface StatusChange {
  id: string;
  from: PaymentStatus;
  status: PaymentStatus;
  checker?: string;
  reason?: string | null;
  note?: string;
  at: string;
}

/**
 * Moves a payment from one status to another and answers the row as the update left it (no
 * second read); undefined when it was not in `from` any more.
 */
export function moveStatus(db: Db, change: StatusChange): PaymentDbRow | undefined {
  return sql(db).setStatus.get({
    id: change.id,
    from: change.from,
    status: change.status,
    checker: change.checker ?? null,
    reason: change.reason ?? null,
    note: change.note ?? null,
    at: change.at,
  }) as PaymentDbRow | undefined;
}

/** Moves a payment from one status to another; false when it was not in `from` any more. */
export function changeStatus(db: Db, change: StatusChange): boolean {
  return moveStatus(db, change) !== undefined;
}

export function participantNames(db: Db): Map<string, string> {
  return new Map(listParticipants(db).map((p) => [p.id, p.name]));
}
