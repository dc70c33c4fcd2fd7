import type { Db } from './store/open-database';
import type { EventName, EventPayload, Notice } from '../shared/contract';
import type { VerifyPipeline } from './payments/verify-pipeline';
import type { RiskRuntime } from './risk/risk-extension';
import type { ActionLink } from './payments/payment-actions';
import type { SessionStore } from './auth/sessions';
import type { StoreHealth } from './store/store-health';
import type { CentreLink } from './centre/centre-link';
import type { FetchedQueue } from './sync/house-queue';

/** What the sync link reports for the status bar; 'local' with 0 pending until sync is wired. */
export interface LinkStatus {
  connection: 'online' | 'offline' | 'local';
  pendingOutbox: number;
}

/** The house's queue order as the sync loop last fetched it (sync/house-queue.ts). */
export interface HouseQueueLink {
  latest(): FetchedQueue | undefined;
  /** 排队管理 is being read: keep the order fresh (fetches at once when it is not). */
  want(): void;
}

/**
 * What the back end offers the modules that plug into it (sync, risk, reconciliation): the
 * store, the verify pipeline, events, notices, the status-bar source, and what the extensions
 * install for the handlers (risk runtime, payment-action link).
 */
export interface BackendServices {
  db: Db;
  now: () => Date;
  log: (line: string) => void;
  /** Risk gate then outbox, inside the verify transaction; the extensions install the steps. */
  verify: VerifyPipeline;
  /** Installed by the risk extension (the loaded sanctions lists); null until then. */
  risk: RiskRuntime | null;
  /** Installed by the sync extension: cancel/return/reprioritise need the outbox; null without a house link. */
  actionLink: ActionLink | null;
  /** Installed by the sync extension: the house's queue order for 排队管理; null without a house link. */
  houseQueue: HouseQueueLink | null;
  sessions: SessionStore;
  /** Installed by the centre extension (a console started with --centre URL); null in a bank's console. */
  centre: CentreLink | null;
  emit<E extends EventName>(name: E, payload: EventPayload<E>, sessionKey?: string): void;
  /** Stores a console notice (audited) and pushes it to every session. Risk alerts are risk's own. */
  raiseNotice(notice: Omit<Notice, 'id' | 'acknowledged' | 'at'>): Notice;
  setLinkStatus(source: () => LinkStatus): void;
  linkStatus(): LinkStatus;
  /** Whether the store takes writes; a change pushes a 'status' event. */
  storeHealth: StoreHealth;
}

/**
 * A module that extends the back end, given in ConsoleBackendOptions.extensions. It installs
 * its steps and runtime on the services and may return a cleanup run by close().
 */
export type BackendExtension = (services: BackendServices) => void | (() => void | Promise<void>);
