import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { EngineCommand } from './commands';
import { createEngine, restoreEngine, type Engine } from './engine';
import type { EngineEvent } from './events';

/**
 * Random business days with every liquidity control of DESIGN 4.1 in play (credit lines,
 * reservations, sender limits, timed and warehoused payments, reorder, the clock, warnings).
 * Paranoid engines check every invariant after every command (money conserved, balance >=
 * -creditLine, balance + line >= net debit, positions agree with RTGS flows, nothing scheduled
 * for a past time or a closed day).
 */
const IDS = ['A', 'B', 'C', 'D', 'E'];

const rawStep = fc.record({
  op: fc.nat(99),
  a: fc.nat(4),
  b: fc.nat(4),
  amount: fc.integer({ min: 0, max: 30_000 }),
  priority: fc.constantFrom<0 | 1 | 2>(0, 1, 2),
  ref: fc.nat(),
});
type RawStep = { op: number; a: number; b: number; amount: number; priority: 0 | 1 | 2; ref: number };

const participantsArb = fc.array(
  fc.record({ balance: fc.integer({ min: 0, max: 30_000 }), cap: fc.integer({ min: 0, max: 40_000 }), line: fc.integer({ min: 0, max: 20_000 }) }),
  { minLength: 3, maxLength: 5 },
);

function newEngine(participants: { balance: number; cap: number; line: number }[]): Engine {
  return createEngine(
    {
      currency: 'CNY',
      businessDate: '2026-01-05',
      participants: participants.map((p, i) => ({ id: IDS[i] as string, balanceMinor: BigInt(p.balance), netDebitCapMinor: BigInt(p.cap), creditLineMinor: BigInt(p.line) })),
    },
    { paranoid: true },
  );
}

function commandsOf(count: number, steps: RawStep[]): EngineCommand[] {
  const party = (n: number) => IDS[n % count] as string;
  const ids: string[] = [];
  const commands: EngineCommand[] = [];
  let minute = 0;
  steps.forEach((s, i) => {
    const from = party(s.a);
    const to = party(s.a + 1 + (s.b % (count - 1)));
    const amountMinor = BigInt(s.amount);
    const earlier = ids.length === 0 ? undefined : (ids[ids.length - 1 - (s.ref % Math.min(6, ids.length))] as string);
    if (s.op < 40) {
      const id = `p${i}`;
      ids.push(id);
      const timed = s.ref % 5 === 0 ? { earliestMinute: Math.min(1438, minute + (s.ref % 90)), latestMinute: Math.min(1439, minute + 30 + (s.ref % 200)) } : s.ref % 5 === 1 ? { latestMinute: Math.min(1439, minute + (s.ref % 60)) } : {};
      const valueDay = s.ref % 11 === 0 ? (s.ref % 3) + 1 : undefined;
      commands.push({ type: 'pay', id, kind: s.op < 28 ? 'hvps' : 'beps', from, to, amountMinor, priority: s.priority, ...(s.op < 28 ? timed : {}), ...(valueDay === undefined ? {} : { valueDay }) });
    } else if (s.op < 45 && earlier !== undefined) {
      commands.push({ type: 'reorder', paymentId: earlier, to: s.ref % 2 === 0 ? 'top' : 'bottom' });
    } else if (s.op < 49 && earlier !== undefined) {
      commands.push({ type: 'cancel', paymentId: earlier });
    } else if (s.op < 52 && earlier !== undefined) {
      commands.push({ type: 'reprioritise', paymentId: earlier, priority: s.priority });
    } else if (s.op < 60) {
      minute = Math.min(1439, minute + (s.ref % 40));
      commands.push({ type: 'time', minuteOfDay: s.ref % 17 === 0 ? Math.max(0, minute - 5) : minute });
    } else if (s.op < 65) {
      commands.push({ type: 'reserve', participantId: from, urgentMinor: BigInt(s.amount % 7000), highMinor: BigInt((s.amount * 3) % 9000) });
    } else if (s.op < 70) {
      const bilateral: Record<string, bigint> = s.ref % 3 === 0 ? {} : { [to]: BigInt(s.amount % 15_000) };
      commands.push({ type: 'limits', participantId: from, bilateral, ...(s.ref % 2 === 0 ? { multilateralMinor: BigInt(s.amount) } : {}) });
    } else if (s.op < 74) {
      commands.push({ type: 'credit', participantId: from, lineMinor: BigInt(s.amount) });
    } else if (s.op < 77) {
      commands.push(s.ref % 4 === 0 ? { type: 'warning', participantId: from } : { type: 'warning', participantId: from, thresholdMinor: BigInt(s.amount) });
    } else if (s.op < 84) {
      commands.push({ type: 'offset' });
    } else if (s.op < 88) {
      commands.push({ type: 'closeCycle' });
    } else if (s.op < 96) {
      commands.push({ type: 'adjust', participantId: from, amountMinor: s.op % 2 === 0 ? amountMinor : -amountMinor });
    } else if (s.ref % 3 === 0) {
      minute = 0;
      commands.push({ type: 'endOfDay' });
    }
  });
  return commands;
}

