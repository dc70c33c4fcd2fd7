import type { Logger } from 'pino';
import type { AuditEntryInput } from '../../shared/audit/audit-chain';
import type { AuthFailureLimiter, FailureSummary } from './auth-failure-limiter';

export type AuthKind = 'participant' | 'admin';

/** Why an authentication failed; never the token itself. */
export type AuthFailureReason = 'no_token' | 'malformed_header' | 'unknown_token' | 'wrong_admin_token';

export interface AuthAttempt {
  /** The client address (Fastify's request.ip: the socket peer, no proxy headers trusted). */
  address: string;
  route: string;
  method: string;
}

/** Writes audit entries in a transaction of their own. */
export type AuditSink = (entries: AuditEntryInput[]) => Promise<void>;

/**
 * Turns failed authentications into the three things that must follow them:
 * - a pino warning per failure (reason, address, route; never the token),
 * - a 429 with Retry-After once an address has failed too often (AuthFailureLimiter),
 * - audit entries, aggregated so a flood cannot flood the audit log: `auth.locked` at once
 *   when an address is locked out, and one `auth.failures` per address per window when the
 *   window has ended (checked on every attempt, at most once a window, and at close).
 * An audit write that fails is logged; it never fails the request.
 */
export class AuthFailureGuard {
  private lastSweepMs: number;
  private pending: Promise<void> = Promise.resolve();

  constructor(
    private readonly limiter: AuthFailureLimiter,
    private readonly logger: Logger,
    private readonly audit: AuditSink,
  ) {
    this.lastSweepMs = limiter.now();
  }

  /** Seconds to send in Retry-After when the address is locked out; 0 to go on. */
  retryAfterSeconds(attempt: AuthAttempt): number {
    this.sweepIfDue();
    const leftMs = this.limiter.lockedForMs(attempt.address);
    if (leftMs <= 0) return 0;
    this.logger.debug({ event: 'auth.refused_locked', address: attempt.address, route: attempt.route }, 'authentication refused: address locked out');
    return Math.ceil(leftMs / 1000);
  }

  failed(attempt: AuthAttempt, kind: AuthKind, reason: AuthFailureReason): void {
    this.logger.warn({ event: 'auth.failed', kind, reason, address: attempt.address, method: attempt.method, route: attempt.route }, 'authentication failed');
    const { lockedNow, ended } = this.limiter.recordFailure(attempt.address, `${kind}:${reason}`, `${attempt.method} ${attempt.route}`);
    const entries: AuditEntryInput[] = [];
    if (ended) entries.push(this.failuresEntry(ended));
    if (lockedNow) {
      const current = this.limiter.current(attempt.address);
      const lockedUntil = new Date(this.limiter.now() + this.limiter.limits.windowMs).toISOString();
      this.logger.warn({ event: 'auth.locked', address: attempt.address, failures: current?.failures, lockedUntil }, 'address locked out after repeated authentication failures');
      entries.push({
        at: this.at(),
        actor: `address:${attempt.address}`,
        action: 'auth.locked',
        entity: 'client',
        entityId: attempt.address,
        detail: {
          failures: current?.failures ?? this.limiter.limits.maxFailures,
          windowMs: this.limiter.limits.windowMs,
          lockedUntil,
          reasons: current?.reasons ?? {},
          routes: current?.routes ?? [],
        },
      });
    }
    this.write(entries);
    this.sweepIfDue();
  }

  /** Records every window, ended or not, and waits for the audit writes (at shutdown). */
  async close(): Promise<void> {
    this.write(this.limiter.takeEnded(true).map((s) => this.failuresEntry(s)));
    await this.pending;
  }

  /** Waits for the audit writes queued so far (tests). */
  settled(): Promise<void> {
    return this.pending;
  }

  private sweepIfDue(): void {
    const now = this.limiter.now();
    if (now - this.lastSweepMs < this.limiter.limits.windowMs) return;
    this.lastSweepMs = now;
    this.write(this.limiter.takeEnded().map((s) => this.failuresEntry(s)));
  }

  private failuresEntry(summary: FailureSummary): AuditEntryInput {
    return {
      at: this.at(),
      actor: `address:${summary.address}`,
      action: 'auth.failures',
      entity: 'client',
      entityId: summary.address,
      detail: {
        from: new Date(summary.fromMs).toISOString(),
        to: new Date(summary.toMs).toISOString(),
        failures: summary.failures,
        refusedWhileLocked: summary.refusedWhileLocked,
        locked: summary.locked,
        reasons: summary.reasons,
        routes: summary.routes,
      },
    };
  }

  private at(): string {
    return new Date(this.limiter.now()).toISOString();
  }

  /** Audit writes go one after another, in the order the failures happened. */
  private write(entries: AuditEntryInput[]): void {
    if (entries.length === 0) return;
    this.pending = this.pending
      .then(() => this.audit(entries))
      .catch((error: unknown) => this.logger.error({ err: error, entries: entries.length }, 'could not write auth failures to the audit log'));
  }
}
