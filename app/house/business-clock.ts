import type { Logger } from 'pino';
import { minuteOf } from '../shared/clearing/clock';
import type { EngineEvent } from '../shared/clearing/events';
import { CLEARING_CENTRE_UTC_OFFSET_MS } from '../shared/domain/calendar';
import type { EngineHost } from './engine/engine-host';

/**
 * The house's business clock (DESIGN 4.1): its real clock, UTC+8 (the clearing centre's
 * time), sent to the engine as a `time` command at least every second, through the one
 * writer like any command. A tick that changes nothing (same minute, nothing due or late)
 * emits no event and is not journaled: it changed no state, so a replay without it agrees.
 * A tick that moves the minute, expires or releases a payment is journaled.
 *
 * After midnight the real clock is behind the engine's until the operator closes the day
 * (end of day resets the engine's clock to 00:00): those ticks are skipped, never sent
 * backwards.
 */
export const BUSINESS_CLOCK_INTERVAL_MS = 1_000;
const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

export interface BusinessClockOptions {
  /** The clock the house reads (tests inject one; production: Date.now). */
  nowMs?: () => number;
  /** 0 turns the timer off (tests then tick by hand with `tickBusinessClock`). Default 1 s. */
  intervalMs?: number;
}

/** Minute of the day at the clearing centre (UTC+8) for an epoch time. */
export function businessMinuteAt(nowMs: number): number {
  const local = (((nowMs + CLEARING_CENTRE_UTC_OFFSET_MS) % DAY_MS) + DAY_MS) % DAY_MS;
  return Math.floor(local / MINUTE_MS);
}

/** Sends the current business minute to the engine unless the engine's clock is ahead. */
export function tickBusinessClock(host: EngineHost, nowMs: () => number): Promise<EngineEvent[]> {
  const minuteOfDay = businessMinuteAt(nowMs());
  const engine = host.view();
  const engineMinute = engine === undefined ? 0 : (minuteOf(engine.clock()) ?? 0);
  if (minuteOfDay < engineMinute) return Promise.resolve([]);
  return host.operate({ command: { type: 'time', minuteOfDay }, journalOnlyIfEvents: true });
}

/** Starts the per-second tick; returns its stop. */
export function startBusinessClock(host: EngineHost, logger: Logger, options: BusinessClockOptions): () => void {
  const intervalMs = options.intervalMs ?? BUSINESS_CLOCK_INTERVAL_MS;
  if (intervalMs <= 0) return () => undefined;
  const nowMs = options.nowMs ?? Date.now;
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    tickBusinessClock(host, nowMs)
      .catch((error: unknown) => logger.warn({ err: error }, 'business clock tick failed'))
      .finally(() => {
        busy = false;
      });
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
