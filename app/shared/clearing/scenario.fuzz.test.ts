import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatAmount } from '../money/format';
import { createEngine, type Engine } from './engine';
import type { ParticipantNet } from './events';
import type { EngineStatus } from './payment-table';
import { MAX_SCENARIO_PARTICIPANTS, MAX_SCENARIO_STEPS, parseScenario, runScenario, ScenarioError, type ScenarioResult } from './scenario';

/**
 * Hostile input for the scenario reader behind `hankou clear`: any JSON value, and a valid
 * scenario with values replaced, keys dropped or added, is either run to a result or refused
 * with a ScenarioError listing each problem with its path. Never a TypeError or RangeError,
 * never a partial run (a refused file runs no step). Every scenario that runs, hostile or
 * generated, is replayed with the engine's invariants checked after each step.
 */
const VALID = {
  currency: 'CNY',
  businessDate: '2026-01-05',
  participants: [
    { id: 'A', balance: '60.00', netDebitCap: '0.00' },
    { id: 'B', balance: '0.00', netDebitCap: '100.00', name: 'Bank B' },
    { id: 'C', balance: '10.00', netDebitCap: '50.00' },
  ],
  steps: [
    { pay: { id: 'p1', kind: 'hvps', from: 'A', to: 'B', amount: '100.00', priority: 2 } },
    { pay: { id: 'p2', kind: 'beps', from: 'B', to: 'C', amount: '80.00' } },
    { pay: { id: 'b1', kind: 'bill', from: 'C', to: 'A', amount: '5.00' } },
    { return: 'b1' },
    { cancel: { id: 'p1', by: 'A' } },
    { reprioritise: { id: 'p2', priority: 1 } },
    { adjust: { participant: 'B', amount: '-1.00' } },
    { setBalance: { participant: 'C', amount: '20.00' } },
    { setNetDebitCap: { participant: 'A', amount: '10.00' } },
    { addParticipant: { id: 'D', balance: '1.00', netDebitCap: '1.00' } },
    { offset: true },
    { closeCycle: true },
    { endOfDay: { nextBusinessDate: '2026-01-06' } },
  ],
};

const JUNK: unknown[] = [
  null, true, false, 0, -0, 1, -1, 1.5, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, '', ' ', '1e3', 'NaN', 'Infinity', '-0.00', '-1.00',
  '１', '1.001', '99999999999999999999.99', 'x'.repeat(10_000), '__proto__', 'constructor', 'toString', '2026-02-30', '😀', '\u0000',
  [], [1], {}, { __proto__: null }, JSON.parse('{"__proto__":{"polluted":true}}'), { constructor: { prototype: {} } }, { toString: 1 },
];
const junk = fc.oneof(fc.constantFrom(...JUNK), fc.jsonValue({ maxDepth: 2 }));

type Path = (string | number)[];
function pathsOf(value: unknown, prefix: Path = []): Path[] {
  const out: Path[] = [prefix];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...pathsOf(v, [...prefix, i])));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) out.push(...pathsOf(v, [...prefix, k]));
  return out;
}

type Edit = { kind: 'set' | 'addKey'; which: number; value: unknown; key?: string } | { kind: 'delete' | 'duplicate'; which: number };

function edit(root: unknown, e: Edit): unknown {
  const copy = structuredClone(root) as Record<string, unknown>;
  const paths = pathsOf(copy);
  const path = paths[e.which % paths.length] ?? [];
  if (path.length === 0) return e.kind === 'set' ? e.value : copy;
  const parent = path.slice(0, -1).reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], copy) as Record<string | number, unknown> | unknown[];
  const key = path[path.length - 1] as string | number;
  switch (e.kind) {
    case 'set':
      (parent as Record<string | number, unknown>)[key] = e.value;
      break;
    case 'delete':
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else delete (parent as Record<string, unknown>)[key];
      break;
    case 'duplicate':
      if (Array.isArray(parent)) parent.splice(Number(key), 0, structuredClone(parent[Number(key)]));
      break;
    case 'addKey': {
      const target = (parent as Record<string | number, unknown>)[key];
      if (target !== null && typeof target === 'object' && !Array.isArray(target)) (target as Record<string, unknown>)[e.key ?? 'extra'] = e.value;
      break;
    }
  }
  return copy;
}

