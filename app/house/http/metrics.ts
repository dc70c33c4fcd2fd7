/**
 * Prometheus text exposition (version 0.0.4) without a client library: counters, gauges and
 * histograms with fixed label sets are all the house needs.
 */

type Labels = Readonly<Record<string, string>>;

function labelText(labels: Labels): string {
  const entries = Object.entries(labels);
  if (entries.length === 0) return '';
  const inner = entries.map(([key, value]) => `${key}="${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`);
  return `{${inner.join(',')}}`;
}

function labelKey(labels: Labels): string {
  return JSON.stringify(Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : 1)));
}

export interface Metric {
  render(): string;
}

export class Counter implements Metric {
  private readonly values = new Map<string, { labels: Labels; value: number }>();
  constructor(
    readonly name: string,
    readonly help: string,
  ) {}
  inc(labels: Labels = {}, by = 1): void {
    const key = labelKey(labels);
    const entry = this.values.get(key);
    if (entry) entry.value += by;
    else this.values.set(key, { labels, value: by });
  }
  get(labels: Labels = {}): number {
    return this.values.get(labelKey(labels))?.value ?? 0;
  }
  render(): string {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} counter`];
    for (const { labels, value } of this.values.values()) lines.push(`${this.name}${labelText(labels)} ${value}`);
    return lines.join('\n');
  }
}

export class Gauge implements Metric {
  private readonly values = new Map<string, { labels: Labels; value: number }>();
  constructor(
    readonly name: string,
    readonly help: string,
    private readonly collect?: () => Array<{ labels?: Labels; value: number }>,
  ) {}
  set(value: number, labels: Labels = {}): void {
    this.values.set(labelKey(labels), { labels, value });
  }
  /** Forget every series (an info gauge whose labels changed). */
  reset(): void {
    this.values.clear();
  }
  render(): string {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} gauge`];
    if (this.collect) for (const { labels = {}, value } of this.collect()) this.set(value, labels);
    for (const { labels, value } of this.values.values()) lines.push(`${this.name}${labelText(labels)} ${value}`);
    return lines.join('\n');
  }
}

/** Observations a histogram keeps whole, for percentiles over the recent past (the centre's dashboard). */
export const RECENT_OBSERVATIONS = 1000;

export class Histogram implements Metric {
  private readonly series = new Map<string, { labels: Labels; counts: number[]; sum: number; count: number }>();
  private readonly recent: number[] = [];
  private recentNext = 0;
  constructor(
    readonly name: string,
    readonly help: string,
    /** Upper bounds in seconds, ascending. */
    readonly buckets: readonly number[],
  ) {}
  observe(value: number, labels: Labels = {}): void {
    if (this.recent.length < RECENT_OBSERVATIONS) this.recent.push(value);
    else this.recent[this.recentNext] = value;
    this.recentNext = (this.recentNext + 1) % RECENT_OBSERVATIONS;
    const key = labelKey(labels);
    let entry = this.series.get(key);
    if (!entry) {
      entry = { labels, counts: this.buckets.map(() => 0), sum: 0, count: 0 };
      this.series.set(key, entry);
    }
    for (let i = 0; i < this.buckets.length; i += 1) {
      const bound = this.buckets[i];
      if (bound !== undefined && value <= bound) entry.counts[i] = (entry.counts[i] ?? 0) + 1;
    }
    entry.sum += value;
    entry.count += 1;
  }
  /** The last RECENT_OBSERVATIONS values, any labels, in no particular order. */
  recentValues(): readonly number[] {
    return this.recent;
  }
  render(): string {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} histogram`];
    for (const { labels, counts, sum, count } of this.series.values()) {
      this.buckets.forEach((bound, i) => {
        lines.push(`${this.name}_bucket${labelText({ ...labels, le: String(bound) })} ${counts[i] ?? 0}`);
      });
      lines.push(`${this.name}_bucket${labelText({ ...labels, le: '+Inf' })} ${count}`);
      lines.push(`${this.name}_sum${labelText(labels)} ${sum}`);
      lines.push(`${this.name}_count${labelText(labels)} ${count}`);
    }
    return lines.join('\n');
  }
}

const LATENCY_BUCKETS_S = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

/** Every metric the house exposes on GET /metrics. */
export class HouseMetrics {
  readonly requests = new Counter('hankou_http_requests_total', 'HTTP requests by route and status code');
  readonly latency = new Histogram('hankou_http_request_duration_seconds', 'HTTP request latency by route', LATENCY_BUCKETS_S);
  readonly mutationsApplied = new Counter('hankou_mutations_applied_total', 'Sync mutations applied, by outcome');
  readonly commandsApplied = new Counter('hankou_engine_commands_total', 'Engine commands applied, by type');
  readonly batches = new Counter('hankou_batches_total', 'Group-commit batches, by result');
  readonly commitSeconds = new Histogram('hankou_store_commit_duration_seconds', 'Time to commit one batch to the store', LATENCY_BUCKETS_S);
  readonly batchSize = new Histogram('hankou_batch_commands', 'Commands per committed batch', [1, 10, 50, 100, 500, 1000, 5000]);
  readonly inputQueueDepth = new Gauge('hankou_input_queue_depth', 'Requests waiting for the engine writer');
  readonly paymentQueueDepth = new Gauge('hankou_payment_queue_depth', 'Payments queued in the engine, by queue');
  readonly cycleState = new Gauge('hankou_cycle_info', 'Open cycle: 1 with its id and business date as labels');
  readonly cycleAdmitted = new Gauge('hankou_cycle_admitted_payments', 'Payments admitted to the open DNS cycle');
  readonly changeSeq = new Gauge('hankou_change_feed_seq', 'Last change feed sequence committed');
  readonly settlementWriteback = new Gauge('hankou_settlement_writeback_pending', 'DNS payments settled by a cycle close whose rows are still to be written');
  /** Metrics other modules add (the centre's queue, liquidity and settlement figures, docs/monitoring.md). */
  readonly extra: Metric[] = [];

  render(): string {
    const metrics: Metric[] = [
      this.requests,
      this.latency,
      this.mutationsApplied,
      this.commandsApplied,
      this.batches,
      this.commitSeconds,
      this.batchSize,
      this.inputQueueDepth,
      this.paymentQueueDepth,
      this.cycleState,
      this.cycleAdmitted,
      this.changeSeq,
      this.settlementWriteback,
      ...this.extra,
    ];
    return `${metrics.map((m) => m.render()).join('\n')}\n`;
  }
}
