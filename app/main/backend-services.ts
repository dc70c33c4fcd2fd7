import type { Db } from './store/open-database';
import type { EventName, EventPayload, Alert } from '../shared/contract';
import type { VerifyHooks } from './payments/verify-hooks';
import type { SessionStore } from './auth/sessions';
import type { StoreHealth } from './store/store-health';

/** What the sync link reports for the status bar; 'local' with 0 pending until sync is wired. */
export interface LinkStatus {
  connection: 'online' | 'offline' | 'local';
  pendingOutbox: number;
}

/**
 * What the back end offers the modules that plug into it (sync, risk, reconciliation): the
 * store, the verify hook point, events, alerts and the status-bar source.
 */
export interface BackendServices {
  db: Db;
  now: () => Date;
  log: (line: string) => void;
  verifyHooks: VerifyHooks;
  sessions: SessionStore;
  emit<E extends EventName>(name: E, payload: EventPayload<E>, sessionKey?: string): void;
  /** Stores an alert (audited) and pushes it to every session. */
  raiseAlert(alert: Omit<Alert, 'id' | 'acknowledged' | 'at'>): Alert;
  setLinkStatus(source: () => LinkStatus): void;
  linkStatus(): LinkStatus;
  /** Whether the store takes writes; a change pushes a 'status' event. */
  storeHealth: StoreHealth;
}

/**
 * A module that extends the back end, given in ConsoleBackendOptions.extensions. It registers
 * hooks and may return a cleanup run by close().
 */
export type BackendExtension = (services: BackendServices) => void | (() => void | Promise<void>);
