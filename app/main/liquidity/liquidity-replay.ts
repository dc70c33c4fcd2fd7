import { createEngine, type Engine, type EngineCommand } from '../../shared/clearing/index';
import type { EngineEvent } from '../../shared/clearing/events';
import type { PaymentKind, PaymentPriority } from '../../shared/domain/payment';
import { formatAmount } from '../../shared/money/format';

/**
 * Shadow verification of the liquidity screen (DESIGN 4.1; docs/liquidity-console.md): the
 * figures the house publishes for this bank are replayed through the shared clearing engine
 * from what this console knows of its own day, with the liquidity commands (credit, reserve,
 * limits, warning, time, timed and warehoused payments, reorder) as the house ran them.
 *
 * The console sees only its own payments, so the other banks are given unlimited funds and no
 * controls, and this bank's opening balance is the house's balance less its gross flows of
 * the day: the balance is the anchor; everything derived from it is checked.
 */

/** Far beyond any real amount: the replay checks this bank's figures, not the others' liquidity. */
const UNLIMITED_MINOR = 10n ** 15n;

export interface ReplayFlow {
  id: string;
  kind: PaymentKind;
  from: string;
  to: string;
  amountMinor: bigint;
}

/** A command this bank sent that still stands at the house: an open payment or a reorder of one. */
export type ReplayOwnCommand =
  | {
      type: 'pay';
      id: string;
      to: string;
      amountMinor: bigint;
      priority: PaymentPriority;
      /** What the house holds it as now. */
      houseStatus: 'queued' | 'scheduled';
      earliestMinute?: number;
      latestMinute?: number;
      valueDay?: number;
    }
  | { type: 'reorder'; id: string; to: 'top' | 'bottom' };

export interface ReplayControls {
  creditLineMinor: bigint;
  urgentMinor: bigint;
  highMinor: bigint;
  bilateral: Record<string, bigint>;
  multilateralMinor?: bigint;
  warningThresholdMinor?: bigint;
}

export interface LiquidityReplayInput {
  selfId: string;
  businessDate: string;
  /** What the house published (accounts/me) and what the feed said of the warning. */
  house: {
    balanceMinor: bigint;
    availableMinor: bigint;
    netDebitMinor: bigint;
    /** Minute of the business day, when the house sent its clock. */
    clockMinute?: number;
    positions: Record<string, bigint>;
    warningBelow: boolean;
  };
  controls: ReplayControls;
  /** This bank's RTGS payments of the day the house settled (out and in). */
  settled: readonly ReplayFlow[];
  /** This bank's DNS payments in the open cycle (`netted`); a bill is payer -> payee. */
  netted: readonly ReplayFlow[];
  /** In the order the house received them (this device's outbox order). */
  own: readonly ReplayOwnCommand[];
}

export interface ReplayDifference {
  /** What differs: available, netDebit, position:<id>, creditLine, warning, payment:<id>, ... */
  item: string;
  house: string;
  replay: string;
}

export interface LiquidityReplay {
  agrees: boolean;
  differences: ReplayDifference[];
  /** How many own payments, flows and control commands went through the engine. */
  commands: number;
}

const amount = (minor: bigint): string => formatAmount(minor, 'CNY');

