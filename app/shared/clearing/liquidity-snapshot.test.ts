import { describe, expect, it } from 'vitest';
import type { EngineCommand } from './commands';
import { restoreEngine } from './engine';
import { cny, engineWith } from './test-support';

const json = (value: unknown): string => JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));

describe('snapshot with liquidity controls', () => {
  it('round-trips credit lines, reservations, limits, warnings, the clock, the schedule, queue order and positions', () => {
    const engine = engineWith({ A: ['100.00'], B: ['50.00'], C: ['0.00'] });
    const setup: EngineCommand[] = [
      { type: 'credit', participantId: 'A', lineMinor: cny('40.00') },
      { type: 'reserve', participantId: 'A', urgentMinor: cny('10.00'), highMinor: cny('5.00') },
      { type: 'limits', participantId: 'A', bilateral: { B: cny('200.00') }, multilateralMinor: cny('300.00') },
      { type: 'warning', participantId: 'A', thresholdMinor: cny('80.00') },
      { type: 'time', minuteOfDay: 9 * 60 },
      { type: 'pay', id: 'g1', kind: 'hvps', from: 'A', to: 'B', amountMinor: cny('70.00') },
      { type: 'pay', id: 'g2', kind: 'hvps', from: 'B', to: 'C', amountMinor: cny('20.00') },
      { type: 'pay', id: 'q1', kind: 'hvps', from: 'C', to: 'A', amountMinor: cny('30.00') },
      { type: 'pay', id: 'q2', kind: 'hvps', from: 'C', to: 'B', amountMinor: cny('25.00') },
      { type: 'reorder', paymentId: 'q2', to: 'top' },
      { type: 'pay', id: 't1', kind: 'hvps', from: 'B', to: 'A', amountMinor: cny('5.00'), earliestMinute: 10 * 60, latestMinute: 11 * 60 },
      { type: 'pay', id: 'w1', kind: 'hvps', from: 'B', to: 'C', amountMinor: cny('1.00'), valueDay: 2 },
    ];
    for (const command of setup) engine.apply(command);
    expect(engine.liquidity('A')).toMatchObject({ creditLineMinor: cny('40.00'), warned: true, positions: { B: -cny('70.00') } });
    const restored = restoreEngine(JSON.parse(JSON.stringify(engine.exportState())), { paranoid: true });
    expect(JSON.stringify(restored.exportState())).toBe(JSON.stringify(engine.exportState()));
    for (const id of ['A', 'B', 'C']) expect(json(restored.liquidity(id))).toBe(json(engine.liquidity(id)));
    expect(restored.clock()).toBe('09:00');
    expect(restored.queue('C')).toEqual({ rtgs: ['q2', 'q1'], dns: [] });
    expect(restored.scheduled()).toEqual(['t1', 'w1']);
    const after: EngineCommand[] = [
      { type: 'adjust', participantId: 'C', amountMinor: cny('25.00') },
      { type: 'time', minuteOfDay: 10 * 60 },
      { type: 'endOfDay' },
      { type: 'endOfDay' },
    ];
    expect(json(after.map((c) => restored.apply(c)))).toBe(json(after.map((c) => engine.apply(c))));
    expect(restored.payment('w1')?.status).toBe('settled');
    expect(restored.payment('q2')?.status).toBe('settled');
  });

  it('reads a version 1 snapshot (before the controls) with every control absent', () => {
    const engine = engineWith({ A: ['100.00'], B: ['0.00'] });
    engine.apply({ type: 'pay', id: 'p1', kind: 'hvps', from: 'A', to: 'B', amountMinor: cny('10.00') });
    const { clockMinute: _clock, nextOrder: _next, ...rest } = engine.exportState();
    const restored = restoreEngine({ ...rest, version: 1 });
    expect(restored.liquidity('A')).toMatchObject({ creditLineMinor: 0n, positions: { B: -cny('10.00') } });
  });
});
