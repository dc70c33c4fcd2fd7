import type { Logger } from 'pino';
import type { EngineHost } from './engine/engine-host';
import type { HouseStore } from './store/sql-client';
import type { EngineCommand } from '../shared/clearing/commands';

export interface ScheduleOptions {
  /** Multilateral offsetting of the RTGS queues; 0 turns it off. Default 5 s. */
  offsetIntervalMs?: number;
  /** Closing of the open DNS cycle; 0 turns it off (operator command only). Default 60 s. */
  cycleIntervalMs?: number;
}

export const DEFAULT_OFFSET_INTERVAL_MS = 5_000;
export const DEFAULT_CYCLE_INTERVAL_MS = 60_000;
/**
 * Planner statistics: the pull's keyset scans need the planner to know the payments table is
 * big. PGlite runs no autovacuum, and a PostgreSQL server's may lag a burst, so the house
 * refreshes them itself: first after this many new payments, then each time the count has
 * doubled (a plan changes with the table's order of magnitude, not its every 50,000 rows). At
 * a fixed 50,000 the ANALYZE ran every 10 s at 5,000 payments/s, and each one slowed the
 * writer's commits for a moment (push-to-ack p99, docs/benchmarks.md).
 */
export const ANALYZE_EVERY_PAYMENTS = 50_000;

/** The refresh's cost-based delay (PostgreSQL's vacuum_cost_delay, which ANALYZE honours). */
export const ANALYZE_COST_DELAY_MS = 2;

/** The count of committed payments at which statistics are next refreshed, after one at `seen`. */
export function nextAnalyzeAt(seen: number): number {
  return Math.max(2 * seen, seen + ANALYZE_EVERY_PAYMENTS);
}
const ANALYZE_CHECK_MS = 10_000;

/**
 * Timers that enqueue operator commands like any other request: they go through the same
 * writer and journal. A timer skips its turn when there is nothing to do, so an idle house
 * does not fill the journal with empty offsets and cycles.
 */
export function startSchedules(host: EngineHost, store: HouseStore, logger: Logger, options: ScheduleOptions): () => void {
  const timers: NodeJS.Timeout[] = [];
  let analyzeAt = ANALYZE_EVERY_PAYMENTS;
  let analyzing = false;
  const statistics = setInterval(() => {
    if (analyzing || host.paymentsCommitted < analyzeAt) return;
    analyzing = true;
    const seen = host.paymentsCommitted;
    store
      // Cost-based delay, as autovacuum's: the ANALYZE rests every few hundred pages instead of
      // taking a core from the writer for its whole length.
      .transaction(async (tx) => {
        await tx.query(`SET LOCAL vacuum_cost_delay = '${ANALYZE_COST_DELAY_MS}ms'`);
        await tx.query('ANALYZE payments, feed');
      })
      .then(() => (analyzeAt = nextAnalyzeAt(seen)))
      .catch((error: unknown) => logger.warn({ err: error }, 'ANALYZE failed'))
      .finally(() => (analyzing = false));
  }, ANALYZE_CHECK_MS);
  statistics.unref();
  timers.push(statistics);
  const every = (intervalMs: number, due: () => boolean, command: EngineCommand): void => {
    if (intervalMs <= 0) return;
    let busy = false;
    const timer = setInterval(() => {
      if (busy || !due()) return;
      busy = true;
      host
        .operate({ command })
        .catch((error: unknown) => logger.warn({ err: error, command: command.type }, 'scheduled command failed'))
        .finally(() => {
          busy = false;
        });
    }, intervalMs);
    timer.unref();
    timers.push(timer);
  };
  every(
    options.offsetIntervalMs ?? DEFAULT_OFFSET_INTERVAL_MS,
    () => {
      const engine = host.view();
      return engine !== undefined && engine.participants().some((p) => (engine.queue(p.id)?.rtgs.length ?? 0) > 0);
    },
    { type: 'offset' },
  );
  every(options.cycleIntervalMs ?? DEFAULT_CYCLE_INTERVAL_MS, () => host.takeCycleActivity(), { type: 'closeCycle' });
  return () => timers.forEach((t) => clearInterval(t));
}
