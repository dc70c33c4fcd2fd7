import type { TimeCommand } from './commands';
import { releaseReturnReservation } from './return-reservation';
import { submitNet } from './netting';
import { markImproved } from './positions';
import { submitGross } from './rtgs';
import { dequeueRtgs } from './rtgs-queue';
import { CHANNEL_RTGS, type EngineState, InvariantError, emit } from './state';
import { EXPIRED, QUEUED, SCHEDULED } from './payment-table';

/**
 * The business clock and the payments that wait for it (DESIGN 4.1): timed payments
 * (earliest / latest, hvps only) and warehoused ones (valueDay business days ahead). The
 * engine has no clock of its own: time comes in with `time` commands (the scenario file; the
 * house sends its real clock, UTC+8, at least every second).
 */
export const MINUTES_PER_DAY = 24 * 60;
/** Warehoused payments: up to this many business days ahead (CNAPS HVPS accepts 5). */
export const MAX_VALUE_DAYS = 5;

/** "HH:MM" (00:00..23:59) to the minute of the day, or undefined. */
export function minuteOf(text: string): number | undefined {
  const match = /^([01][0-9]|2[0-3]):([0-5][0-9])$/.exec(text);
  return match === null ? undefined : Number(match[1]) * 60 + Number(match[2]);
}

export function hhmm(minuteOfDay: number): string {
  return `${String(Math.floor(minuteOfDay / 60)).padStart(2, '0')}:${String(minuteOfDay % 60).padStart(2, '0')}`;
}

export function isMinuteOfDay(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value < MINUTES_PER_DAY;
}

/** When a scheduled row becomes due: its day, then its earliest minute (none: the start of the day). */
function dueKey(state: EngineState, row: number): number {
  const timing = state.payments.timing.get(row);
  if (timing === undefined) throw new InvariantError(`scheduled payment ${state.payments.id[row]} has no timing`);
  return timing.enterDayIndex * MINUTES_PER_DAY + (timing.earliestMinute ?? 0);
}

/** Files a scheduled row in due order (same due time: arrival order). */
export function schedule(state: EngineState, row: number): void {
  const list = state.scheduled;
  const key = dueKey(state, row);
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const other = list[mid] as number;
    const otherKey = dueKey(state, other);
    if (otherKey < key || (otherKey === key && other < row)) lo = mid + 1;
    else hi = mid;
  }
  list.splice(lo, 0, row);
}

/** True when a scheduled row's day and earliest time have come by the business clock. */
export function isDue(state: EngineState, row: number): boolean {
  return dueKey(state, row) <= state.todayIndex * MINUTES_PER_DAY + state.clockMinute;
}

/** Takes a waiting row out of wherever it waits: the schedule, its RTGS queue or its DNS waits. */
export function takeOut(state: EngineState, row: number): void {
  const t = state.payments;
  if (t.status[row] === SCHEDULED) unschedule(state, row);
  else if (t.channel[row] === CHANNEL_RTGS) dequeueRtgs(state, row);
  else if (!state.fromOf(row).dns.remove(row)) throw new InvariantError(`queued payment ${t.id[row]} is in no queue`);
}

export function unschedule(state: EngineState, row: number): void {
  const at = state.scheduled.indexOf(row);
  if (at < 0) throw new InvariantError(`scheduled payment ${state.payments.id[row]} not in the schedule`);
  state.scheduled.splice(at, 1);
}

/** A scheduled (or released, stop-payment.ts) payment enters as if submitted now: a new arrival order, then the usual path. */
export function enter(state: EngineState, row: number): void {
  const t = state.payments;
  t.status[row] = QUEUED;
  t.order[row] = t.nextOrder;
  t.nextOrder += 1;
  if (row < state.todayFirstRow) state.carriedRows.push(row);
  const amountMinor = t.amount[row] as bigint;
  if (t.channel[row] === CHANNEL_RTGS) submitGross(state, row, amountMinor);
  else submitNet(state, row, amountMinor);
}

/** Lets in every scheduled payment due by today's clock, in due order. */
export function enterDue(state: EngineState): void {
  const limit = state.todayIndex * MINUTES_PER_DAY + state.clockMinute;
  let taken = 0;
  const list = state.scheduled;
  while (taken < list.length && dueKey(state, list[taken] as number) <= limit) taken += 1;
  if (taken === 0) return;
  const due = list.splice(0, taken);
  for (const row of due) enter(state, row);
}

/** Expires what waits past its latest time today (clock > latest), in arrival order. */
function expireLate(state: EngineState): void {
  const t = state.payments;
  const still: number[] = [];
  const late: number[] = [];
  for (const row of state.timedRows) {
    const status = t.status[row];
    if (status !== QUEUED && status !== SCHEDULED) continue;
    const timing = t.timing.get(row);
    if (timing === undefined || timing.latestMinute === undefined) throw new InvariantError(`timed payment ${t.id[row]} lost its latest time`);
    if (timing.enterDayIndex === state.todayIndex && state.clockMinute > timing.latestMinute) late.push(row);
    else still.push(row);
  }
  state.timedRows = still;
  late.sort((a, b) => a - b);
  for (const row of late) {
    const from = state.fromOf(row);
    // A stopped payment is in no queue: it expires all the same when its latest time passes.
    const stopped = t.stoppedBy.delete(row);
    if (!stopped) takeOut(state, row);
    t.status[row] = EXPIRED;
    t.setReason(row, 'LATEST_TIME');
    releaseReturnReservation(state, row);
    emit(state, { type: 'expired', paymentId: t.id[row] as string, reason: 'LATEST_TIME' });
    // What waited behind it may go now.
    markImproved(state, from);
  }
}

/**
 * A tick of the business clock: first what is past its latest expires, then due scheduled
 * payments enter, then (the caller) every queue is retried. Backwards is refused; the same
 * minute again is a tick that moves nothing but still expires, admits and retries.
 */
export function tick(state: EngineState, cmd: TimeCommand): boolean {
  if (!isMinuteOfDay(cmd.minuteOfDay)) {
    emit(state, { type: 'refused', command: 'time', reason: 'INVALID_PAYLOAD' });
    return false;
  }
  if (cmd.minuteOfDay < state.clockMinute) {
    emit(state, { type: 'refused', command: 'time', reason: 'CLOCK_BACKWARDS' });
    return false;
  }
  if (cmd.minuteOfDay !== state.clockMinute) {
    state.clockMinute = cmd.minuteOfDay;
    emit(state, { type: 'clock', minuteOfDay: state.clockMinute });
  }
  expireLate(state);
  enterDue(state);
  return true;
}

/** 日终: what is scheduled for today and has not entered expires with the day. */
export function scheduledForToday(state: EngineState): number[] {
  const today = state.todayIndex;
  return state.scheduled.filter((row) => state.payments.timing.get(row)?.enterDayIndex === today);
}
