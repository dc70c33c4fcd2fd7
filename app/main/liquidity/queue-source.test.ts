import { describe, it, expect } from 'vitest';
import type { QueueResponse } from '../../shared/contract/queue-protocol';
import { HOUSE_QUEUE_FRESH_MS, HouseQueueCache, QUEUE_REFRESH_MS, QUEUE_SCREEN_OPEN_MS } from '../sync/house-queue';
import { chooseQueueSource } from './queue-source';

const answer = (over: Partial<QueueResponse> = {}): QueueResponse => ({
  participant: 'HKB', businessDate: '2026-11-26', clock: '10:00', asOf: '2026-11-26T02:00:00.000Z', limit: 10_000, truncated: false,
  rtgs: [], dns: [], scheduled: [], ...over,
});
const T0 = 1_000_000;

describe('排队管理 source: the house order while fresh, else the mirror, saying why', () => {
  const fetched = { answer: answer(), fetchedAtMs: T0 };
  const choose = (over: Partial<Parameters<typeof chooseQueueSource>[0]>) =>
    chooseQueueSource({ connection: 'online', fetched, nowMs: T0, businessDate: '2026-11-26', ...over });

  it('shows the house order online, with its age in whole seconds', () => {
    expect(choose({ nowMs: T0 + 4_900 })).toEqual({ source: { kind: 'house', ageSeconds: 4, asOf: '2026-11-26T02:00:00.000Z' }, house: fetched.answer });
    expect(choose({ nowMs: T0 + HOUSE_QUEUE_FRESH_MS }).source.kind).toBe('house');
  });

  it('falls back to the mirror offline, before the first answer, when old or of another day, and without a link', () => {
    expect(choose({ connection: 'offline' })).toEqual({ source: { kind: 'mirror', why: 'offline' } });
    expect(choose({ connection: 'local' })).toEqual({ source: { kind: 'mirror', why: 'local' } });
    expect(choose({ fetched: undefined })).toEqual({ source: { kind: 'mirror', why: 'waiting' } });
    expect(choose({ nowMs: T0 + HOUSE_QUEUE_FRESH_MS + 1 })).toEqual({ source: { kind: 'mirror', why: 'stale' } });
    expect(choose({ businessDate: '2026-11-27' })).toEqual({ source: { kind: 'mirror', why: 'stale' } });
  });
});

describe('house queue fetch policy', () => {
  it('fetches only while the screen reads the queue: at once on a change, else every few seconds', () => {
    const cache = new HouseQueueCache();
    expect(cache.due(T0, true)).toBe(false);
    cache.want(T0);
    expect(cache.due(T0, false)).toBe(true);
    expect(cache.store(answer(), T0)).toBe(true);
    expect(cache.due(T0 + 1_000, false)).toBe(false);
    expect(cache.due(T0 + 1_000, true)).toBe(true);
    expect(cache.due(T0 + QUEUE_REFRESH_MS, false)).toBe(true);
    // Nobody read it for a while: no more requests.
    expect(cache.due(T0 + QUEUE_SCREEN_OPEN_MS + 1, true)).toBe(false);
  });

  it('asks the screen to reload when the lists change or the last answer had gone stale', () => {
    const cache = new HouseQueueCache();
    cache.store(answer(), T0);
    expect(cache.store(answer({ asOf: '2026-11-26T02:00:01.000Z', clock: '10:01' }), T0 + 1_000)).toBe(false);
    const moved = answer({ rtgs: [{ id: 'p1', kind: 'hvps', priority: 2, amount: '1.00', to: 'ICBC', reason: 'funds', reasonCode: 'INSUFFICIENT_FUNDS', since: '2026-11-26T02:00:00.000Z' }] });
    expect(cache.store(moved, T0 + 2_000)).toBe(true);
    expect(cache.fresh(T0 + 2_000 + HOUSE_QUEUE_FRESH_MS)).toBe(true);
    expect(cache.store(moved, T0 + 2_001 + HOUSE_QUEUE_FRESH_MS)).toBe(true);
  });
});
