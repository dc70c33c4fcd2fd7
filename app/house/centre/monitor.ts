import type { Dashboard } from '../../shared/contract/centre-api';
import type { ScheduleState } from '../../shared/domain/business-day';
import { formatAmount } from '../../shared/money/format';
import type { EngineHost } from '../engine/engine-host';
import { Gauge, Histogram, type HouseMetrics } from '../http/metrics';
import { toBigInt, toSafeNumber, type HouseStore } from '../store/sql-client';
import type { AlertFacts, AlertRules } from './alert-rules';
import { DashboardStats, percentile } from './dashboard-stats';
import { gridlockEstimate, type QueuedRtgs } from './gridlock';
import type { HouseContext } from '../http/house-context';
import type { AutoArchiveRun } from '../archive/auto-archive';

/** Participants in the dashboard's queue list. */
export const TOP_QUEUES = 10;
/** pg_database_size walks the files: asked at most this often. */
const STORE_SIZE_EVERY_MS = 10_000;
export const ALERT_EVERY_MS = 5_000;
/** Settlement transit buckets, seconds (Prometheus). */
const SETTLEMENT_BUCKETS_S = [0.1, 0.5, 1, 2, 5, 10, 30, 60, 120, 300, 900, 3600];

interface NamedParticipant {
  name: string;
  suspended: boolean;
}

/**
 * The centre's monitoring at the house (docs/monitoring.md): the dashboard figures, the
 * Prometheus series besides the house's own, which consoles synced when, and the alert rules'
 * evaluation. Reads memory (DashboardStats, the engine's views), never scans payments.
 */
export class Monitor {
  readonly stats: DashboardStats;
  private readonly lastSync = new Map<string, number>();
  private names = new Map<string, NamedParticipant>();
  private storeBytes: number | null = null;
  private storeBytesAtMs = 0;
  readonly settlementSeconds = new Histogram('hankou_settlement_seconds', 'Settlement transit time, submit to final', SETTLEMENT_BUCKETS_S);

  constructor(
    private readonly store: HouseStore,
    private readonly host: EngineHost,
    private readonly metrics: HouseMetrics,
    private readonly alerts: AlertRules,
    private readonly nowMs: () => number,
    /** The house's own archiving, when on. */
    private readonly archive?: HouseContext['archive'],
  ) {
    this.stats = new DashboardStats(nowMs);
    this.stats.onSettled = (seconds) => this.settlementSeconds.observe(seconds);
    metrics.extra.push(
      new Gauge('hankou_queue_payments', 'Payments queued per participant and kind', () => this.queueSeries().payments),
      new Gauge('hankou_queue_value_minor', 'Value queued per participant, minor units', () => this.queueSeries().value),
      this.settlementSeconds,
      new Gauge('hankou_available_minor', 'Available liquidity per participant (balance - net debit), minor units', () =>
        (this.host.view()?.participants() ?? []).map((p) => ({ labels: { participant: p.id }, value: Number(p.availableMinor) })),
      ),
      new Gauge('hankou_console_last_sync_seconds', "Unix time of each participant's last push or pull", () =>
        [...this.lastSync].map(([participant, ms]) => ({ labels: { participant }, value: Math.floor(ms / 1000) })),
      ),
    );
  }

  /** Names, suspension and the day's totals and waiting payments from the store (at start). */
  async load(businessDate: string): Promise<void> {
    await this.refreshNames();
    const { rows } = await this.store.query<{ payments: unknown; settled: unknown; settled_value: unknown; rejected: unknown }>(
      `SELECT count(*) FILTER (WHERE admission = 'accepted') AS payments,
              count(*) FILTER (WHERE status = 'settled') AS settled,
              COALESCE(sum(amount_minor) FILTER (WHERE status = 'settled'), 0)::text AS settled_value,
              count(*) FILTER (WHERE status = 'rejected') AS rejected
         FROM payments WHERE business_date = $1`,
      [businessDate],
    );
    const row = rows[0];
    if (row) {
      this.stats.seedDay(businessDate, {
        payments: toSafeNumber(row.payments),
        settledCount: toSafeNumber(row.settled),
        settledValueMinor: toBigInt(row.settled_value),
        rejected: toSafeNumber(row.rejected),
      });
    }
    const waiting = await this.store.query<{ id: string; received_at_ms: unknown; amount: unknown; status: string }>(
      `SELECT id, received_at_ms, amount_minor::text AS amount, status FROM payments WHERE status IN ('received', 'queued', 'netted') ORDER BY received_at_ms`,
    );
    for (const w of waiting.rows) this.stats.seedPending(w.id, toSafeNumber(w.received_at_ms), toBigInt(w.amount), w.status);
  }

