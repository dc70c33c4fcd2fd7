import type { Db } from '../store/open-database';
import { PROTOCOL_VERSION, type PushRequest } from '../../shared/contract/sync-protocol';
import { parseAmount } from '../../shared/money/parse';
import { getSetting, setSetting } from '../settings/settings';
import type { HouseClient } from './house-client';
import { HouseUnauthorizedError, HouseUnavailableError } from './house-client';
import { outboxAfter, pendingOutboxCount } from './outbox';
import { applyPushResults, type Rejection } from './apply-push-results';
import { applyPullPage, type AppliedPage } from './apply-pull-page';
import { getSyncNumber, getSyncState, setSyncState } from './sync-state';
import { storeUserError } from '../store/store-errors';
import { applyBusinessDateChange, type DayChangeResult } from '../payments/day-change';
import type { Notice } from '../../shared/contract';
import type { Broadcast } from '../../shared/contract/centre-api';
import type { HouseQueueCache } from './house-queue';

/** Mutations per push and changes per pull page: well under the house's limits. */
export const PUSH_BATCH = 500;
export const PULL_PAGE = 1000;
/** Online, the link looks for work this often (and at once when a payment is verified). */
export const IDLE_INTERVAL_MS = 1_000;
/** Offline, it retries with exponential backoff up to this. */
export const MAX_BACKOFF_MS = 30_000;
export const FIRST_BACKOFF_MS = 500;

export interface SyncLoopOptions {
  db: Db;
  client: HouseClient;
  selfId: string;
  deviceId: string;
  now: () => Date;
  log: (line: string) => void;
  onPaymentsChanged: (ids: string[]) => void;
  onRejected: (rejection: Rejection) => void;
  onCycles: (cycles: AppliedPage['cycles']) => void;
  onConnection: (connection: 'online' | 'offline') => void;
  /** Console notices the round stored (day change, value dates moved): emit them, they are saved. */
  onNotices?: (notices: Notice[]) => void;
  /**
   * A round whose pull brought nothing: the account stored last round and the pulled feed
   * describe the same house state, so figures derived from both may be compared (the
   * liquidity shadow check). Called before this round reads the account again.
   */
  onQuiet?: () => void;
  /** The centre's reference data the round stored: broadcasts to show at once; a schedule or directory change. */
  onReference?: (broadcasts: Broadcast[], referenceChanged: boolean) => void;
  /** A round's write failed with a store error (full, read-only, disk error). */
  onStoreError?: (error: unknown) => void;
  /** The house's queue order, fetched at the end of a round while 排队管理 is read (house-queue.ts). */
  houseQueue?: HouseQueueCache;
  /** A fetched queue the screen should reload for. */
  onHouseQueue?: () => void;
  idleIntervalMs?: number;
  /** Offline, the longest wait between retries (MAX_BACKOFF_MS unless the host says less: syncTuningFromEnv). */
  maxBackoffMs?: number;
}

/**
 * The console's link to the house: push the outbox, then pull the feed, then rest; on any
 * failure go offline and back off. One round at a time, so the outbox and cursor are never
 * written by two rounds at once.
 */
export class SyncLoop {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  private backoffMs = FIRST_BACKOFF_MS;
  private rerun = false;
  connection: 'online' | 'offline' = 'offline';

  constructor(private readonly options: SyncLoopOptions) {}

  start(): void {
    this.schedule(0);
  }

