import type { QueueSource } from '../../shared/contract/handlers/liquidity';
import type { LinkStatus } from '../backend-services';
import { HOUSE_QUEUE_FRESH_MS, type FetchedQueue } from '../sync/house-queue';

export interface QueueSourceInput {
  connection: LinkStatus['connection'];
  fetched: FetchedQueue | undefined;
  nowMs: number;
  /** The console's business date (the house's, as last synced). */
  businessDate: string | null;
}

export type QueueSourceChoice = { source: QueueSource; house?: FetchedQueue['answer'] };

/** Which order 排队管理 shows: the house's while online and fresh, else the console's mirror, saying why. */
export function chooseQueueSource(input: QueueSourceInput): QueueSourceChoice {
  const { connection, fetched, nowMs } = input;
  if (connection === 'local') return { source: { kind: 'mirror', why: 'local' } };
  if (connection === 'offline') return { source: { kind: 'mirror', why: 'offline' } };
  if (fetched === undefined) return { source: { kind: 'mirror', why: 'waiting' } };
  const ageMs = Math.max(0, nowMs - fetched.fetchedAtMs);
  if (ageMs > HOUSE_QUEUE_FRESH_MS || (input.businessDate !== null && fetched.answer.businessDate !== input.businessDate)) {
    return { source: { kind: 'mirror', why: 'stale' } };
  }
  return { source: { kind: 'house', ageSeconds: Math.floor(ageMs / 1000), asOf: fetched.answer.asOf }, house: fetched.answer };
}