const json = (value: unknown): string => JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));
const day = fc.record({ participants: participantsArb, steps: fc.array(rawStep, { minLength: 400, maxLength: 1200 }) });

describe('liquidity controls: properties', () => {
  it('conserves money, explains every balance by its flows, keeps balance >= -creditLine, and a snapshot carries on identically', () => {
    fc.assert(
      fc.property(day, fc.nat(), ({ participants, steps }, cutSeed) => {
        const engine = newEngine(participants);
        const commands = commandsOf(participants.length, steps);
        const cut = cutSeed % commands.length;
        const replayed = new Map(participants.map((p, i) => [IDS[i] as string, BigInt(p.balance)]));
        const eventsOf: EngineEvent[][] = [];
        let restored: Engine | undefined;
        commands.forEach((command, i) => {
          if (i === cut) {
            restored = restoreEngine(JSON.parse(JSON.stringify(engine.exportState())), { paranoid: true });
            expect(JSON.stringify(restored.exportState())).toBe(JSON.stringify(engine.exportState()));
          }
          const events = engine.apply(command);
          if (i >= cut) eventsOf.push(events);
          for (const e of events) {
            if (e.type === 'settled') {
              replayed.set(e.from, (replayed.get(e.from) ?? 0n) - e.amountMinor);
              replayed.set(e.to, (replayed.get(e.to) ?? 0n) + e.amountMinor);
            }
            if (e.type === 'liquidity') replayed.set(e.participantId, (replayed.get(e.participantId) ?? 0n) + e.deltaMinor);
          }
        });
        for (const p of engine.participants()) {
          expect(replayed.get(p.id)).toBe(p.balanceMinor);
          expect(p.balanceMinor >= -p.creditLineMinor).toBe(true);
        }
        const total = participants.reduce((sum, p) => sum + BigInt(p.balance), 0n);
        const liquidity = [...replayed.values()].reduce((sum, b) => sum + b, 0n);
        expect(engine.participants().reduce((sum, p) => sum + p.balanceMinor, 0n)).toBe(liquidity);
        expect(liquidity - total).toBe([...replayed.values()].reduce((s, b) => s + b, 0n) - total);
        if (restored !== undefined) {
          const again = commands.slice(cut).map((c) => (restored as Engine).apply(c));
          expect(json(again)).toBe(json(eventsOf));
          expect(JSON.stringify(restored.exportState())).toBe(JSON.stringify(engine.exportState()));
        }
      }),
      { numRuns: 12, seed: 20261207 },
    );
  });

  it('applyCounting counts the events apply returns and leaves the same state (no event objects on its hot paths)', () => {
    fc.assert(
      fc.property(day, ({ participants, steps }) => {
        const commands = commandsOf(participants.length, steps);
        const withEvents = newEngine(participants);
        const counting = newEngine(participants);
        for (const command of commands) expect(counting.applyCounting(command)).toBe(withEvents.apply(command).length);
        expect(JSON.stringify(counting.exportState())).toBe(JSON.stringify(withEvents.exportState()));
      }),
      { numRuns: 8, seed: 20261208 },
    );
  });

  it('a payment blocked by a floor or a limit settles once the floor or limit is lifted and liquidity allows', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ to: fc.constantFrom('B', 'C'), amount: fc.integer({ min: 1, max: 5_000 }) }), { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 0, max: 20_000 }),
        fc.integer({ min: 0, max: 5_000 }),
        fc.integer({ min: 0, max: 5_000 }),
        fc.integer({ min: 0, max: 5_000 }),
        (payments, balance, reserve, bilateral, multilateral) => {
          const engine = createEngine(
            { currency: 'CNY', businessDate: '2026-01-05', participants: ['A', 'B', 'C'].map((id) => ({ id, balanceMinor: BigInt(id === 'A' ? balance : 0), netDebitCapMinor: 0n })) },
            { paranoid: true },
          );
          engine.apply({ type: 'reserve', participantId: 'A', urgentMinor: 0n, highMinor: BigInt(reserve) });
          engine.apply({ type: 'limits', participantId: 'A', bilateral: { B: BigInt(bilateral) }, multilateralMinor: BigInt(multilateral) });
          payments.forEach((p, i) => engine.apply({ type: 'pay', id: `a${i}`, kind: 'hvps', from: 'A', to: p.to, amountMinor: BigInt(p.amount), priority: 2 }));
          const owed = payments.reduce((sum, p) => sum + BigInt(p.amount), 0n);
          // Lift the floor and the limits, bring the liquidity: everything goes.
          engine.apply({ type: 'reserve', participantId: 'A', urgentMinor: 0n, highMinor: 0n });
          engine.apply({ type: 'limits', participantId: 'A', bilateral: {} });
          engine.apply({ type: 'adjust', participantId: 'A', amountMinor: owed });
          for (let i = 0; i < payments.length; i += 1) expect(engine.payment(`a${i}`)?.status).toBe('settled');
          expect(engine.participant('A')?.balanceMinor).toBe(BigInt(balance));
        },
      ),
      { numRuns: 200, seed: 4101 },
    );
  });

  it('offsetting never leaves a sender under the floor of its least urgent payment in the set, nor past a limit', () => {
    const setup = fc.record({
      parts: fc.array(
        fc.record({
          balance: fc.integer({ min: 0, max: 3_000 }),
          line: fc.integer({ min: 0, max: 2_000 }),
          urgent: fc.integer({ min: 0, max: 2_000 }),
          high: fc.integer({ min: 0, max: 2_000 }),
          bilateral: fc.option(fc.integer({ min: 0, max: 3_000 }), { nil: undefined }),
          multilateral: fc.option(fc.integer({ min: 0, max: 4_000 }), { nil: undefined }),
        }),
        { minLength: 3, maxLength: 5 },
      ),
      pays: fc.array(fc.record({ a: fc.nat(4), b: fc.nat(3), amount: fc.integer({ min: 1, max: 4_000 }), priority: fc.constantFrom<0 | 1 | 2>(0, 1, 2) }), { minLength: 5, maxLength: 60 }),
    });
    fc.assert(
      fc.property(setup, ({ parts, pays }) => {
        const n = parts.length;
        const engine = createEngine(
          { currency: 'CNY', businessDate: '2026-01-05', participants: parts.map((p, i) => ({ id: IDS[i] as string, balanceMinor: BigInt(p.balance), netDebitCapMinor: 0n, creditLineMinor: BigInt(p.line) })) },
          { paranoid: true },
        );
        parts.forEach((p, i) => {
          const id = IDS[i] as string;
          engine.apply({ type: 'reserve', participantId: id, urgentMinor: BigInt(p.urgent), highMinor: BigInt(p.high) });
          const bilateral = p.bilateral === undefined ? {} : { [IDS[(i + 1) % n] as string]: BigInt(p.bilateral) };
          engine.apply({ type: 'limits', participantId: id, bilateral, ...(p.multilateral === undefined ? {} : { multilateralMinor: BigInt(p.multilateral) }) });
        });
        const check = (before: Map<string, Record<string, bigint>>, events: EngineEvent[]): void => {
          const settled = events.filter((e) => e.type === 'settled' && (e.via === 'multilateral' || e.via === 'bilateral'));
          if (settled.length === 0) return;
          // State right after the set: balances from the first settlement batch, positions = before + flows.
          const positions = new Map([...before].map(([id, pos]) => [id, { ...pos }]));
          const leastUrgent = new Map<string, number>();
          const sendsNormalTo = new Map<string, Set<string>>();
          const balanceAfter = new Map<string, bigint>();
          for (const e of settled) {
            if (e.type !== 'settled') continue;
            const from = positions.get(e.from) as Record<string, bigint>;
            const to = positions.get(e.to) as Record<string, bigint>;
            from[e.to] = (from[e.to] ?? 0n) - e.amountMinor;
            to[e.from] = (to[e.from] ?? 0n) + e.amountMinor;
            const priority = engine.payment(e.paymentId)?.priority ?? 2;
            leastUrgent.set(e.from, Math.max(leastUrgent.get(e.from) ?? 0, priority));
            if (priority === 2) sendsNormalTo.set(e.from, (sendsNormalTo.get(e.from) ?? new Set()).add(e.to));
            balanceAfter.set(e.from, e.fromBalanceMinor);
          }
          for (const [id, priority] of leastUrgent) {
            const i = IDS.indexOf(id);
            const p = parts[i] as (typeof parts)[number];
            const floor = priority === 0 ? 0n : priority === 1 ? BigInt(p.urgent) : BigInt(p.urgent + p.high);
            const available = (balanceAfter.get(id) as bigint) + BigInt(p.line);
            expect(available >= floor).toBe(true);
            const limitedTo = p.bilateral === undefined ? undefined : (IDS[(i + 1) % n] as string);
            const pos = positions.get(id) as Record<string, bigint>;
            for (const to of sendsNormalTo.get(id) ?? []) {
              if (to === limitedTo) expect((pos[to] ?? 0n) >= -BigInt(p.bilateral as number)).toBe(true);
              else if (p.multilateral !== undefined) {
                const unlimited = Object.entries(pos).reduce((sum, [cp, v]) => (cp === limitedTo ? sum : sum + v), 0n);
                expect(unlimited >= -BigInt(p.multilateral)).toBe(true);
              }
            }
          }
        };
        const positionsNow = () => new Map(IDS.slice(0, n).map((id) => [id, { ...(engine.liquidity(id)?.positions ?? {}) }]));
        pays.forEach((p, k) => {
          const from = IDS[p.a % n] as string;
          const to = IDS[(p.a + 1 + (p.b % (n - 1))) % n] as string;
          const before = positionsNow();
          const events = engine.apply({ type: 'pay', id: `p${k}`, kind: 'hvps', from, to, amountMinor: BigInt(p.amount), priority: p.priority });
          // Only the bilateral set of this payment: gross settlements by retries come after it.
          const firstBatch = events.filter((e) => e.type === 'settled' && e.via === 'bilateral');
          check(before, firstBatch);
        });
        const before = positionsNow();
        const events = engine.apply({ type: 'offset' });
        const end = events.findIndex((e) => e.type === 'offsetCompleted');
        check(before, events.slice(0, end));
      }),
      { numRuns: 300, seed: 4102 },
    );
  });
});