export function replayLiquidity(input: LiquidityReplayInput): LiquidityReplay {
  const { selfId, house, controls } = input;
  const differences: ReplayDifference[] = [];
  const differ = (item: string, houseValue: string, replayValue: string): void => void differences.push({ item, house: houseValue, replay: replayValue });

  let grossNetMinor = 0n;
  for (const f of input.settled) grossNetMinor += f.to === selfId ? f.amountMinor : f.from === selfId ? -f.amountMinor : 0n;
  const others = new Set<string>();
  const note = (id: string): void => void (id !== selfId && others.add(id));
  for (const f of [...input.settled, ...input.netted]) [f.from, f.to].forEach(note);
  for (const c of input.own) if (c.type === 'pay') note(c.to);
  Object.keys(controls.bilateral).forEach(note);
  Object.keys(house.positions).forEach(note);

  // While the day's flows go through, this bank may draw any credit and owe any net debit: the
  // house already let them happen, in an order the console cannot see. The real line follows.
  // A negative opening balance (overnight credit) cannot be an engine's starting balance: the
  // bank starts at zero and pays it first to a stand-in no one else is called.
  let opening = '_opening';
  while (others.has(opening) || opening === selfId) opening = `_${opening}`;
  const openingMinor = house.balanceMinor - grossNetMinor;
  if (openingMinor < 0n) others.add(opening);
  const engine = createEngine({
    currency: 'CNY',
    businessDate: input.businessDate,
    participants: [
      { id: selfId, balanceMinor: openingMinor < 0n ? 0n : openingMinor, netDebitCapMinor: UNLIMITED_MINOR, creditLineMinor: UNLIMITED_MINOR },
      ...[...others].sort().map((id) => ({ id, balanceMinor: UNLIMITED_MINOR, netDebitCapMinor: UNLIMITED_MINOR })),
    ],
  });
  let commands = 0;
  const run = (command: EngineCommand): EngineEvent[] => {
    commands += 1;
    return engine.apply(command);
  };
  const refusal = (events: EngineEvent[]) => events.find((e) => e.type === 'refused' || e.type === 'rejected');
  if (openingMinor < 0n) run({ type: 'pay', id: opening, kind: 'hvps', from: selfId, to: opening, amountMinor: -openingMinor, priority: 0 });

  // Urgent-high so that neither a floor nor a limit nor the queue order stands in the way.
  for (const f of input.settled) {
    const bad = refusal(run({ type: 'pay', id: f.id, kind: 'hvps', from: f.from, to: f.to, amountMinor: f.amountMinor, priority: 0 }));
    if (bad !== undefined || engine.payment(f.id)?.status !== 'settled') differ(`payment:${f.id}`, 'settled', engine.payment(f.id)?.status ?? 'rejected');
  }
  for (const f of input.netted) {
    run({ type: 'pay', id: f.id, kind: f.kind, from: f.from, to: f.to, amountMinor: f.amountMinor, priority: 2 });
    if (engine.payment(f.id)?.status !== 'netted') differ(`payment:${f.id}`, 'netted', engine.payment(f.id)?.status ?? 'rejected');
  }

  // The controls as the house holds them. `credit` is refused while the house's balance and
  // net debit use more than the line: intraday credit beyond the collateral.
  const credit = refusal(run({ type: 'credit', participantId: selfId, lineMinor: controls.creditLineMinor }));
  if (credit !== undefined) {
    const self = engine.participant(selfId);
    differ('creditLine', amount(controls.creditLineMinor), `balance ${amount(self?.balanceMinor ?? 0n)} - net debit ${amount(self?.netDebitMinor ?? 0n)} needs more`);
  }
  run({ type: 'reserve', participantId: selfId, urgentMinor: controls.urgentMinor, highMinor: controls.highMinor });
  const limits = refusal(run({ type: 'limits', participantId: selfId, bilateral: controls.bilateral, ...(controls.multilateralMinor === undefined ? {} : { multilateralMinor: controls.multilateralMinor }) }));
  if (limits !== undefined) differ('limits', 'accepted', `refused ${limits.reason}`);
  run(controls.warningThresholdMinor === undefined ? { type: 'warning', participantId: selfId } : { type: 'warning', participantId: selfId, thresholdMinor: controls.warningThresholdMinor });
  if (house.clockMinute !== undefined) run({ type: 'time', minuteOfDay: house.clockMinute });

  for (const c of input.own) {
    if (c.type === 'reorder') {
      if (engine.payment(c.id) !== undefined) run({ type: 'reorder', paymentId: c.id, to: c.to });
      continue;
    }
    const pay: EngineCommand = { type: 'pay', id: c.id, kind: 'hvps', from: selfId, to: c.to, amountMinor: c.amountMinor, priority: c.priority };
    if (c.earliestMinute !== undefined) pay.earliestMinute = c.earliestMinute;
    if (c.latestMinute !== undefined) pay.latestMinute = c.latestMinute;
    if (c.valueDay !== undefined) pay.valueDay = c.valueDay;
    run(pay);
  }
  for (const c of input.own) {
    if (c.type !== 'pay') continue;
    const replayed = engine.payment(c.id);
    if (replayed?.status !== c.houseStatus) differ(`payment:${c.id}`, c.houseStatus, replayed === undefined ? 'unknown' : `${replayed.status}${replayed.reason ? ` ${replayed.reason}` : ''}`);
  }

  compareFigures(engine, input, opening, differ);
  return { agrees: differences.length === 0, differences, commands };
}

function compareFigures(engine: Engine, input: LiquidityReplayInput, opening: string, differ: (item: string, house: string, replay: string) => void): void {
  const { selfId, house } = input;
  const self = engine.participant(selfId);
  const liquidity = engine.liquidity(selfId);
  if (self === undefined || liquidity === undefined) throw new Error(`replay lost participant ${selfId}`);
  if (self.netDebitMinor !== house.netDebitMinor) differ('netDebit', amount(house.netDebitMinor), amount(self.netDebitMinor));
  if (self.availableMinor !== house.availableMinor) differ('available', amount(house.availableMinor), amount(self.availableMinor));
  const counterparties = new Set([...Object.keys(house.positions), ...Object.keys(liquidity.positions)]);
  counterparties.delete(opening);
  for (const id of [...counterparties].sort()) {
    const houseMinor = house.positions[id] ?? 0n;
    const replayMinor = liquidity.positions[id] ?? 0n;
    if (houseMinor !== replayMinor) differ(`position:${id}`, amount(houseMinor), amount(replayMinor));
  }
  if (liquidity.warned !== house.warningBelow) differ('warning', house.warningBelow ? 'below' : 'not below', liquidity.warned ? 'below' : 'not below');
}
