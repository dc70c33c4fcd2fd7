import type { BatchEffects } from '../engine/batch-effects';
import { FINAL_STATUSES, type PaymentStatus } from '../../shared/domain/payment';

/** Minutes of per-minute counts the dashboard shows. */
export const DASHBOARD_MINUTES = 60;
/** Settlements kept whole for the transit-time percentiles. */
export const TRANSIT_SAMPLE = 10_000;
/** Transit buckets, seconds: < 5, 5-60, > 60. */
export const TRANSIT_FAST_S = 5;
export const TRANSIT_SLOW_S = 60;

type CountedKind = 'hvps' | 'beps' | 'bill';

interface Pending {
  receivedAtMs: number;
  amountMinor: bigint;
  status: string;
}

/**
 * The dashboard's running figures, kept up to date from each committed batch (the engine host's
 * onCommitted) so a refresh reads memory, never the payments table: per-minute arrivals by kind,
 * the day's counts and settled value, settlement transit times (submit to final), and the
 * payments still waiting (for the oldest queued). After a restart the figures start from that
 * moment (the day's totals come back from the store, see `seedDay`).
 */
export class DashboardStats {
  private readonly minutes = new Map<number, Record<CountedKind, number>>();
  private readonly pending = new Map<string, Pending>();
  private readonly transitSample: number[] = [];
  private transitNext = 0;
  private day = '';
  payments = 0;
  settledCount = 0;
  settledValueMinor = 0n;
  rejected = 0;
  transitUnder5 = 0;
  transit5To60 = 0;
  transitOver60 = 0;
  /** Called for every settlement with its transit time (the Prometheus histogram). */
  onSettled: ((seconds: number) => void) | undefined;

  constructor(private readonly nowMs: () => number) {}

  /** Starts the day's totals over when the business date moves. */
  private dayOf(businessDate: string): void {
    if (businessDate === this.day) return;
    this.day = businessDate;
    this.payments = 0;
    this.settledCount = 0;
    this.settledValueMinor = 0n;
    this.rejected = 0;
    this.transitUnder5 = 0;
    this.transit5To60 = 0;
    this.transitOver60 = 0;
  }

  /** The day's totals as the store has them (at start). */
  seedDay(businessDate: string, totals: { payments: number; settledCount: number; settledValueMinor: bigint; rejected: number }): void {
    this.dayOf(businessDate);
    this.payments = totals.payments;
    this.settledCount = totals.settledCount;
    this.settledValueMinor = totals.settledValueMinor;
    this.rejected = totals.rejected;
  }

  /** A payment still waiting at start (queued or in a cycle): its age and value count. */
  seedPending(id: string, receivedAtMs: number, amountMinor: bigint, status: string): void {
    this.pending.set(id, { receivedAtMs, amountMinor, status });
  }

  record(batch: BatchEffects, businessDate: string): void {
    this.dayOf(businessDate);
    const now = this.nowMs();
    for (const row of batch.newPayments.values()) {
      if (row.admission === 'rejected') {
        this.rejected += 1;
        continue;
      }
      this.payments += 1;
      if (row.kind === 'hvps' || row.kind === 'beps' || row.kind === 'bill') {
        const minute = Math.floor(row.receivedAtMs / 60_000) * 60_000;
        let counts = this.minutes.get(minute);
        if (!counts) {
          counts = { hvps: 0, beps: 0, bill: 0 };
          this.minutes.set(minute, counts);
        }
        counts[row.kind] += 1;
      }
      if (row.status === 'settled') this.settled(row.amountMinor, now - row.receivedAtMs);
      else if (!FINAL_STATUSES.has(row.status as PaymentStatus)) this.pending.set(row.id, { receivedAtMs: row.receivedAtMs, amountMinor: row.amountMinor, status: row.status });
    }
    for (const [id, update] of batch.statusUpdates) {
      const waiting = this.pending.get(id);
      if (!waiting) continue;
      if (update.status === 'settled') {
        this.pending.delete(id);
        this.settled(waiting.amountMinor, now - waiting.receivedAtMs);
      } else if (FINAL_STATUSES.has(update.status as PaymentStatus)) {
        this.pending.delete(id);
        if (update.status === 'rejected') this.rejected += 1;
      } else waiting.status = update.status;
    }
    this.prune(now);
  }

  private settled(amountMinor: bigint, transitMs: number): void {
    const seconds = Math.max(0, transitMs) / 1000;
    this.settledCount += 1;
    this.settledValueMinor += amountMinor;
    if (seconds < TRANSIT_FAST_S) this.transitUnder5 += 1;
    else if (seconds <= TRANSIT_SLOW_S) this.transit5To60 += 1;
    else this.transitOver60 += 1;
    if (this.transitSample.length < TRANSIT_SAMPLE) this.transitSample.push(seconds);
    else this.transitSample[this.transitNext] = seconds;
    this.transitNext = (this.transitNext + 1) % TRANSIT_SAMPLE;
    this.onSettled?.(seconds);
  }

  private prune(now: number): void {
    const oldest = Math.floor(now / 60_000) * 60_000 - (DASHBOARD_MINUTES - 1) * 60_000;
    for (const minute of this.minutes.keys()) if (minute < oldest) this.minutes.delete(minute);
  }

  /** The last DASHBOARD_MINUTES minutes, oldest first, empty minutes included. */
  perMinute(): Array<{ minuteMs: number } & Record<CountedKind, number>> {
    const now = this.nowMs();
    this.prune(now);
    const last = Math.floor(now / 60_000) * 60_000;
    const out: Array<{ minuteMs: number } & Record<CountedKind, number>> = [];
    for (let i = DASHBOARD_MINUTES - 1; i >= 0; i -= 1) {
      const minuteMs = last - i * 60_000;
      out.push({ minuteMs, ...(this.minutes.get(minuteMs) ?? { hvps: 0, beps: 0, bill: 0 }) });
    }
    return out;
  }

  transitPercentiles(): { p50: number | null; p99: number | null } {
    if (this.transitSample.length === 0) return { p50: null, p99: null };
    const sorted = Float64Array.from(this.transitSample).sort();
    return { p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99) };
  }

  /** Oldest waiting payment per submitter is not known here; this is the oldest of a status, in ms. */
  oldestWaiting(status: string): { id: string; receivedAtMs: number } | undefined {
    for (const [id, p] of this.pending) if (p.status === status) return { id, receivedAtMs: p.receivedAtMs };
    return undefined;
  }

  receivedAtMs(id: string): number | undefined {
    return this.pending.get(id)?.receivedAtMs;
  }

  get waiting(): number {
    return this.pending.size;
  }
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: ArrayLike<number>, q: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank] ?? null;
}
