import type { Db } from '../../store/open-database';

/** Rows between two anchors of an unfiltered order: a page seeks from an anchor and skips < this. */
export const ANCHOR_STRIDE = 256;

/**
 * A filter matching at most this many rows is built as the full ordered list of its seqs, found
 * through the filter's own index and sorted (cheap when few match). Above it, the sort index
 * finds matches densely enough to read the first pages straight from it.
 */
export const SMALL_RESULT_ROWS = 50_000;

/** Orders kept built at once (each unfiltered order is ~4k anchors; a filtered one up to 1M seqs). */
export const MAX_CACHED_ORDERS = 8;

/** A key (a sort column and direction with a filter) as built once: its size and where to seek. */
export type OrderEntry =
  | { kind: 'anchors'; count: number; anchors: [string | number | bigint, number][] }
  | { kind: 'list'; count: number; seqs: readonly number[] };

/**
 * Counts and built orders for the blotter, valid while the database is unchanged. The
 * fingerprint is SQLite's own change counters: total_changes() moves with every write on this
 * connection, PRAGMA data_version with every commit by another connection (the CLI, a second
 * process). Any change empties the cache; the next page rebuilds what it needs.
 */
export class BlotterCache {
  private fingerprint = '';
  private readonly counts = new Map<string, number>();
  private readonly orders = new Map<string, OrderEntry>();

  private readonly totalChanges;
  readonly anchorStride: number;
  readonly smallResultRows: number;

  /** Tuning is for tests (small tables that still cross anchors); production uses the defaults. */
  constructor(
    private readonly db: Db,
    tuning: { anchorStride?: number; smallResultRows?: number } = {},
  ) {
    this.anchorStride = tuning.anchorStride ?? ANCHOR_STRIDE;
    this.smallResultRows = tuning.smallResultRows ?? SMALL_RESULT_ROWS;
    if (!(this.anchorStride >= 1)) throw new Error(`anchorStride must be >= 1, got ${this.anchorStride}`);
    this.totalChanges = db.prepare('SELECT total_changes()').pluck();
  }

  private check(): void {
    const changes = this.totalChanges.get() as number;
    const version = this.db.pragma('data_version', { simple: true }) as number;
    const now = `${changes}:${version}`;
    if (now !== this.fingerprint) {
      this.fingerprint = now;
      this.counts.clear();
      this.orders.clear();
    }
  }

  count(filterKey: string, compute: () => number): number {
    this.check();
    let count = this.counts.get(filterKey);
    if (count === undefined) {
      count = compute();
      this.counts.set(filterKey, count);
    }
    return count;
  }

  order(orderKey: string, build: () => OrderEntry): OrderEntry {
    this.check();
    let entry = this.orders.get(orderKey);
    if (entry === undefined) {
      entry = build();
      this.orders.set(orderKey, entry);
      if (this.orders.size > MAX_CACHED_ORDERS) {
        const oldest = this.orders.keys().next().value;
        if (oldest !== undefined) this.orders.delete(oldest);
      }
    } else {
      // Re-insert so the map's order is least recently used first.
      this.orders.delete(orderKey);
      this.orders.set(orderKey, entry);
    }
    return entry;
  }
}
