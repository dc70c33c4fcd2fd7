import type { CurrencyCode } from '../money/currency';
import { isBusinessDate } from '../domain/calendar';
import type { EngineCommand } from './commands';
import { closeCycle, retryAllWaiting } from './cycle';
import { endOfDay } from './end-of-day';
import type { EngineEvent } from './events';
import { checkInvariants } from './invariants';
import { enterDue, hhmm, tick } from './clock';
import { reserve, setCreditLine, setLimits, setWarning } from './controls';
import { addParticipant, adjust, setBalance, setNetDebitCap } from './liquidity';
import { multilateralOffset } from './multilateral-offset';
import { cancel, reorder, reprioritise, returnPresentedBill } from './operator-commands';
import { pay } from './payments';
import { releasePayment, stopPayment } from './stop-payment';
import { processWorklist } from './retry';
import { type EngineSnapshot, snapshotOf, stateFromSnapshot } from './snapshot';
import { type ClosedCycle, EngineState, InvariantError, NO_EVENTS } from './state';
import { type LiquidityView, type ParticipantView, type PaymentView, liquidityView, participantView, paymentView } from './views';

export interface EngineInit {
  currency: CurrencyCode;
  businessDate: string;
  participants: { id: string; balanceMinor: bigint; netDebitCapMinor: bigint; creditLineMinor?: bigint }[];
}

export interface EngineOptions {
  /** Full invariant scan after every command: for tests and audits, not for production load. */
  paranoid?: boolean;
}

export interface Engine {
  readonly currency: CurrencyCode;
  /** Applies one command. Deterministic; throws only on a broken invariant, after which the engine refuses all work. */
  apply(command: EngineCommand): EngineEvent[];
  /**
   * Same as `apply`, but hands each event to `onEvent` as it happens instead of collecting
   * them in a new array: no array per command on the hot path (the house and the bench).
   * Same events, same order. If the command throws (a broken invariant), events already
   * handed over belong to a command that did not complete: treat the engine as stopped.
   */
  applyWith(command: EngineCommand, onEvent: (event: EngineEvent) => void): void;
  /**
   * Same as `apply`, but returns only how many events the command produced: the paths that
   * settle, net and queue payments then build no event object at all. For callers that need
   * the state changes and a count, not the events (the throughput bench, replays that only
   * rebuild state). Same state, same count as `apply`.
   */
  applyCounting(command: EngineCommand): number;
  businessDate(): string;
  openCycleId(): number;
  participant(id: string): ParticipantView | undefined;
  /** In the order participants were added. */
  participants(): ParticipantView[];
  payment(id: string): PaymentView | undefined;
  /** Every payment the engine has seen (duplicates excepted), in arrival order. */
  payments(): PaymentView[];
  /** A participant's queues: RTGS in queue order (priority, then arrival), DNS waiting in arrival order. */
  queue(participantId: string): { rtgs: string[]; dns: string[] } | undefined;
  closedCycles(): readonly ClosedCycle[];
  /** The business clock, "HH:MM" (00:00 at the start of each day). */
  clock(): string;
  /** A participant's liquidity controls and today's bilateral positions (DESIGN 4.1). */
  liquidity(participantId: string): LiquidityView | undefined;
  /** Ids of scheduled (timed or warehoused) payments, in the order they become due. */
  scheduled(): string[];
  /** Full invariant scan; throws InvariantError. */
  checkInvariants(): void;
  /** JSON-safe; restoreEngine(snapshot) behaves identically. */
  exportState(): EngineSnapshot;
}