const editArb: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), which: fc.nat(), value: junk }),
  fc.record({ kind: fc.constant('addKey' as const), which: fc.nat(), value: junk, key: fc.constantFrom('extra', '__proto__', 'constructor', 'pay', 'amount', 'id') }),
  fc.record({ kind: fc.constant('delete' as const), which: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate' as const), which: fc.nat() }),
);

/** Through JSON, as `hankou clear` reads it: what a file can hold, nothing more. */
function viaJson(value: unknown): unknown {
  const text = JSON.stringify(value);
  return text === undefined ? undefined : JSON.parse(text);
}

const ENGINE_STATUSES: readonly EngineStatus[] = ['queued', 'settled', 'netted', 'rejected', 'cancelled', 'returned', 'expired'];

const sumBalancesMinor = (engine: Engine): bigint => engine.participants().reduce((sum, p) => sum + p.balanceMinor, 0n);
const sumNetsMinor = (net: readonly ParticipantNet[]): bigint => net.reduce((sum, n) => sum + n.netMinor, 0n);

/**
 * Replays a scenario that ran on an engine in paranoid mode (its own full invariant scan after
 * every command) and checks from the outside, after every step, what DESIGN section 4 says must
 * always hold:
 * - conservation: payments and netting only move money between banks, so the sum of balances
 *   changes only by central-bank liquidity (setBalance, adjust) and a new bank's opening balance;
 * - no bank's balance is below its net debit (the open cycle's earmark);
 * - the open cycle's positions, each offsetting's and each closed cycle's nets sum to zero;
 * - every payment is in one of the engine's statuses, a rejected one with its reason, and
 *   after the end of a day none is still queued;
 * and that the replay ends where runScenario did, and a second run gives the same JSON.
 */
function assertInvariants(input: unknown, result: ScenarioResult): void {
  const scenario = parseScenario(input);
  const engine = createEngine({ currency: scenario.currency, businessDate: scenario.businessDate, participants: scenario.participants }, { paranoid: true });
  let expectedTotalMinor = sumBalancesMinor(engine);
  scenario.steps.forEach((command, step) => {
    const events = engine.apply(command);
    for (const event of events) {
      if (event.type === 'liquidity') expectedTotalMinor += event.deltaMinor;
      if (event.type === 'participantAdded') expectedTotalMinor += event.balanceMinor;
      if (event.type === 'offsetCompleted' || event.type === 'cycleClosed') expect(sumNetsMinor(event.net), `step ${step} ${event.type} nets`).toBe(0n);
    }
    expect(sumBalancesMinor(engine), `step ${step} (${command.type}): money not conserved`).toBe(expectedTotalMinor);
    let openCycleMinor = 0n;
    for (const p of engine.participants()) {
      if (p.balanceMinor < p.netDebitMinor) throw new Error(`step ${step} (${command.type}): ${p.id} balance ${p.balanceMinor} below its net debit ${p.netDebitMinor}`);
      openCycleMinor += p.cycleNetMinor;
    }
    expect(openCycleMinor, `step ${step} (${command.type}): open cycle positions`).toBe(0n);
    if (command.type === 'endOfDay' && events.some((e) => e.type === 'dayClosed')) {
      expect(engine.payments().filter((p) => p.status === 'queued').map((p) => p.id), `step ${step}: queued after the end of the day`).toEqual([]);
    }
  });
  for (const payment of engine.payments()) {
    expect(ENGINE_STATUSES).toContain(payment.status);
    if (payment.status === 'rejected') expect(payment.reason, `${payment.id} rejected without a reason`).toBeDefined();
  }
  for (const cycle of engine.closedCycles()) expect(sumNetsMinor(cycle.net), `cycle ${cycle.id} nets`).toBe(0n);
  expect(Object.fromEntries(engine.participants().map((p) => [p.id, formatAmount(p.balanceMinor, scenario.currency)]))).toEqual(result.balances);
  expect(JSON.stringify(runScenario(structuredClone(input)))).toBe(JSON.stringify(result));
}

function runOrRefuse(input: unknown): void {
  let result: ScenarioResult;
  try {
    result = runScenario(input);
    expect(Object.keys(result).sort()).toEqual(['balances', 'cycles', 'payments', 'refused']);
    for (const amount of Object.values(result.balances)) expect(amount).toMatch(/^-?\d+\.\d{2}$/);
  } catch (error) {
    if (!(error instanceof ScenarioError)) {
      throw new Error(`runScenario threw ${(error as Error)?.name}: ${(error as Error)?.message}\ninput: ${JSON.stringify(input)?.slice(0, 600)}`);
    }
    expect(error.issues.length).toBeGreaterThan(0);
    for (const issue of error.issues) {
      expect(issue.path.length).toBeGreaterThan(0);
      expect(issue.message.length).toBeGreaterThan(3);
    }
    // parseScenario refuses the same input the same way: nothing was run.
    expect(() => parseScenario(input)).toThrow(ScenarioError);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    return;
  }
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  assertInvariants(input, result);
}

/** A well-formed scenario of a few banks and up to 60 steps, most of which mean something. */
const BANKS = ['A', 'B', 'C', 'D', 'E'];
const decimal = (minor: number): string => `${Math.floor(minor / 100)}.${String(minor % 100).padStart(2, '0')}`;
const bank = fc.constantFrom(...BANKS, 'Z');
const paymentRef = fc.nat(30).map((n) => `p${n}`);
const minor = (max: number) => fc.integer({ min: 0, max }).map(decimal);
const stepArb = fc.oneof(
  { weight: 8, arbitrary: fc.record({ pay: fc.record({ id: paymentRef, kind: fc.constantFrom('hvps', 'beps', 'bill'), from: bank, to: bank, amount: minor(60_000), priority: fc.constantFrom(0, 1, 2) }) }) },
  { weight: 1, arbitrary: fc.record({ cancel: fc.record({ id: paymentRef, by: bank }) }) },
  { weight: 1, arbitrary: fc.record({ return: paymentRef }) },
  // 止付 / 解除止付 by a bank or the centre (no `by`): the invariants hold whatever the order.
  { weight: 1, arbitrary: fc.record({ stop: fc.oneof(paymentRef, fc.record({ id: paymentRef, by: bank })) }) },
  { weight: 1, arbitrary: fc.record({ release: fc.oneof(paymentRef, fc.record({ id: paymentRef, by: bank })) }) },
  { weight: 1, arbitrary: fc.record({ reprioritise: fc.record({ id: paymentRef, priority: fc.constantFrom(0, 1, 2) }) }) },
  { weight: 2, arbitrary: fc.constant({ offset: true }) },
  { weight: 2, arbitrary: fc.constant({ closeCycle: true }) },
  { weight: 1, arbitrary: fc.constant({ endOfDay: true }) },
  { weight: 1, arbitrary: fc.record({ adjust: fc.record({ participant: bank, amount: fc.integer({ min: -30_000, max: 30_000 }).map((n) => (n < 0 ? `-${decimal(-n)}` : decimal(n))) }) }) },
  { weight: 1, arbitrary: fc.record({ setBalance: fc.record({ participant: bank, amount: minor(50_000) }) }) },
  { weight: 1, arbitrary: fc.record({ setNetDebitCap: fc.record({ participant: bank, amount: minor(50_000) }) }) },
  { weight: 1, arbitrary: fc.record({ addParticipant: fc.record({ id: fc.constantFrom('D', 'E', 'F'), balance: minor(20_000), netDebitCap: minor(20_000) }) }) },
);
const scenarioArb = fc.record({
  currency: fc.constant('CNY'),
  businessDate: fc.constant('2026-01-05'),
  participants: fc.integer({ min: 2, max: 4 }).chain((n) =>
    fc.tuple(...BANKS.slice(0, n).map((id) => fc.record({ id: fc.constant(id), balance: minor(40_000), netDebitCap: minor(40_000) }))),
  ),
  steps: fc.array(stepArb, { minLength: 1, maxLength: 60 }),
});

describe('scenario reader under hostile input', () => {
  it('the valid seed runs and keeps every invariant', () => {
    runOrRefuse(VALID);
  });

  it('generated well-formed scenarios run and keep every invariant after every step', () => {
    fc.assert(fc.property(scenarioArb, (scenario) => runOrRefuse(scenario)), { numRuns: 300 });
  });

  it('any JSON value: a result or a ScenarioError with paths, never a crash', () => {
    fc.assert(fc.property(fc.jsonValue({ maxDepth: 4 }), (value) => runOrRefuse(value)), { numRuns: 1000 });
  });

  it('a valid scenario with values replaced, keys removed or added, entries duplicated', () => {
    fc.assert(
      fc.property(fc.array(editArb, { minLength: 1, maxLength: 4 }), (edits) => {
        runOrRefuse(viaJson(edits.reduce<unknown>((value, e) => edit(value, e), VALID)));
      }),
      { numRuns: 600 },
    );
  });

  it('the same without the JSON round trip: values no file can hold (undefined, NaN, bigint, functions) are refused too', () => {
    const odd = fc.constantFrom<unknown>(undefined, Number.NaN, Number.POSITIVE_INFINITY, 10n, () => 1, Symbol('s'), new Date(0), new Map(), /x/);
    fc.assert(
      fc.property(fc.nat(), odd, (which, value) => runOrRefuse(edit(VALID, { kind: 'set', which, value }))),
      { numRuns: 200 },
    );
  });

  it('a scenario with more steps or participants than the limit is refused before any is read', () => {
    const steps = Array.from({ length: MAX_SCENARIO_STEPS + 1 }, () => ({ offset: true }));
    expect(() => parseScenario({ ...VALID, steps })).toThrow(/steps/);
    const participants = Array.from({ length: MAX_SCENARIO_PARTICIPANTS + 1 }, (_, i) => ({ id: `P${i}`, balance: '0.00', netDebitCap: '0.00' }));
    expect(() => parseScenario({ ...VALID, participants })).toThrow(/participants/);
  });
});