  /** Something to send (a payment was verified): run a round now rather than at the next tick. */
  nudge(): void {
    if (this.stopped) return;
    if (this.running) {
      this.rerun = true;
      return;
    }
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  pending(): number {
    return pendingOutboxCount(this.options.db);
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.running = this.round().finally(() => {
        this.running = undefined;
      });
    }, delayMs);
    this.timer.unref();
  }

  /** One push-and-pull round; exported for tests that step the loop by hand. */
  async round(): Promise<void> {
    let nextDelayMs = this.options.idleIntervalMs ?? IDLE_INTERVAL_MS;
    try {
      const pushed = await this.pushAll();
      const pulled = await this.pullAll();
      if (pulled === 0) this.options.onQuiet?.();
      await this.refreshAccount();
      await this.refreshQueue(pushed + pulled > 0);
      this.setConnection('online');
      this.backoffMs = FIRST_BACKOFF_MS;
    } catch (error) {
      const storeError = storeUserError(error);
      if (storeError !== undefined) {
        this.options.onStoreError?.(error);
        // The page or answer being written rolled back whole; the round is retried with backoff.
        this.options.log(`sync: ${storeError.message} (${(error as Error).message}); sync retries, backing off, until it can write again`);
      } else if (!(error instanceof HouseUnavailableError) && !(error instanceof HouseUnauthorizedError)) {
        this.options.log(`sync: ${String((error as Error).stack ?? error)}`);
      }
      this.setConnection('offline');
      nextDelayMs = this.backoffMs;
      this.backoffMs = Math.min(this.backoffMs * 2, this.options.maxBackoffMs ?? MAX_BACKOFF_MS);
    }
    if (this.rerun && this.connection === 'online') {
      this.rerun = false;
      nextDelayMs = 0;
    }
    this.schedule(nextDelayMs);
  }

  private setConnection(connection: 'online' | 'offline'): void {
    if (connection === this.connection) return;
    this.connection = connection;
    this.options.onConnection(connection);
  }

  /** Pushes the whole outbox; returns how many mutations the house answered. */
  private async pushAll(): Promise<number> {
    const { db, client, deviceId } = this.options;
    let answered = 0;
    for (;;) {
      const acked = getSyncNumber(db, 'acked_seq');
      const rows = outboxAfter(db, acked, PUSH_BATCH);
      if (rows.length === 0) return answered;
      const request: PushRequest = {
        protocolVersion: PROTOCOL_VERSION,
        deviceId,
        mutations: rows.map((r) => ({ seq: r.seq, id: r.mutation_id, type: r.type, payload: JSON.parse(r.payload) as unknown })),
      };
      const answer = await client.push(request);
      if (answer.kind === 'gap') {
        // The house has less than we thought (restored from backup): resend from its lastSeq.
        if (answer.lastSeq >= acked) throw new Error(`house reported a gap at lastSeq ${answer.lastSeq} while we start after ${acked}`);
        this.options.log(`sync: house is at seq ${answer.lastSeq}, resending from there`);
        setSyncState(db, 'acked_seq', String(answer.lastSeq));
        continue;
      }
      if (answer.kind === 'unauthorized') throw new HouseUnauthorizedError();
      if (answer.kind === 'refused') throw new Error(`house refused the push (${answer.status}): ${answer.message}`);
      answered += answer.body.results.length;
      const { changed, rejections } = applyPushResults(db, answer.body, this.options.now().toISOString());
      if (changed.length > 0) this.options.onPaymentsChanged(changed);
      for (const r of rejections) this.options.onRejected(r);
    }
  }

  /** Pulls every page there is; returns how many changes came. */
  private async pullAll(): Promise<number> {
    const { db, client, selfId } = this.options;
    let changes = 0;
    for (;;) {
      const cursor = getSyncState(db, 'pull_cursor') ?? '';
      const page = await client.pull(cursor, PULL_PAGE);
      if ('resync' in page) {
        this.options.log(`sync: ${page.message}; pulling again from the start`);
        setSyncState(db, 'pull_cursor', page.cursor);
        changes += 1;
        continue;
      }
      const applied = applyPullPage(db, selfId, page.changes, page.cursor, this.options.now().toISOString());
      changes += page.changes.length;
      if (applied.changedPayments.length > 0) this.options.onPaymentsChanged(applied.changedPayments);
      if (applied.cycles.length > 0) this.options.onCycles(applied.cycles);
      if (applied.notices.length > 0) this.options.onNotices?.(applied.notices);
      if (applied.broadcasts.length > 0 || applied.referenceChanged) this.options.onReference?.(applied.broadcasts, applied.referenceChanged);
      if (!page.hasMore) return changes;
    }
  }

  private async refreshAccount(): Promise<void> {
    const { db, client, selfId } = this.options;
    const account = await client.account();
    const dayChange = db.transaction((): DayChangeResult | undefined => {
      // The date learnt from the house last round; none before the first sync (the console's own).
      const previousHouseDate = getSyncState(db, 'house_account') === undefined ? undefined : getSetting(db, 'business_date');
      setSyncState(db, 'house_account', JSON.stringify(account));
      db.prepare('UPDATE participants SET balance_minor = ?, net_debit_cap_minor = ? WHERE id = ?').run(
        parseAmount(account.balance, 'CNY'),
        parseAmount(account.netDebitCap, 'CNY'),
        selfId,
      );
      // The house assigns the business date.
      setSetting(db, 'business_date', account.businessDate);
      // A new day: what the house never saw and nobody finished the day before expires with it.
      if (previousHouseDate === undefined) return undefined;
      return applyBusinessDateChange(db, { previousDate: previousHouseDate, newDate: account.businessDate, at: this.options.now().toISOString() });
    })();
    // After the commit: the blotter and the notice strip learn of what expired.
    const expired = [...(dayChange?.expiredDrafts ?? []), ...(dayChange?.expiredHeld ?? [])];
    if (expired.length > 0) this.options.onPaymentsChanged(expired);
    if (dayChange?.notice) this.options.onNotices?.([dayChange.notice]);
  }

  /** The house's queue order, only while the screen reads it; no store write (kept in memory). */
  private async refreshQueue(roundChanged: boolean): Promise<void> {
    const cache = this.options.houseQueue;
    if (cache === undefined || !cache.due(this.options.now().getTime(), roundChanged)) return;
    let answer;
    try {
      answer = await this.options.client.queue();
    } catch (error) {
      if (error instanceof HouseUnavailableError || error instanceof HouseUnauthorizedError) throw error;
      // An answer this console cannot read: the screen keeps the mirror; the link stays up.
      this.options.log(`sync: house queue not usable: ${(error as Error).message}`);
      return;
    }
    if (answer === undefined) return;
    if (cache.store(answer, this.options.now().getTime())) this.options.onHouseQueue?.();
  }
}
