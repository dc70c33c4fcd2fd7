import type { Logger } from 'pino';
import type { EngineHost } from '../engine/engine-host';
import type { BatchEffects } from '../engine/batch-effects';
import { Counter, Gauge, type HouseMetrics } from '../http/metrics';
import type { HouseStore } from '../store/sql-client';
import { archiveHouseDays, type ArchivedDay } from './house-archive';

export interface AutoArchiveOptions {
  /** Where day directories go (`house serve --archive-dir`). */
  archiveDir: string;
  /** Days this many calendar days or more before the current business date go (`--retention-days`). */
  retentionDays: number;
}

export type AutoArchiveTrigger = 'start' | 'endOfDay';

/** One run of the house's own archiving: what went, and where it stopped or failed. */
export interface AutoArchiveRun {
  trigger: AutoArchiveTrigger;
  startedAt: string;
  finishedAt: string;
  archived: ArchivedDay[];
  /** A due day that may not go yet (it and the days after it wait for the next run), and why. */
  stoppedAt?: { businessDate: string; reason: string };
  /** The run failed (disk full, store error): what it said. Days archived before it stay archived. */
  error?: string;
}

/** What the centre's `archive_failed` alert rule sees: a subject (the stuck day, or `house`) and why. */
export interface ArchiveProblem {
  subject: string;
  reason: string;
}

/** The audit entries' actor of days the house archived by itself (the CLI's is `cli`). */
export const AUTO_ARCHIVE_ACTOR = 'archive.auto';

/**
 * The house archives its old days by itself (docs/archive.md): once at start and after each end
 * of day, every closed day past the retention, one day per call of archiveHouseDays. The files
 * are written from reads that interleave with the batches; each day's final transaction (record,
 * audit entry, partition drop) runs in the writer's turn between two batches, so pushes queue
 * behind it for that transaction only. A refusal or failure is logged, kept for the centre's
 * alert and /metrics, and tried again at the next trigger; it never throws out of here.
 */
export class AutoArchive {
  private last: AutoArchiveRun | undefined;
  private running: Promise<void> | undefined;
  /** A trigger that came while a run was going: one more run after it. */
  private pending: AutoArchiveTrigger | undefined;
  private stopped = false;
  private readonly runs = new Counter('hankou_archive_runs_total', 'Automatic archive runs by result (ok, stopped: a day may not go yet, failed)');
  private readonly days = new Counter('hankou_archive_days_total', 'Business days archived by the house itself');

  constructor(
    private readonly store: HouseStore,
    private readonly host: EngineHost,
    private readonly logger: Logger,
    metrics: HouseMetrics,
    private readonly options: AutoArchiveOptions,
    private readonly nowMs: () => number = Date.now,
  ) {
    if (!Number.isInteger(options.retentionDays) || options.retentionDays < 1) throw new Error('the archive retention must be a whole number of days, at least 1');
    metrics.extra.push(
      this.runs,
      this.days,
      new Gauge('hankou_archive_last_run_seconds', 'Unix time the last automatic archive run finished', () =>
        this.last ? [{ value: Math.floor(Date.parse(this.last.finishedAt) / 1000) }] : [],
      ),
      new Gauge('hankou_archive_last_run_ok', '1 when the last automatic archive run archived every due day, 0 when it stopped at a day or failed', () =>
        this.last ? [{ value: this.problem() === null ? 1 : 0 }] : [],
      ),
      new Gauge('hankou_archive_last_run_days', 'Days the last automatic archive run archived', () => (this.last ? [{ value: this.last.archived.length }] : [])),
    );
  }

  /** The last finished run, if any. */
  lastRun(): AutoArchiveRun | undefined {
    return this.last;
  }

  /** Why the last run did not archive every due day; null when it did (or none ran yet). */
  problem(): ArchiveProblem | null {
    const last = this.last;
    if (last?.error !== undefined) return { subject: last.stoppedAt?.businessDate ?? 'house', reason: last.error };
    if (last?.stoppedAt !== undefined) return { subject: last.stoppedAt.businessDate, reason: last.stoppedAt.reason };
    return null;
  }

  /** True while a run is going. */
  get busy(): boolean {
    return this.running !== undefined;
  }

  /** The engine host's onCommitted: an end of day (it sets the next business date) triggers a run. */
  committed(batch: BatchEffects): void {
    if (batch.meta.has('business_date')) this.request('endOfDay');
  }

  /** Starts a run now, or one more after the run going (triggers coalesce). */
  request(trigger: AutoArchiveTrigger): void {
    if (this.stopped) return;
    if (this.running !== undefined) {
      this.pending = trigger;
      return;
    }
    const run = (async () => {
      let next: AutoArchiveTrigger | undefined = trigger;
      while (next !== undefined && !this.stopped) {
        this.pending = undefined;
        await this.runOnce(next);
        next = this.pending;
      }
    })();
    this.running = run.finally(() => {
      this.running = undefined;
    });
  }

  /** Resolves when no run is going (tests; the house's close). */
  async idle(): Promise<void> {
    while (this.running !== undefined) await this.running;
  }

  /** No new run or day after this; waits for the day in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.idle();
  }

  private async runOnce(trigger: AutoArchiveTrigger): Promise<void> {
    const startedAt = new Date(this.nowMs()).toISOString();
    const run: AutoArchiveRun = { trigger, startedAt, finishedAt: startedAt, archived: [] };
    try {
      // One day per call: each day is committed (and logged) before the next is looked at, and
      // a failure on a later day keeps what went before it.
      while (!this.stopped) {
        const result = await archiveHouseDays(this.store, {
          archiveDir: this.options.archiveDir,
          retentionDays: this.options.retentionDays,
          nowMs: this.nowMs,
          actor: AUTO_ARCHIVE_ACTOR,
          maxDays: 1,
          commit: (work) => this.host.between(work),
        });
        for (const day of result.archived) {
          run.archived.push(day);
          this.days.inc();
          this.logger.info(
            { event: 'archive.day', businessDate: day.businessDate, payments: day.payments, journal: day.journal, audit: day.audit, location: day.location, manifestSha256: day.manifestSha256 },
            `archived business day ${day.businessDate}`,
          );
        }
        if (result.stoppedAt !== undefined) {
          run.stoppedAt = result.stoppedAt;
          this.logger.warn({ event: 'archive.stopped', businessDate: result.stoppedAt.businessDate, reason: result.stoppedAt.reason }, `archive stopped at ${result.stoppedAt.businessDate}: ${result.stoppedAt.reason}; retried after the next end of day`);
          break;
        }
        if (result.archived.length === 0) break;
      }
    } catch (error) {
      run.error = error instanceof Error ? error.message : String(error);
      this.logger.error({ event: 'archive.failed', err: error }, `archive run failed: ${run.error}; retried after the next end of day`);
    }
    run.finishedAt = new Date(this.nowMs()).toISOString();
    this.last = run;
    this.runs.inc({ result: run.error !== undefined ? 'failed' : run.stoppedAt !== undefined ? 'stopped' : 'ok' });
    if (run.error === undefined && run.stoppedAt === undefined) {
      this.logger.info({ event: 'archive.run', trigger, days: run.archived.map((d) => d.businessDate) }, `archive run (${trigger}): ${run.archived.length} days archived`);
    }
  }
}
