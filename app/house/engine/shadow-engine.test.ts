import { describe, it, expect } from 'vitest';
import { createEngine } from '../../shared/clearing/index';
import type { EngineCommand } from '../../shared/clearing/commands';
import { ShadowEngine } from './shadow-engine';
import { BatchEffects } from './batch-effects';
import { payCommandOf } from './pay-command';
import { packBatch, unpackCommands } from './packed-commands';

const add = (id: string): EngineCommand => ({ type: 'addParticipant', id, balanceMinor: 1_000n, netDebitCapMinor: 0n });
const pay = (id: string): EngineCommand => ({ type: 'pay', id, kind: 'hvps', from: 'A', to: 'B', amountMinor: 5n, priority: 2, currency: 'CNY' });

describe('shadow engine', () => {
  it('follows batches from its seed to the same state as the engine that applied them', () => {
    const engine = createEngine({ currency: 'CNY', businessDate: '2026-03-02', participants: [] });
    const shadow = new ShadowEngine();
    shadow.seed(engine.exportState(), 0n);
    const batches = [[add('A'), add('B')], [pay('p1'), pay('p2')], [{ type: 'closeCycle' } as EngineCommand]];
    let next = 1n;
    for (const batch of batches) {
      for (const command of batch) engine.apply(command);
      shadow.apply(next, batch);
      next += BigInt(batch.length);
    }
    expect(shadow.cmdSeq).toBe(5n);
    expect(shadow.exportState()).toEqual(engine.exportState());
  });

  it('a batch that does not start right after its cmd_seq discards it (never drifts) until the next seed', () => {
    const engine = createEngine({ currency: 'CNY', businessDate: '2026-03-02', participants: [] });
    const shadow = new ShadowEngine();
    expect(() => shadow.apply(1n, [add('A')])).toThrow(/not seeded/);
    shadow.seed(engine.exportState(), 10n);
    expect(() => shadow.apply(12n, [add('A')])).toThrow(/drift: it is at cmd_seq 10, the batch starts at 12/);
    expect(shadow.seeded).toBe(false);
    expect(() => shadow.apply(11n, [add('A')])).toThrow(/not seeded/);
    shadow.seed(engine.exportState(), 10n);
    shadow.apply(11n, [add('A')]);
    expect(shadow.cmdSeq).toBe(11n);
  });
});

describe('a batch\'s commands, packed for the shadow thread', () => {
  const row = (id: string, cmdSeq: bigint, details: Record<string, unknown> = {}) => ({
    id, cmdSeq, deviceId: 'd', deviceSeq: 1, submitterId: 'A', counterpartyId: 'B', fromId: 'A', toId: 'B', kind: 'hvps', priority: 1,
    amountMinor: 5n, currency: 'CNY', details, businessDate: '2026-03-02', receivedAtMs: 0, admission: 'accepted' as const, status: 'queued', reason: null, changeSeq: 1, cycleId: null,
  });
  const batchOf = (rows: Array<ReturnType<typeof row>>, journal: Array<{ cmdSeq: bigint; command: EngineCommand }>, last: bigint): BatchEffects => {
    const batch = new BatchEffects(10n, 0, '2026-03-02');
    batch.cmdSeq = last;
    for (const r of rows) batch.newPayments.set(r.id, r);
    batch.journal.push(...journal);
    return batch;
  };

  it('unpack to its journal and payment rows in cmd_seq order, each payment as recovery rebuilds it (payCommandOf)', () => {
    const rows = [
      row('p1', 11n, { earliestMinute: 600, debtor: {} }),
      row('p2', 13n),
      { ...row('p3', 14n, { originalId: 'p0' }), kind: 'return' },
      { ...row('p4', 15n), amountMinor: 2n ** 70n },
      row('p5', 17n, { valueDay: 2 }),
      row('p6', 18n),
    ];
    const journal = [
      { cmdSeq: 12n, command: { type: 'cancel', paymentId: 'p1', by: 'A' } as EngineCommand },
      { cmdSeq: 16n, command: { type: 'limits', participantId: 'A', bilateral: { B: 5n } } as EngineCommand },
    ];
    const packed = packBatch(batchOf(rows, journal, 18n), 10n);
    expect(packed.id).toEqual(['p2', 'p6']); // the plain ones go by column
    const byPosition: EngineCommand[] = [];
    for (const r of rows) byPosition[Number(r.cmdSeq - 11n)] = payCommandOf(r);
    for (const j of journal) byPosition[Number(j.cmdSeq - 11n)] = j.command;
    expect(unpackCommands(packed)).toEqual(byPosition);
    expect(unpackCommands(packed).map((c) => c.type)).toEqual(['pay', 'cancel', 'pay', 'pay', 'pay', 'limits', 'pay', 'pay']);
    expect(unpackCommands(packed)[0]).toEqual({ type: 'pay', id: 'p1', kind: 'hvps', from: 'A', to: 'B', amountMinor: 5n, priority: 1, currency: 'CNY', earliestMinute: 600 });
    expect(unpackCommands(packed)[3]).toMatchObject({ kind: 'return', originalId: 'p0' });
    expect(unpackCommands(packBatch(batchOf([], [], 10n), 10n))).toEqual([]);
  });

  it('packing throws on a hole or a number outside the batch; unpacking on a missing or doubled position', () => {
    expect(() => packBatch(batchOf([row('p1', 11n)], [], 12n), 10n)).toThrow(/no command at cmd_seq 12/);
    expect(() => packBatch(batchOf([row('p1', 11n), row('p2', 13n)], [], 12n), 10n)).toThrow(/outside 11..12/);
    expect(() => packBatch(batchOf([row('p1', 11n), row('p2', 11n)], [], 12n), 10n)).toThrow(/numbered twice/);
    const packed = packBatch(batchOf([row('p1', 11n)], [{ cmdSeq: 12n, command: { type: 'offset' } }], 12n), 10n);
    expect(() => unpackCommands({ ...packed, others: [] })).toThrow(/no command at 1/);
    expect(() => unpackCommands({ ...packed, others: [[0, { type: 'offset' }]] })).toThrow(/given twice/);
  });
});
