import type { EventName, HandlerName, InvokeResult } from '../shared/contract';
import type { BackendExtension } from './backend-services';

export interface BackendEvent {
  name: EventName;
  payload: unknown;
  /** Undefined: for every session; otherwise only for this one. */
  sessionKey?: string;
}

export interface ConsoleBackend {
  /** Validates rawInput with the contract, checks the session's roles, runs the handler. Never throws for user errors. */
  invoke(sessionKey: string, name: string, rawInput: unknown): Promise<InvokeResult<HandlerName>>;
  /** Events for all sessions (sessionKey undefined) or one session. */
  subscribe(listener: (event: BackendEvent) => void): () => void;
  /** A host calls this when a window/connection goes away. */
  endSession(sessionKey: string): void;
  close(): Promise<void>;
}

export interface ConsoleBackendOptions {
  dataDir: string;
  /** Create the demo bank on first start; a number of payments overrides the default 200,000 (HANKOU_DEMO_PAYMENTS env too). */
  demo?: boolean | { payments: number };
  now?: () => Date;
  log?: (line: string) => void;
  /** Idle session timeout; default 15 minutes. */
  idleTimeoutMs?: number;
  /**
   * Days of payments kept in the store; older final days move to <dataDir>/archive (docs/archive.md).
   * Absent or 0: off. The hosts pass archiveWindowFor(demo, env): 90 unless told otherwise.
   */
  archiveWindowDays?: number;
  /** Modules that plug in (sync registers its outbox write as a verify hook, risk raises alerts). */
  extensions?: BackendExtension[];
}