function dispatch(state: EngineState, command: EngineCommand): void {
  switch (command.type) {
    case 'pay':
      pay(state, command);
      processWorklist(state);
      return;
    case 'cancel':
      cancel(state, command);
      processWorklist(state);
      return;
    case 'reprioritise':
      reprioritise(state, command);
      processWorklist(state);
      return;
    case 'return':
      returnPresentedBill(state, command);
      processWorklist(state);
      return;
    case 'offset':
      multilateralOffset(state);
      processWorklist(state);
      checkInvariants(state);
      return;
    case 'closeCycle':
      closeCycle(state);
      retryAllWaiting(state);
      processWorklist(state);
      checkInvariants(state);
      return;
    case 'endOfDay': {
      // Nothing more is admitted or settled after the last cycle: the queues simply expire.
      const day = state.businessDate;
      endOfDay(state, command.nextBusinessDate);
      state.worklist.forEach((p) => (p.inWorklist = false));
      state.worklist.length = 0;
      // The new day's warehoused payments enter at its start.
      if (state.businessDate !== day) {
        enterDue(state);
        processWorklist(state);
      }
      checkInvariants(state);
      return;
    }
    case 'time':
      if (tick(state, command)) retryAllWaiting(state);
      processWorklist(state);
      return;
    case 'reorder':
      reorder(state, command);
      processWorklist(state);
      return;
    case 'credit':
      setCreditLine(state, command);
      processWorklist(state);
      return;
    case 'reserve':
      reserve(state, command);
      processWorklist(state);
      return;
    case 'limits':
      setLimits(state, command);
      processWorklist(state);
      return;
    case 'warning':
      setWarning(state, command);
      return;
    case 'stop':
      stopPayment(state, command);
      processWorklist(state);
      return;
    case 'release':
      releasePayment(state, command);
      processWorklist(state);
      return;
    case 'setBalance':
      setBalance(state, command);
      processWorklist(state);
      return;
    case 'adjust':
      adjust(state, command);
      processWorklist(state);
      return;
    case 'setNetDebitCap':
      setNetDebitCap(state, command);
      processWorklist(state);
      return;
    case 'addParticipant':
      addParticipant(state, command);
      return;
    default: {
      const unknown: never = command;
      throw new TypeError(`unknown engine command ${JSON.stringify((unknown as { type?: unknown }).type)}`);
    }
  }
}

function engineOver(state: EngineState): Engine {
  let broken: Error | undefined;
  /** One way in for apply, applyWith and applyCounting: they differ only in where events go. */
  const run = (command: EngineCommand): void => {
    if (broken !== undefined) throw new InvariantError(`engine stopped after an earlier failure: ${broken.message}`);
    try {
      dispatch(state, command);
      if (state.paranoid) checkInvariants(state);
    } catch (error) {
      broken = error instanceof Error ? error : new Error(String(error));
      throw error;
    }
  };
  return {
    currency: state.currency,
    apply(command) {
      state.out = NO_EVENTS;
      run(command);
      const out = state.out;
      state.out = NO_EVENTS;
      return out === NO_EVENTS ? [] : out;
    },
    applyWith(command, onEvent) {
      state.sink = onEvent;
      try {
        run(command);
      } finally {
        state.sink = undefined;
      }
    },
    applyCounting(command) {
      state.counting = true;
      state.counted = 0;
      try {
        run(command);
      } finally {
        state.counting = false;
      }
      return state.counted;
    },
    businessDate: () => state.businessDate,
    openCycleId: () => state.openCycleId,
    participant(id) {
      const p = state.participantById.get(id);
      return p === undefined ? undefined : participantView(p);
    },
    participants: () => state.participants.map(participantView),
    payment(id) {
      const row = state.rowOf(id);
      return row < 0 ? undefined : paymentView(state, row);
    },
    payments: () => Array.from({ length: state.payments.count }, (_, row) => paymentView(state, row)),
    queue(participantId) {
      const p = state.participantById.get(participantId);
      if (p === undefined) return undefined;
      const idOf = (row: number) => state.payments.id[row] as string;
      return { rtgs: p.rtgs.flatMap((q) => q.toArray().map(idOf)), dns: p.dns.toArray().map(idOf) };
    },
    closedCycles: () => state.closedCycles,
    clock: () => hhmm(state.clockMinute),
    liquidity(participantId) {
      const p = state.participantById.get(participantId);
      return p === undefined ? undefined : liquidityView(state, p);
    },
    scheduled: () => state.scheduled.map((row) => state.payments.id[row] as string),
    checkInvariants: () => checkInvariants(state),
    exportState: () => snapshotOf(state),
  };
}

/** A new engine for a business day. Throws on bad init (a programming error: validate first). */
export function createEngine(init: EngineInit, options: EngineOptions = {}): Engine {
  if (!isBusinessDate(init.businessDate)) throw new RangeError(`business date ${init.businessDate} is not YYYY-MM-DD`);
  const state = new EngineState(init.currency, init.businessDate);
  state.paranoid = options.paranoid ?? false;
  for (const p of init.participants) {
    state.out = NO_EVENTS;
    addParticipant(state, { type: 'addParticipant', ...p });
    const refused = state.out.find((e) => e.type === 'refused');
    if (refused !== undefined && refused.type === 'refused') throw new RangeError(`participant ${p.id} refused: ${refused.reason}`);
  }
  state.out = NO_EVENTS;
  return engineOver(state);
}

/** The engine from a snapshot (validated with zod; throws if it does not hold together). */
export function restoreEngine(snapshot: EngineSnapshot | unknown, options: EngineOptions = {}): Engine {
  const state = stateFromSnapshot(snapshot);
  state.paranoid = options.paranoid ?? false;
  return engineOver(state);
}
