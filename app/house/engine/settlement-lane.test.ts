import { describe, it, expect } from 'vitest';
import pino from 'pino';
import type { HouseStore, TxClient } from '../store/sql-client';
import { SettlementLane, type LaneChunk } from './settlement-lane';

const logger = pino({ level: 'silent' });

/** A store whose transactions wait until released, and fail when told. */
function heldStore() {
  const releases: Array<(fail: boolean) => void> = [];
  const written: string[][] = [];
  const store = {
    transaction: async <T>(work: (tx: TxClient) => Promise<T>): Promise<T> => {
      const fail = await new Promise<boolean>((resolve) => releases.push(resolve));
      if (fail) throw new Error('simulated commit failure');
      return work({
        query: async (_sql: string, params?: unknown[]) => {
          written.push((params?.[0] as string[]) ?? []);
          return { rows: [], rowCount: 0 };
        },
      } as unknown as TxClient);
    },
  } as unknown as HouseStore;
  const next = async (fail = false) => {
    for (let i = 0; i < 50 && releases.length === 0; i += 1) await new Promise((resolve) => setTimeout(resolve, 5));
    releases.shift()?.(fail);
    await new Promise((resolve) => setTimeout(resolve, 5));
  };
  return { store, written, next };
}

const chunk = (ids: string[], firstSeq: number, ticket: number): LaneChunk => ({
  rows: ids.map((paymentId, i) => ({ paymentId, cycleId: '1', changeSeq: firstSeq + i })),
  firstSeq,
  ticket,
});

describe('settlement lane', () => {
  it('holds pulls below a waiting chunk, writes chunks in order and tells each once written', async () => {
    const { store, written, next } = heldStore();
    const told: number[] = [];
    const lane = new SettlementLane(store, logger, (c) => told.push(c.ticket), () => told.push(-1), 0);
    expect(lane.horizon(100)).toBe(100);
    lane.write(chunk(['a', 'b'], 41, 1));
    lane.write(chunk(['c'], 60, 2));
    lane.write(chunk([], 0, 3));
    expect(lane.horizon(100)).toBe(40);
    expect(lane.pendingRows).toBe(3);
    await next();
    expect(written).toEqual([['a', 'b']]);
    expect(told).toEqual([1]);
    expect(lane.horizon(100)).toBe(59);
    await next();
    await lane.idle();
    expect(written).toEqual([['a', 'b'], ['c']]);
    // The empty chunk is told after the one before it, not ahead of it.
    expect(told).toEqual([1, 2, 3]);
    expect(lane.horizon(100)).toBe(100);
  });

  it('gives a failed chunk back and lets pulls pass its unused seqs', async () => {
    const { store, next } = heldStore();
    const failed: LaneChunk[] = [];
    const lane = new SettlementLane(store, logger, () => undefined, (c) => failed.push(c), 0);
    lane.write(chunk(['a', 'b'], 41, 1));
    await next(true);
    await lane.idle();
    expect(failed.map((c) => c.rows.map((r) => r.paymentId))).toEqual([['a', 'b']]);
    expect(lane.horizon(100)).toBe(100);
  });
});
