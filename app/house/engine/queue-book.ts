import type { SqlClient } from '../store/sql-client';
import { toSafeNumber } from '../store/sql-client';
import type { BatchEffects } from './batch-effects';

type Waiting = 'queued' | 'scheduled';

interface Entry {
  /** The sender, whose queue it waits in (a bill: the paying bank). */
  participantId: string;
  status: Waiting;
  /** When the house committed it as waiting with this status. */
  sinceMs: number;
  /** Warehoused: the value date the console sent (the engine keeps only a day index). */
  valueDate: string | null;
}

const isWaiting = (status: string): status is Waiting => status === 'queued' || status === 'scheduled';

/**
 * The committed waiting payments (queued or scheduled), per sender, with what the engine does
 * not keep: since when they wait and a warehoused payment's value date. `GET /v1/queue/me`
 * lists the engine's queue order through it, which also keeps out a payment whose batch is
 * applied to the engine but not yet committed (the engine runs at most one batch ahead).
 * Updated after each commit from the batch's own status rows; loaded from the store when the
 * engine is rebuilt, with the receipt time as `since` (the store keeps no status time).
 */
export class QueueBook {
  private readonly entries = new Map<string, Entry>();
  private readonly bySender = new Map<string, Set<string>>();

  static async load(store: SqlClient): Promise<QueueBook> {
    const book = new QueueBook();
    const { rows } = await store.query<{ id: string; from_id: string; status: string; received_at_ms: unknown; value_date: string | null }>(
      `SELECT id, from_id, status, received_at_ms, details->>'valueDate' AS value_date
         FROM payments WHERE status IN ('queued', 'scheduled') ORDER BY cmd_seq`,
    );
    for (const r of rows) {
      if (isWaiting(r.status)) book.set(r.id, { participantId: r.from_id, status: r.status, sinceMs: toSafeNumber(r.received_at_ms), valueDate: r.value_date });
    }
    return book;
  }

  /** After `batch` committed at `atMs`; `senderOf` names a payment's sender from the engine. */
  commit(batch: BatchEffects, atMs: number, senderOf: (paymentId: string) => string | undefined): void {
    for (const [id, row] of batch.newPayments) {
      if (isWaiting(row.status)) {
        const valueDate = typeof row.details.valueDate === 'string' ? row.details.valueDate : null;
        this.set(id, { participantId: row.fromId, status: row.status, sinceMs: row.receivedAtMs, valueDate });
      }
    }
    for (const [id, update] of batch.statusUpdates) {
      const known = this.entries.get(id);
      if (!isWaiting(update.status)) {
        if (known !== undefined) this.delete(id, known);
        continue;
      }
      // Told queued again while queued (a release after a stop): it keeps its time.
      if (known?.status === update.status) continue;
      const participantId = known?.participantId ?? senderOf(id);
      if (participantId === undefined) continue;
      this.set(id, { participantId, status: update.status, sinceMs: atMs, valueDate: known?.valueDate ?? null });
    }
  }

  get(paymentId: string): Readonly<Entry> | undefined {
    return this.entries.get(paymentId);
  }

  /** The sender's waiting payment ids, in the order the book learnt of them. */
  idsOf(participantId: string): ReadonlySet<string> {
    return this.bySender.get(participantId) ?? new Set();
  }

  get size(): number {
    return this.entries.size;
  }

  private set(id: string, entry: Entry): void {
    this.entries.set(id, entry);
    let ids = this.bySender.get(entry.participantId);
    if (ids === undefined) {
      ids = new Set();
      this.bySender.set(entry.participantId, ids);
    }
    ids.add(id);
  }

  private delete(id: string, entry: Entry): void {
    this.entries.delete(id);
    const ids = this.bySender.get(entry.participantId);
    ids?.delete(id);
    if (ids?.size === 0) this.bySender.delete(entry.participantId);
  }
}