  async refreshNames(): Promise<void> {
    const { rows } = await this.store.query<{ id: string; name: string; suspended: boolean }>('SELECT id, name, suspended FROM participants');
    this.names = new Map(rows.map((r) => [r.id, { name: r.name, suspended: r.suspended }]));
  }

  synced(participantId: string): void {
    this.lastSync.set(participantId, this.nowMs());
  }

  private queueSeries(): { payments: Array<{ labels: Record<string, string>; value: number }>; value: Array<{ labels: Record<string, string>; value: number }> } {
    const engine = this.host.view();
    const payments: Array<{ labels: Record<string, string>; value: number }> = [];
    const value: Array<{ labels: Record<string, string>; value: number }> = [];
    if (!engine) return { payments, value };
    for (const p of engine.participants()) {
      const queue = engine.queue(p.id);
      const byKind = { hvps: 0, beps: 0, bill: 0 } as Record<string, number>;
      let totalMinor = 0n;
      for (const id of [...(queue?.rtgs ?? []), ...(queue?.dns ?? [])]) {
        const payment = engine.payment(id);
        if (!payment) continue;
        byKind[payment.kind] = (byKind[payment.kind] ?? 0) + 1;
        totalMinor += payment.amountMinor;
      }
      for (const [kind, count] of Object.entries(byKind)) payments.push({ labels: { participant: p.id, kind }, value: count });
      value.push({ labels: { participant: p.id }, value: Number(totalMinor) });
    }
    return { payments, value };
  }

  private async storeSize(): Promise<number | null> {
    const now = this.nowMs();
    if (now - this.storeBytesAtMs < STORE_SIZE_EVERY_MS && this.storeBytesAtMs !== 0) return this.storeBytes;
    this.storeBytesAtMs = now;
    try {
      const { rows } = await this.store.query<{ bytes: unknown }>('SELECT pg_database_size(current_database())::text AS bytes');
      this.storeBytes = rows[0] ? Number(toBigInt(rows[0].bytes)) : null;
    } catch {
      this.storeBytes = null;
    }
    return this.storeBytes;
  }

  private commitPercentiles(): { p50: number | null; p99: number | null } {
    const sorted = Float64Array.from(this.metrics.commitSeconds.recentValues()).sort();
    const p50 = percentile(sorted, 0.5);
    const p99 = percentile(sorted, 0.99);
    return { p50: p50 === null ? null : round(p50 * 1000), p99: p99 === null ? null : round(p99 * 1000) };
  }

  /** Per participant: queue depth, value and oldest; and available liquidity (alerts and dashboard). */
  private positions(): {
    queues: Dashboard['queues'];
    oldest: Map<string, number>;
    available: Map<string, bigint>;
    liquidity: Dashboard['liquidity'];
    rtgs: QueuedRtgs[];
  } {
    const engine = this.host.view();
    const now = this.nowMs();
    const queues: Dashboard['queues'] = [];
    const oldest = new Map<string, number>();
    const available = new Map<string, bigint>();
    const liquidity: Dashboard['liquidity'] = [];
    const queueValues: Array<{ entry: Dashboard['queues'][number]; valueMinor: bigint }> = [];
    const rtgs: QueuedRtgs[] = [];
    // One walk of every queue feeds the queue list, the alerts and the gridlock estimate.
    for (const p of engine?.participants() ?? []) {
      const queue = engine?.queue(p.id);
      const rtgsIds = queue?.rtgs ?? [];
      const ids = rtgsIds.length === 0 ? (queue?.dns ?? []) : [...rtgsIds, ...(queue?.dns ?? [])];
      const mine: QueuedRtgs = { participantId: p.id, availableMinor: p.availableMinor, queue: [] };
      rtgs.push(mine);
      let valueMinor = 0n;
      let oldestMs: number | undefined;
      for (let i = 0; i < ids.length; i += 1) {
        const id = ids[i] as string;
        const payment = engine?.payment(id);
        if (payment) {
          valueMinor += payment.amountMinor;
          if (i < rtgsIds.length) mine.queue.push({ to: payment.to, amountMinor: payment.amountMinor });
        }
        const received = this.stats.receivedAtMs(id);
        if (received !== undefined && (oldestMs === undefined || received < oldestMs)) oldestMs = received;
      }
      if (oldestMs !== undefined) oldest.set(p.id, oldestMs);
      if (ids.length > 0) {
        queueValues.push({
          entry: { participantId: p.id, payments: ids.length, value: formatAmount(valueMinor, 'CNY'), oldestSeconds: oldestMs === undefined ? null : Math.floor((now - oldestMs) / 1000) },
          valueMinor,
        });
      }
      available.set(p.id, p.availableMinor);
      const named = this.names.get(p.id);
      liquidity.push({
        participantId: p.id,
        name: named?.name ?? p.id,
        suspended: named?.suspended ?? false,
        balance: formatAmount(p.balanceMinor, 'CNY'),
        available: formatAmount(p.availableMinor, 'CNY'),
        netDebit: formatAmount(p.netDebitMinor, 'CNY'),
        netDebitCap: formatAmount(p.netDebitCapMinor, 'CNY'),
        capUsedPercent: p.netDebitCapMinor > 0n ? Number((p.netDebitMinor * 10_000n) / p.netDebitCapMinor) / 100 : 0,
      });
    }
    queueValues.sort((a, b) => (b.valueMinor > a.valueMinor ? 1 : b.valueMinor < a.valueMinor ? -1 : a.entry.participantId < b.entry.participantId ? -1 : 1));
    for (const q of queueValues.slice(0, TOP_QUEUES)) queues.push(q.entry);
    return { queues, oldest, available, liquidity, rtgs };
  }

