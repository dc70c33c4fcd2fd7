import type { MessageThread } from '../../shared/contract/message-protocol';
import type { BatchEffects } from '../engine/batch-effects';
import type { ClearingEngine } from '../engine/clearing-engine-port';
import { formatAmount } from '../../shared/money/format';
import type { HouseStore } from '../store/sql-client';

/** What the message mutations of one push see: committed threads and what the push needs preloaded. */
export interface MessageContext {
  /** Threads committed before this batch (the batch's own changes are in batch.threads). */
  committed: ReadonlyMap<string, MessageThread>;
  /** When an inquiry asked now must be answered: the next working day's interbank cut-off. */
  dueBy: string;
  /** Stored details (debtor, creditor, purpose) of payments a return answer may send back. */
  details: ReadonlyMap<string, Record<string, unknown>>;
}

export function threadOf(batch: BatchEffects, committed: ReadonlyMap<string, MessageThread>, id: string): MessageThread | undefined {
  return batch.threads.get(id) ?? committed.get(id);
}

/** The payment as a thread shows it; undefined when the engine does not know it. */
export function paymentSummary(engine: ClearingEngine, paymentId: string): MessageThread['payment'] | undefined {
  const p = engine.payment(paymentId);
  if (p === undefined) return undefined;
  return { from: p.from, to: p.to, amount: formatAmount(p.amountMinor, 'CNY'), currency: 'CNY', kind: p.kind, status: p.status };
}

/**
 * Stages a thread's new state in the batch and publishes it whole to the banks concerned
 * (both ends; the centre has no feed, so a centre stop goes to the sender only).
 */
export function publishThread(batch: BatchEffects, thread: MessageThread): void {
  batch.threads.set(thread.id, thread);
  const banks = new Set([thread.from, thread.to].filter((id) => id !== 'centre'));
  for (const bank of banks) batch.addFeed(bank, 'message', thread);
}

/** Every thread, for the host's memory (threads are few: one per question asked about a payment). */
export async function loadThreads(store: HouseStore): Promise<Map<string, MessageThread>> {
  const { rows } = await store.query<{ data: unknown }>('SELECT data FROM message_threads');
  const threads = new Map<string, MessageThread>();
  for (const row of rows) {
    const thread = (typeof row.data === 'string' ? JSON.parse(row.data) : row.data) as MessageThread;
    threads.set(thread.id, thread);
  }
  return threads;
}

/** debtor/creditor/purpose of the payments named, as stored at submission. */
export async function loadPaymentDetails(store: HouseStore, ids: readonly string[]): Promise<Map<string, Record<string, unknown>>> {
  if (ids.length === 0) return new Map();
  const { rows } = await store.query<{ id: string; details: unknown }>('SELECT id, details FROM payments WHERE id = ANY($1::text[])', [ids]);
  return new Map(rows.map((r) => [r.id, (typeof r.details === 'string' ? JSON.parse(r.details) : r.details) as Record<string, unknown>]));
}
