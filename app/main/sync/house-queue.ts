import type { QueueResponse } from '../../shared/contract/queue-protocol';

/** 排队管理 polls every 10 s: a read within this long means the screen is open somewhere. */
export const QUEUE_SCREEN_OPEN_MS = 30_000;
/** While it is open, a quiet round fetches the house's queue at most this often. */
export const QUEUE_REFRESH_MS = 5_000;
/**
 * An answer older than this is not shown as the house's order: the loop refreshes it every few
 * seconds while the screen is open, so an older one means the link stalled or nobody looked.
 */
export const HOUSE_QUEUE_FRESH_MS = 30_000;

export interface FetchedQueue {
  answer: QueueResponse;
  /** Console clock when the answer arrived. */
  fetchedAtMs: number;
}

/**
 * The house's queue order for this bank (`GET /v1/queue/me`), kept in memory only: it is worth
 * something only while fresh, and offline the screen falls back to the console's mirror. The
 * sync loop fetches it only while 排队管理 is being read (`liquidity.queue` calls `wanted`):
 * on every round that pushed or pulled something (a reorder's answer, a status change) and on
 * quiet rounds every QUEUE_REFRESH_MS; no request at all while nobody looks at the queue.
 */
export class HouseQueueCache {
  private fetched: FetchedQueue | undefined;
  private wantedAtMs = Number.NEGATIVE_INFINITY;

  /** The screen read the queue: keep fetching for QUEUE_SCREEN_OPEN_MS. */
  want(nowMs: number): void {
    this.wantedAtMs = nowMs;
  }

  /** Whether this round should fetch: the screen is open, and something changed or the answer is due. */
  due(nowMs: number, roundChanged: boolean): boolean {
    if (nowMs - this.wantedAtMs > QUEUE_SCREEN_OPEN_MS) return false;
    if (this.fetched === undefined || roundChanged) return true;
    return nowMs - this.fetched.fetchedAtMs >= QUEUE_REFRESH_MS;
  }

  /** True while the last answer may be shown as the house's order. */
  fresh(nowMs: number): boolean {
    return this.fetched !== undefined && nowMs - this.fetched.fetchedAtMs <= HOUSE_QUEUE_FRESH_MS;
  }

  /**
   * Keeps a new answer; true when the screen should reload: the lists differ from the last
   * answer's, or the last one was no longer fresh (the screen showed the mirror meanwhile).
   */
  store(answer: QueueResponse, nowMs: number): boolean {
    const before = this.fetched;
    const wasFresh = this.fresh(nowMs);
    this.fetched = { answer, fetchedAtMs: nowMs };
    if (before === undefined || !wasFresh) return true;
    const lists = (a: QueueResponse) => JSON.stringify([a.businessDate, a.rtgs, a.dns, a.scheduled, a.truncated]);
    return lists(before.answer) !== lists(answer);
  }

  latest(): FetchedQueue | undefined {
    return this.fetched;
  }
}
