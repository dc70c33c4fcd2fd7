import { describe, it, expect } from 'vitest';
import { createEngine } from '../../shared/clearing/index';
import type { EngineCommand } from '../../shared/clearing/commands';
import { ShadowEngine } from './shadow-engine';
import { BatchEffects } from './batch-effects';
import { batchCommands } from './batch-commands';
import { payCommandOf } from './pay-command';

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

describe('a batch\'s commands', () => {
  const row = (id: string, cmdSeq: bigint, details: Record<string, unknown> = {}) => ({
    id, cmdSeq, deviceId: 'd', deviceSeq: 1, submitterId: 'A', counterpartyId: 'B', fromId: 'A', toId: 'B', kind: 'hvps', priority: 1,
    amountMinor: 5n, currency: 'CNY', details, businessDate: '2026-03-02', receivedAtMs: 0, admission: 'accepted' as const, status: 'queued', reason: null, changeSeq: 1, cycleId: null,
  });

  it('are its journal and payment rows in cmd_seq order, each payment as recovery rebuilds it', () => {
    const batch = new BatchEffects(10n, 0, '2026-03-02');
    batch.cmdSeq = 13n;
    batch.newPayments.set('p1', row('p1', 11n, { earliestMinute: 600, debtor: {} }));
    batch.journal.push({ cmdSeq: 12n, command: { type: 'cancel', paymentId: 'p1', by: 'A' } });
    batch.newPayments.set('p2', row('p2', 13n));
    const commands = batchCommands(batch, 10n);
    expect(commands.map((c) => c.type)).toEqual(['pay', 'cancel', 'pay']);
    expect(commands[0]).toEqual({ type: 'pay', id: 'p1', kind: 'hvps', from: 'A', to: 'B', amountMinor: 5n, priority: 1, currency: 'CNY', earliestMinute: 600 });
    expect(payCommandOf({ ...row('r', 1n, { originalId: 'p0' }), kind: 'return' }).originalId).toBe('p0');
  });

  it('throws on a hole or a number outside the batch', () => {
    const batch = new BatchEffects(10n, 0, '2026-03-02');
    batch.cmdSeq = 12n;
    batch.newPayments.set('p1', row('p1', 11n));
    expect(() => batchCommands(batch, 10n)).toThrow(/no command at cmd_seq 12/);
    batch.newPayments.set('p2', row('p2', 13n));
    expect(() => batchCommands(batch, 10n)).toThrow(/outside 11..12/);
  });
});