  alertFacts(): AlertFacts {
    const { oldest, available } = this.positions();
    return {
      nowMs: this.nowMs(),
      oldestQueuedMs: oldest,
      availableMinor: available,
      lastSyncMs: new Map(this.lastSync),
      commitP99Ms: this.commitPercentiles().p99,
      archiveProblem: this.archive?.problem() ?? null,
    };
  }

  async dashboard(businessDate: string, day: ScheduleState): Promise<Dashboard> {
    const now = this.nowMs();
    const engine = this.host.view();
    const { queues, oldest, available, liquidity, rtgs } = this.positions();
    const commit = this.commitPercentiles();
    await this.alerts.evaluate({ nowMs: now, oldestQueuedMs: oldest, availableMinor: available, lastSyncMs: new Map(this.lastSync), commitP99Ms: commit.p99, archiveProblem: this.archive?.problem() ?? null });
    const transit = this.stats.transitPercentiles();
    const batchSizes = this.metrics.batchSize.recentValues();
    const gridlock = gridlockEstimate(rtgs);
    return {
      at: new Date(now).toISOString(),
      businessDate,
      paymentsPerMinute: this.stats.perMinute().map((m) => ({ minute: new Date(m.minuteMs).toISOString(), hvps: m.hvps, beps: m.beps, bill: m.bill })),
      today: { payments: this.stats.payments, settledCount: this.stats.settledCount, settledValue: formatAmount(this.stats.settledValueMinor, 'CNY'), rejected: this.stats.rejected },
      transit: { under5s: this.stats.transitUnder5, from5To60s: this.stats.transit5To60, over60s: this.stats.transitOver60, p50Seconds: transit.p50, p99Seconds: transit.p99 },
      queues,
      gridlock: { queuedValue: formatAmount(gridlock.queuedMinor, 'CNY'), releasableValue: formatAmount(gridlock.releasableMinor, 'CNY'), releasablePayments: gridlock.releasablePayments },
      liquidity,
      cycle: { openCycleId: engine?.openCycleId() ?? null, day },
      health: {
        commitP50Ms: commit.p50,
        commitP99Ms: commit.p99,
        batchSizeAvg: batchSizes.length === 0 ? null : round(batchSizes.reduce((a, b) => a + b, 0) / batchSizes.length),
        storeBytes: await this.storeSize(),
        inputQueueDepth: this.host.queueDepth,
        consoles: [...this.lastSync]
          .sort(([a], [b]) => (a < b ? -1 : 1))
          .map(([participantId, ms]) => ({ participantId, lastSyncAt: new Date(ms).toISOString(), secondsAgo: Math.floor((now - ms) / 1000) })),
        ...(this.archive ? { archive: archiveHealth(this.archive.lastRun()) } : {}),
      },
      alerts: this.alerts.recent(),
    };
  }
}

function archiveHealth(run: AutoArchiveRun | undefined): NonNullable<Dashboard['health']['archive']> | null {
  if (run === undefined) return null;
  return {
    finishedAt: run.finishedAt,
    trigger: run.trigger,
    archivedDays: run.archived.map((d) => d.businessDate),
    ...(run.stoppedAt ? { stoppedAt: run.stoppedAt } : {}),
    ...(run.error !== undefined ? { error: run.error } : {}),
  };
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
