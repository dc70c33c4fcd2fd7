import { preparedOnce, type Db } from '../store/open-database';
import { PAYMENT_COLUMNS, type PaymentDbRow } from './payment-record';
import type { PaymentStatus } from '../../shared/domain/payment';
import { listParticipants } from '../settings/participants';

/** A new payment as written by capture, demo load or sync. */
export interface NewPayment {
  id: string;
  kind: 'hvps' | 'beps' | 'bill' | 'return';
  priority: 0 | 1 | 2;
  status: PaymentStatus;
  direction: 'out' | 'in';
  fromId: string;
  toId: string;
  amountMinor: bigint;
  currency: string;
  debtorName: string;
  debtorAccount: string;
  creditorName: string;
  creditorAccount: string;
  purpose: string;
  billNumber: string | null;
  billIssueDate: string | null;
  billDrawer: string | null;
  originalId: string | null;
  maker: string;
  checker: string | null;
  reason: string | null;
  createdAt: string;
  updatedAt: string;
  businessDate: string;
}

const sql = preparedOnce((db) => ({
  insert: db.prepare(
    `INSERT INTO payments (id, kind, priority, status, direction, from_id, to_id, amount_minor, currency,
       debtor_name, debtor_account, creditor_name, creditor_account, purpose, bill_number, bill_issue_date,
       bill_drawer, original_id, maker, checker, reason, created_at, updated_at, business_date)
     VALUES (@id, @kind, @priority, @status, @direction, @fromId, @toId, @amountMinor, @currency,
       @debtorName, @debtorAccount, @creditorName, @creditorAccount, @purpose, @billNumber, @billIssueDate,
       @billDrawer, @originalId, @maker, @checker, @reason, @createdAt, @updatedAt, @businessDate)`,
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

export function insertPayment(db: Db, payment: NewPayment): void {
  sql(db).insert.run(payment);
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
