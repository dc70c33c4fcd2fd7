import { describe, expect, it } from 'vitest';
import { restoreEngine } from './engine';
import { InvariantError } from './state';
import { cny, engineWith, pay } from './test-support';

describe('snapshots', () => {
  it('round-trips through JSON with queues, the open cycle and closed cycles intact', () => {
    const engine = engineWith({ A: ['100.00', '100.00'], B: ['0.00', '50.00'], C: ['0.00'] });
    pay(engine, 'h1', 'hvps', 'B', 'C', '50.00'); // queued
    pay(engine, 'h2', 'hvps', 'B', 'C', '40.00', 0); // urgent, queued ahead of h1
    pay(engine, 'n1', 'beps', 'A', 'B', '30.00'); // netted
    engine.apply({ type: 'closeCycle' }); // B 30: still short of h2's 40
    pay(engine, 'n2', 'beps', 'A', 'C', '20.00'); // netted into cycle 2
    const text = JSON.stringify(engine.exportState());
    const restored = restoreEngine(JSON.parse(text));
    expect(JSON.stringify(restored.exportState())).toBe(text);
    expect(restored.queue('B')).toEqual({ rtgs: ['h2', 'h1'], dns: [] });
    expect(restored.participants()).toEqual(engine.participants());
    expect(restored.apply({ type: 'closeCycle' })).toEqual(engine.apply({ type: 'closeCycle' }));
  });

  it('refuses a snapshot that breaks an invariant or is malformed', () => {
    const engine = engineWith({ A: ['100.00', '100.00'], B: ['0.00'] });
    pay(engine, 'n1', 'beps', 'A', 'B', '30.00');
    const snapshot = engine.exportState();
    const drained = { ...snapshot, participants: snapshot.participants.map((p) => (p.id === 'A' ? { ...p, balanceMinor: '1000' } : p)) };
    expect(() => restoreEngine(drained)).toThrow(InvariantError);
    expect(() => restoreEngine({ ...snapshot, participants: [{ ...snapshot.participants[0], balanceMinor: '1e3' }] })).toThrow();
    expect(() => restoreEngine({ ...snapshot, extra: true })).toThrow();
    expect(cny('30.00')).toBe(3000n);
  });

  it('stops for good after a broken invariant', () => {
    const engine = engineWith({ A: ['100.00'], B: ['0.00'] });
    // A command the engine never expects is a bug in the caller: it throws, and the engine stops.
    expect(() => engine.apply({ type: 'nonsense' } as never)).toThrow(TypeError);
    expect(() => pay(engine, 'p1', 'hvps', 'A', 'B', '1.00')).toThrow(InvariantError);
  });
});
