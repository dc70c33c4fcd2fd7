import { preparedOnce, type Db } from '../store/open-database';
import { moveStatus } from '../payments/payment-repository';
import type { PaymentDbRow } from '../payments/payment-record';
import { paymentPayloadSchema, type PaymentPayload } from '../../shared/domain/payment';
import { formatAmount } from '../../shared/money/format';
import type { CurrencyCode } from '../../shared/money/currency';
import type { MutationType } from '../../shared/contract/sync-protocol';
import { getSyncNumber, setSyncState } from './sync-state';
import { paymentTimingOf } from '../payments/payment-timing-store';

export interface OutboxRow {
  seq: number;
  mutation_id: string;
  type: MutationType;
  payload: string;
}

const sql = preparedOnce((db) => ({
  insert: db.prepare('INSERT INTO sync_outbox (seq, mutation_id, type, payload, created_at) VALUES (?, ?, ?, ?, ?)'),
  after: db.prepare<[number, number], OutboxRow>('SELECT seq, mutation_id, type, payload FROM sync_outbox WHERE seq > ? ORDER BY seq LIMIT ?'),
  pending: db.prepare<[number], number>('SELECT count(*) FROM sync_outbox WHERE seq > ?').pluck(),
  typeOf: db.prepare<[number], MutationType>('SELECT type FROM sync_outbox WHERE seq = ?').pluck(),
  live: db.prepare<[string, string], number>(
    "SELECT count(*) FROM sync_outbox WHERE mutation_id = ? AND type = ? AND (result IS NULL OR result = 'accepted')",
  ).pluck(),
  waiting: db.prepare<[string, string], number>('SELECT count(*) FROM sync_outbox WHERE mutation_id = ? AND type = ? AND result IS NULL').pluck(),
  payloadOf: db.prepare<[number], string>('SELECT payload FROM sync_outbox WHERE seq = ?').pluck(),
  ack: db.prepare('UPDATE sync_outbox SET acked_at = ?, result = ?, code = ?, message = ? WHERE seq = ? AND acked_at IS NULL'),
}));

/**
 * The payment as the house wants it: the sender is never in it (the token says who sends).
 * A timed or warehoused payment carries its earliest / latest / value date (DESIGN 4.1).
 */
export function paymentPayloadOf(payment: PaymentDbRow, db: Db): PaymentPayload {
  const payload = {
    id: payment.id,
    kind: payment.kind,
    priority: Number(payment.priority),
    to: payment.to_id,
    amount: formatAmount(payment.amount_minor, payment.currency as CurrencyCode),
    currency: payment.currency,
    debtor: { name: payment.debtor_name, account: payment.debtor_account },
    creditor: { name: payment.creditor_name, account: payment.creditor_account },
    purpose: payment.purpose,
    ...(payment.kind === 'bill' && payment.bill_number && payment.bill_issue_date && payment.bill_drawer
      ? { presentedBy: { billNumber: payment.bill_number, issueDate: payment.bill_issue_date, drawer: payment.bill_drawer } }
      : {}),
    ...(payment.original_id ? { originalId: payment.original_id } : {}),
    ...paymentTimingOf(db, payment.id),
  };
  // Capture validated every field already; a payload the house would refuse is a bug here.
  return paymentPayloadSchema.parse(payload);
}

/**
 * The outbox step of the verify pipeline: inside the verification's transaction, give the payment the next device
 * seq, write its outbox row and mark it queued_offline. Either all of it commits with the
 * verification or none of it does, so a verified payment is never lost or sent twice.
 */
export function enqueueOutbox(db: Db, payment: PaymentDbRow, at: string): PaymentDbRow {
  if (!db.inTransaction) throw new Error('the outbox is written only inside the verify transaction');
  if (payment.direction !== 'out' || payment.status !== 'verified') return payment;
  appendOutbox(db, 'payment.submit', payment.id, paymentPayloadOf(payment, db), at);
  const queued = moveStatus(db, { id: payment.id, from: 'verified', status: 'queued_offline', at });
  if (queued === undefined) throw new Error(`payment ${payment.id} left 'verified' inside the verify transaction`);
  return queued;
}

/**
 * Appends a mutation at the next device seq, inside the caller's transaction (the one that
 * records the local change), so the two commit together or not at all.
 */
export function appendOutbox(db: Db, type: MutationType, mutationId: string, payload: unknown, at: string): number {
  if (!db.inTransaction) throw new Error('the outbox is written only inside the transaction of the local change');
  const seq = getSyncNumber(db, 'device_seq') + 1;
  sql(db).insert.run(seq, mutationId, type, JSON.stringify(payload), at);
  setSyncState(db, 'device_seq', String(seq));
  return seq;
}

/** The mutation type of an outbox row (undefined: no such row). */
export function outboxTypeOf(db: Db, seq: number): MutationType | undefined {
  return sql(db).typeOf.get(seq);
}

/** A cancel or return of this payment waiting for the house, or accepted by it. */
export function hasLiveAction(db: Db, type: MutationType, paymentId: string): boolean {
  return (sql(db).live.get(paymentId, type) ?? 0) > 0;
}

/** An action of this type on this payment the house has not answered yet. */
export function hasWaitingAction(db: Db, type: MutationType, paymentId: string): boolean {
  return (sql(db).waiting.get(paymentId, type) ?? 0) > 0;
}

/** The JSON payload of an outbox row (undefined: no such row). */
export function outboxPayloadOf(db: Db, seq: number): string | undefined {
  return sql(db).payloadOf.get(seq);
}

export function outboxAfter(db: Db, seq: number, limit: number): OutboxRow[] {
  return sql(db).after.all(seq, limit);
}

export function pendingOutboxCount(db: Db): number {
  return sql(db).pending.get(getSyncNumber(db, 'acked_seq')) ?? 0;
}

export function markOutboxAcked(db: Db, seq: number, at: string, result: 'accepted' | 'rejected', code: string | null, message: string | null): void {
  sql(db).ack.run(at, result, code, message, seq);
}
