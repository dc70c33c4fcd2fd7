import { expect, it } from 'vitest';
import fc from 'fast-check';
import type { EngineCommand } from '/work/main/app/shared/clearing/commands';
import { createEngine, restoreEngine, type Engine } from '/work/main/app/shared/clearing/engine';
import type { EngineEvent } from '/work/main/app/shared/clearing/events';

/**
 * Random business days of thousands of steps: whatever happens, money is conserved, no balance
 * drops below its net debit (both checked after every command in paranoid mode), the settled
 * flows explain every balance change, cycle nets sum to zero and agree with the bilateral nets,
 * the same input gives byte-identical output, and a snapshot taken anywhere restores to an
 * engine that carries on exactly as the original.
 */
const IDS = ['A', 'B', 'C', 'D', 'E', 'F'];

interface RawStep {
  op: number;
  a: number;
  b: number;
  amount: number;
  priority: 0 | 1 | 2;
  ref: number;
}

const rawStep = fc.record({
  op: fc.nat(99),
  a: fc.nat(5),
  b: fc.nat(5),
  amount: fc.integer({ min: 0, max: 40_000 }),
  priority: fc.constantFrom<0 | 1 | 2>(0, 1, 2),
  ref: fc.nat(),
});

const day = fc.record({
  participants: fc.array(fc.record({ balance: fc.integer({ min: 0, max: 100_000 }), cap: fc.integer({ min: 0, max: 60_000 }) }), { minLength: 3, maxLength: 6 }),
  steps: fc.array(rawStep, { minLength: 1000, maxLength: 2500 }),
});

/** Turns raw numbers into commands; references point at earlier payments so most of them mean something. */
function commandsOf(participantCount: number, steps: RawStep[]): EngineCommand[] {
  const pays: { id: string; from: string; to: string }[] = [];
  const commands: EngineCommand[] = [];
  const party = (n: number) => IDS[n % participantCount] as string;
  steps.forEach((s, i) => {
    const earlier = pays.length === 0 ? undefined : pays[s.ref % pays.length];
    const amountMinor = BigInt(s.amount);
    if (s.op < 62) {
      const kind = s.op < 28 ? 'hvps' : s.op < 44 ? 'beps' : s.op < 54 ? 'bill' : 'return';
      const duplicate = s.op === 61 && earlier !== undefined;
      const id = duplicate ? earlier.id : `p${i}`;
      if (kind === 'return' && earlier !== undefined) {
        commands.push({ type: 'pay', id, kind, from: earlier.to, to: earlier.from, amountMinor, priority: s.priority, originalId: earlier.id });
      } else {
        commands.push({ type: 'pay', id, kind, from: party(s.a), to: party(s.b), amountMinor, priority: s.priority });
      }
      if (!duplicate) pays.push({ id, from: party(s.a), to: party(s.b) });
    } else if (s.op < 70 && earlier !== undefined) {
      commands.push({ type: 'cancel', paymentId: earlier.id });
    } else if (s.op < 76 && earlier !== undefined) {
      commands.push({ type: 'reprioritise', paymentId: earlier.id, priority: s.priority });
    } else if (s.op < 82 && earlier !== undefined) {
      commands.push({ type: 'return', paymentId: earlier.id });
    } else if (s.op < 86) {
      commands.push({ type: 'offset' });
    } else if (s.op < 90) {
      commands.push({ type: 'closeCycle' });
    } else if (s.op < 95) {
      commands.push({ type: 'adjust', participantId: party(s.a), amountMinor: s.op % 2 === 0 ? amountMinor : -amountMinor });
    } else if (s.op < 98) {
      commands.push({ type: 'setNetDebitCap', participantId: party(s.a), netDebitCapMinor: amountMinor });
    } else {
      commands.push({ type: 'endOfDay' });
    }
  });
  return commands;
}

function newEngine(participants: { balance: number; cap: number }[]): Engine {
  return createEngine(
    {
      currency: 'CNY',
      businessDate: '2026-01-05',
      participants: participants.map((p, i) => ({ id: IDS[i] as string, balanceMinor: BigInt(p.balance), netDebitCapMinor: BigInt(p.cap) })),
    },
    { paranoid: true },
  );
}

const json = (value: unknown): string => JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));

function runAll(engine: Engine, commands: EngineCommand[]): EngineEvent[][] {
  return commands.map((c) => engine.apply(c));
}

it('stats', () => {
  const counts: Record<string, number> = {};
  for (const sample of fc.sample(day, { numRuns: 3, seed: 1 })) {
    const engine = newEngine(sample.participants);
    for (const events of runAll(engine, commandsOf(sample.participants.length, sample.steps)))
      for (const e of events) { const k = e.type + ('via' in e ? ':' + e.via : '') + ('reason' in e && e.reason ? ':' + e.reason : ''); counts[k] = (counts[k] ?? 0) + 1; }
  }
  console.log(counts);
});
