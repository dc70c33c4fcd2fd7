/**
 * Counts failed authentications per client address in a window and locks an address out once
 * it reaches the limit. Pure bookkeeping with an injected clock: no I/O, no timers, so the
 * tests drive time by hand.
 *
 * A window opens at an address's first failure and lasts `windowMs`. The `maxFailures`-th
 * failure inside it locks the address for `windowMs` from that moment; while locked every
 * attempt is refused (429) before its token is even looked at, so guessing cannot go on, and
 * such refusals are counted but do not extend the lock. A success changes nothing: a valid
 * token does not buy more guesses.
 */
export interface AuthFailureLimits {
  maxFailures: number;
  windowMs: number;
  /**
   * Addresses tracked at once. Beyond it new addresses share one bucket (OVERFLOW_ADDRESS), so
   * a flood from very many addresses costs bounded memory and ends up locked together.
   */
  maxTrackedAddresses: number;
}

/** 10 failures a minute is far above a misconfigured console's retry rate (backoff 0.5-30 s). */
export const DEFAULT_AUTH_FAILURE_LIMITS: AuthFailureLimits = { maxFailures: 10, windowMs: 60_000, maxTrackedAddresses: 10_000 };

export const OVERFLOW_ADDRESS = '*';

/** Routes named in one summary, at most (a scanner tries many). */
const MAX_ROUTES_PER_SUMMARY = 10;

/** One address's failures in one window: what the audit log records. */
export interface FailureSummary {
  address: string;
  fromMs: number;
  toMs: number;
  failures: number;
  /** Attempts refused with 429 while locked. */
  refusedWhileLocked: number;
  locked: boolean;
  reasons: Record<string, number>;
  routes: string[];
}

interface Window {
  startMs: number;
  lastMs: number;
  failures: number;
  refusedWhileLocked: number;
  lockedUntilMs: number | undefined;
  reasons: Map<string, number>;
  routes: Set<string>;
}

export class AuthFailureLimiter {
  private readonly windows = new Map<string, Window>();

  constructor(
    readonly limits: AuthFailureLimits,
    private readonly nowMs: () => number,
  ) {
    if (limits.maxFailures < 1 || limits.windowMs < 1 || limits.maxTrackedAddresses < 1) throw new Error('auth failure limits must be positive');
  }

  now(): number {
    return this.nowMs();
  }

  private key(address: string): string {
    return this.windows.has(address) || this.windows.size < this.limits.maxTrackedAddresses ? address : OVERFLOW_ADDRESS;
  }

  /** Milliseconds until the address may try again; 0 when it is not locked. Counts the refusal. */
  lockedForMs(address: string): number {
    const window = this.windows.get(this.key(address));
    if (window?.lockedUntilMs === undefined) return 0;
    const leftMs = window.lockedUntilMs - this.nowMs();
    if (leftMs <= 0) return 0;
    window.refusedWhileLocked += 1;
    return leftMs;
  }

  /**
   * Records one failure. Returns the summary of the address's previous window if that had
   * ended (so it can be recorded before the new one starts) and whether this failure locked it.
   */
  recordFailure(address: string, reason: string, route: string): { lockedNow: boolean; ended: FailureSummary | undefined } {
    const now = this.nowMs();
    const key = this.key(address);
    let ended: FailureSummary | undefined;
    let window = this.windows.get(key);
    if (window && this.endMs(window) <= now) {
      ended = this.summarise(key, window);
      window = undefined;
    }
    if (!window) {
      window = { startMs: now, lastMs: now, failures: 0, refusedWhileLocked: 0, lockedUntilMs: undefined, reasons: new Map(), routes: new Set() };
      this.windows.set(key, window);
    }
    window.failures += 1;
    window.lastMs = now;
    window.reasons.set(reason, (window.reasons.get(reason) ?? 0) + 1);
    if (window.routes.size < MAX_ROUTES_PER_SUMMARY) window.routes.add(route);
    const lockedNow = window.lockedUntilMs === undefined && window.failures >= this.limits.maxFailures;
    if (lockedNow) window.lockedUntilMs = now + this.limits.windowMs;
    return { lockedNow, ended };
  }

  /** The summary of an address's current window (for the lock-out record). */
  current(address: string): FailureSummary | undefined {
    const key = this.key(address);
    const window = this.windows.get(key);
    return window ? this.summarise(key, window) : undefined;
  }

  /** Removes and returns every window that has ended (all of them with `everything`). */
  takeEnded(everything = false): FailureSummary[] {
    const now = this.nowMs();
    const ended: FailureSummary[] = [];
    for (const [key, window] of this.windows) {
      if (everything || this.endMs(window) <= now) {
        ended.push(this.summarise(key, window));
        this.windows.delete(key);
      }
    }
    return ended;
  }

  get trackedAddresses(): number {
    return this.windows.size;
  }

  private endMs(window: Window): number {
    return Math.max(window.startMs + this.limits.windowMs, window.lockedUntilMs ?? 0);
  }

  private summarise(address: string, window: Window): FailureSummary {
    return {
      address,
      fromMs: window.startMs,
      toMs: window.lastMs,
      failures: window.failures,
      refusedWhileLocked: window.refusedWhileLocked,
      locked: window.lockedUntilMs !== undefined,
      reasons: Object.fromEntries([...window.reasons].sort(([a], [b]) => (a < b ? -1 : 1))),
      routes: [...window.routes].sort(),
    };
  }
}
