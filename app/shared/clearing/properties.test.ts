import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { EngineCommand } from './commands';
import { createEngine, restoreEngine, type Engine } from './engine';
import type { EngineEvent } from './events';

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
  participants: fc.array(fc.record({ balance: fc.integer({ min: 0, max: 40_000 }), cap: fc.integer({ min: 0, max: 60_000 }) }), { minLength: 3, maxLength: 6 }),
  steps: fc.array(rawStep, { minLength: 1000, maxLength: 2500 }),
});

/** Turns raw numbers into commands; references point at earlier payments so most of them mean something. */
function commandsOf(participantCount: number, steps: RawStep[]): EngineCommand[] {
  const pays: { id: string; from: string; to: string }[] = [];
  const commands: EngineCommand[] = [];
  const party = (n: number) => IDS[n % participantCount] as string;
  steps.forEach((s, i) => {
    // Mostly recent payments, which are the ones still queued or netted.
    const earlier = pays.length === 0 ? undefined : pays[s.ref % 4 === 0 ? s.ref % pays.length : pays.length - 1 - (s.ref % Math.min(8, pays.length))];
    // A receiver other than the sender, save for the odd one that must be rejected.
    const receiver = s.amount % 97 === 0 ? party(s.a) : party(s.a + 1 + (s.b % (participantCount - 1)));
    const amountMinor = BigInt(s.amount);
    if (s.op === 60 && participantCount >= 3) {
      // A ring of three large payments: a gridlock only multilateral offsetting can settle.
      for (let k = 0; k < 3; k += 1) {
        const id = `p${i}r${k}`;
        const from = party(s.a + k);
        const to = party(s.a + ((k + 1) % 3));
        commands.push({ type: 'pay', id, kind: 'hvps', from, to, amountMinor: amountMinor * 4n + 1n, priority: s.priority });
        pays.push({ id, from, to });
      }
    } else if (s.op < 62) {
      const kind = s.op < 28 ? 'hvps' : s.op < 44 ? 'beps' : s.op < 54 ? 'bill' : 'return';
      const duplicate = s.op === 61 && earlier !== undefined;
      const id = duplicate ? earlier.id : `p${i}`;
      if (kind === 'return' && earlier !== undefined) {
        commands.push({ type: 'pay', id, kind, from: earlier.to, to: earlier.from, amountMinor, priority: s.priority, originalId: earlier.id });
      } else {
        commands.push({ type: 'pay', id, kind, from: party(s.a), to: receiver, amountMinor, priority: s.priority });
      }
      if (!duplicate) pays.push({ id, from: party(s.a), to: receiver });
    } else if (s.op < 70 && earlier !== undefined) {
      commands.push({ type: 'cancel', paymentId: earlier.id });
    } else if (s.op < 76 && earlier !== undefined) {
      commands.push({ type: 'reprioritise', paymentId: earlier.id, priority: s.priority });
    } else if (s.op < 82 && earlier !== undefined) {
      commands.push({ type: 'return', paymentId: earlier.id });
    } else if (s.op < 87) {
      commands.push({ type: 'offset' });
    } else if (s.op < 90) {
      commands.push({ type: 'closeCycle' });
    } else if (s.op < 95) {
      commands.push({ type: 'adjust', participantId: party(s.a), amountMinor: s.op % 2 === 0 ? amountMinor : -amountMinor });
    } else if (s.op < 99) {
      commands.push({ type: 'setNetDebitCap', participantId: party(s.a), netDebitCapMinor: amountMinor });
    } else if (s.ref % 4 === 0) {
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

/** The same through `applyWith`: each event handed over as it happens. */
function runAllWith(engine: Engine, commands: EngineCommand[]): EngineEvent[][] {
  return commands.map((c) => {
    const events: EngineEvent[] = [];
    engine.applyWith(c, (e) => events.push(e));
    return events;
  });
}

describe('clearing engine properties', () => {
  it('conserves money and explains every balance by its settled flows; cycle nets sum to zero', () => {
    fc.assert(
      fc.property(day, ({ participants, steps }) => {
        const engine = newEngine(participants);
        const commands = commandsOf(participants.length, steps);
        const replayed = new Map(participants.map((p, i) => [IDS[i] as string, BigInt(p.balance)]));
        for (const events of runAll(engine, commands)) {
          for (const e of events) {
            if (e.type === 'settled') {
              replayed.set(e.from, (replayed.get(e.from) ?? 0n) - e.amountMinor);
              replayed.set(e.to, (replayed.get(e.to) ?? 0n) + e.amountMinor);
              if (e.via === 'gross') expect([replayed.get(e.from), replayed.get(e.to)]).toEqual([e.fromBalanceMinor, e.toBalanceMinor]);
            }
            if (e.type === 'liquidity') replayed.set(e.participantId, (replayed.get(e.participantId) ?? 0n) + e.deltaMinor);
            if (e.type === 'cycleClosed') {
              expect(e.net.reduce((sum, n) => sum + n.netMinor, 0n)).toBe(0n);
              const fromBilateral = new Map<string, bigint>();
              for (const b of e.bilateral) {
                fromBilateral.set(b.payer, (fromBilateral.get(b.payer) ?? 0n) - b.amountMinor);
                fromBilateral.set(b.payee, (fromBilateral.get(b.payee) ?? 0n) + b.amountMinor);
              }
              for (const n of e.net) expect(fromBilateral.get(n.participantId) ?? 0n).toBe(n.netMinor);
            }
            if (e.type === 'offsetCompleted') expect(e.net.reduce((sum, n) => sum + n.netMinor, 0n)).toBe(0n);
          }
        }
        for (const p of engine.participants()) {
          expect(replayed.get(p.id)).toBe(p.balanceMinor);
          expect(p.balanceMinor >= p.netDebitMinor).toBe(true);
        }
        // Every payment that ended settled was reported settled exactly once (checked by the
        // replay above); every one still queued or netted is in a queue or the open cycle.
        const open = engine.payments().filter((p) => p.status === 'queued' || p.status === 'netted');
        const queuedTotal = engine.participants().reduce((sum, p) => sum + p.queuedCount, 0);
        expect(open.filter((p) => p.status === 'queued').length).toBe(queuedTotal);
      }),
      { numRuns: 15, seed: 20260105 },
    );
  });

  it('gives byte-identical output for the same input (apply or applyWith), and a restored snapshot carries on identically', () => {
    fc.assert(
      fc.property(day, fc.nat(), ({ participants, steps }, cutSeed) => {
        const commands = commandsOf(participants.length, steps);
        const first = newEngine(participants);
        const second = newEngine(participants);
        const cut = cutSeed % commands.length;
        const head = commands.slice(0, cut);
        const tail = commands.slice(cut);
        const firstHead = runAll(first, head);
        expect(json(runAllWith(second, head))).toBe(json(firstHead));
        const snapshot = JSON.parse(JSON.stringify(first.exportState())) as unknown;
        const restored = restoreEngine(snapshot, { paranoid: true });
        expect(JSON.stringify(restored.exportState())).toBe(JSON.stringify(first.exportState()));
        const firstTail = json(runAll(first, tail));
        expect(json(runAll(restored, tail))).toBe(firstTail);
        expect(json(runAllWith(second, tail))).toBe(firstTail);
        expect(JSON.stringify(restored.exportState())).toBe(JSON.stringify(first.exportState()));
        // Counting only: the same number of events per command, the same state at the end.
        const counting = newEngine(participants);
        expect(commands.map((c) => counting.applyCounting(c))).toEqual([...firstHead, ...JSON.parse(firstTail)].map((events: unknown[]) => events.length));
        expect(JSON.stringify(counting.exportState())).toBe(JSON.stringify(first.exportState()));
      }),
      { numRuns: 10, seed: 20260106 },
    );
  });
});
