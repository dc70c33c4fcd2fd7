import { describe, it, expect } from 'vitest';
import { SettlementWriteback } from './settlement-writeback';

const ids = (take: { entries: Array<{ paymentId: string }> }) => take.entries.map((e) => e.paymentId);

describe('settlement write-back', () => {
  it('hands entries out oldest first, a bounded number at a time', () => {
    const w = new SettlementWriteback();
    for (let i = 1; i <= 5; i += 1) w.defer(`p${i}`, '1');
    expect(ids(w.take(2))).toEqual(['p1', 'p2']);
    expect(w.size).toBe(3);
    expect(ids(w.take(10))).toEqual(['p3', 'p4', 'p5']);
    expect(w.size).toBe(0);
    expect(ids(w.take(10))).toEqual([]);
  });

  it('drops an entry whose payment moved on to a newer status', () => {
    const w = new SettlementWriteback();
    w.defer('p1', '1');
    w.defer('p2', '1');
    w.supersede('p1');
    expect(w.size).toBe(1);
    expect(ids(w.take(1))).toEqual(['p2']);
  });

  it('tells a waiter only once every entry queued before it is committed', () => {
    const w = new SettlementWriteback();
    let told = 0;
    w.defer('p1', '1');
    w.defer('p2', '1');
    w.whenWritten(() => (told += 1));
    const first = w.take(1);
    w.defer('p3', '2'); // after the waiter: not waited for
    w.committed(first.ticket);
    expect(told).toBe(0);
    const second = w.take(1);
    expect(ids(second)).toEqual(['p2']);
    w.committed(second.ticket);
    expect(told).toBe(1);
    expect(w.size).toBe(1);
  });

  it('tells a waiter at once when nothing is pending, and after superseded entries are swept by a batch', () => {
    const w = new SettlementWriteback();
    let told = 0;
    w.whenWritten(() => (told += 1));
    expect(told).toBe(1);
    w.defer('p1', '1');
    w.supersede('p1');
    w.whenWritten(() => (told += 1));
    expect(w.wantsBatch).toBe(true);
    const sweep = w.take(10);
    expect(sweep.entries).toEqual([]);
    w.committed(sweep.ticket);
    expect(told).toBe(2);
    expect(w.wantsBatch).toBe(false);
  });

  it('after a rebuild, waits for what the store says is still unwritten, including entries of a batch that never committed', () => {
    const w = new SettlementWriteback();
    let told = 0;
    w.defer('p1', '1');
    w.defer('p2', '1');
    w.whenWritten(() => (told += 1));
    w.take(2); // that batch fails: the engine is rebuilt
    w.reset([{ paymentId: 'p1', cycleId: '1' }, { paymentId: 'p2', cycleId: '1' }]);
    expect(told).toBe(0);
    expect(w.size).toBe(2);
    const again = w.take(5);
    expect(ids(again)).toEqual(['p1', 'p2']);
    w.committed(again.ticket);
    expect(told).toBe(1);
  });

  it('a rebuild that finds nothing unwritten tells the waiters', () => {
    const w = new SettlementWriteback();
    let told = 0;
    w.defer('p1', '1');
    w.whenWritten(() => (told += 1));
    w.reset([]);
    expect(told).toBe(1);
    expect(w.wantsBatch).toBe(false);
  });

  it('keeps order and size right across many entries (compaction)', () => {
    const w = new SettlementWriteback();
    for (let i = 0; i < 20_000; i += 1) w.defer(`p${i}`, '1');
    for (let i = 0; i < 20_000; i += 3) w.supersede(`p${i}`);
    const seen: string[] = [];
    while (w.size > 0) {
      const t = w.take(777);
      seen.push(...ids(t));
      w.committed(t.ticket);
    }
    expect(seen.length).toBe(20_000 - Math.ceil(20_000 / 3));
    expect(seen.slice(0, 3)).toEqual(['p1', 'p2', 'p4']);
    expect(seen.at(-1)).toBe('p19999');
  });
});
