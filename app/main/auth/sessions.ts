import type { ConsoleRole } from '../../shared/domain/operator';

export const DEFAULT_IDLE_TIMEOUT_MS = 15 * 60 * 1000;

export interface Session {
  username: string;
  displayName: string;
  roles: readonly ConsoleRole[];
  lastActivityMs: number;
  /** Signed in with a one-time password: nothing but a password change until it is replaced. */
  mustChangePassword?: boolean;
}

/**
 * Logged-in operators by the host's session key (one per window or WebSocket). A session idle
 * longer than idleTimeoutMs ends: the next call answers 'auth.required' and the host is told
 * with 'session.ended' (by sweep(), run on a timer, or on that next call).
 */
export class SessionStore {
  private readonly sessions = new Map<string, Session>();

  constructor(
    readonly idleTimeoutMs: number,
    private readonly nowMs: () => number,
    private readonly onEnded: (sessionKey: string, reason: 'idle' | 'logout' | 'closed') => void,
  ) {
    if (!(idleTimeoutMs > 0)) throw new Error(`idleTimeoutMs must be positive, got ${idleTimeoutMs}`);
  }

  start(sessionKey: string, session: Omit<Session, 'lastActivityMs'>): void {
    this.sessions.set(sessionKey, { ...session, lastActivityMs: this.nowMs() });
  }

  /** The live session, or undefined (ending it first if it went idle). */
  get(sessionKey: string): Session | undefined {
    const session = this.sessions.get(sessionKey);
    if (session === undefined) return undefined;
    if (this.nowMs() - session.lastActivityMs >= this.idleTimeoutMs) {
      this.end(sessionKey, 'idle');
      return undefined;
    }
    return session;
  }

  /** The session's one-time password was replaced: it may use its roles now. */
  passwordChanged(sessionKey: string): void {
    const session = this.get(sessionKey);
    if (session !== undefined) session.mustChangePassword = false;
  }

  /** Operator activity: restarts the idle clock. */
  touch(sessionKey: string): void {
    const session = this.get(sessionKey);
    if (session !== undefined) session.lastActivityMs = this.nowMs();
  }

  end(sessionKey: string, reason: 'idle' | 'logout' | 'closed'): void {
    if (this.sessions.delete(sessionKey)) this.onEnded(sessionKey, reason);
  }

  /** Ends every idle session; a host timer calls this so a walked-away console locks by itself. */
  sweep(): void {
    for (const key of [...this.sessions.keys()]) this.get(key);
  }

  endAll(): void {
    for (const key of [...this.sessions.keys()]) this.end(key, 'closed');
  }
}
