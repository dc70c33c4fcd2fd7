import type { ReasonCode } from '../domain/reason-codes';
import type { PaymentPriority } from '../domain/payment';
import { MAX_AMOUNT_MINOR } from '../money/limits';
import type { PayCommand } from './commands';
import { submitNet } from './netting';
import { MAX_VALUE_DAYS, isMinuteOfDay, schedule } from './clock';
import { submitGross } from './rtgs';
import { CHANNEL_DNS, CHANNEL_RTGS, type Channel, type EngineState, UNKNOWN_PARTY_INDEX, emit } from './state';
import { KIND_BEPS, KIND_HVPS, REJECTED, SCHEDULED, SETTLED } from './payment-table';

/** What a pacs.004 return may send back: a settled hvps or beps payment, in reverse, up to what is left. */
function returnBlock(state: EngineState, cmd: PayCommand): { reason?: ReasonCode; channel: Channel } {
  const t = state.payments;
  const original = cmd.originalId === undefined ? -1 : state.rowOf(cmd.originalId);
  if (original < 0) return { reason: 'NOT_RETURNABLE', channel: CHANNEL_RTGS };
  const kind = t.kind[original];
  const returnable =
    t.status[original] === SETTLED &&
    (kind === KIND_HVPS || kind === KIND_BEPS) &&
    state.fromOf(original).id === cmd.to &&
    state.toOf(original).id === cmd.from &&
    cmd.amountMinor <= (t.amount[original] as bigint) - t.returned(original);
  // A return travels the way its original did: gross for hvps, in a cycle for beps.
  const channel = t.channel[original] as Channel;
  return returnable ? { channel } : { reason: 'NOT_RETURNABLE', channel };
}

function isPriority(value: unknown): value is PaymentPriority {
  return value === 0 || value === 1 || value === 2;
}

/** First rule the payment breaks, in the order a clerk would want to hear about them. */
function rejection(state: EngineState, cmd: PayCommand, known: boolean, priority: number): ReasonCode | undefined {
  if (!known) return 'UNKNOWN_PARTICIPANT';
  if (cmd.from === cmd.to) return 'SAME_PARTICIPANT';
  const amountMinor = cmd.amountMinor;
  if (typeof amountMinor !== 'bigint' || amountMinor <= 0n || amountMinor > MAX_AMOUNT_MINOR) return 'INVALID_AMOUNT';
  if (cmd.currency !== undefined && cmd.currency !== state.currency) return 'WRONG_CURRENCY';
  if (priority !== 2 && !isPriority(priority)) return 'INVALID_PAYLOAD';
  if (cmd.originalId !== undefined && cmd.kind !== 'return') return 'INVALID_PAYLOAD';
  return timingRejection(state, cmd);
}

/** DESIGN 4.1: timed payments are hvps only, earliest before latest, latest not yet passed; valueDay 0..5. */
function timingRejection(state: EngineState, cmd: PayCommand): ReasonCode | undefined {
  const valueDay = cmd.valueDay ?? 0;
  if (!Number.isInteger(valueDay) || valueDay < 0 || valueDay > MAX_VALUE_DAYS) return 'VALUE_DATE';
  const { earliestMinute, latestMinute } = cmd;
  if (earliestMinute === undefined && latestMinute === undefined) return undefined;
  if (cmd.kind !== 'hvps') return 'TIME_WINDOW';
  if (earliestMinute !== undefined && !isMinuteOfDay(earliestMinute)) return 'TIME_WINDOW';
  if (latestMinute !== undefined && !isMinuteOfDay(latestMinute)) return 'TIME_WINDOW';
  if (earliestMinute !== undefined && latestMinute !== undefined && earliestMinute >= latestMinute) return 'TIME_WINDOW';
  if (latestMinute !== undefined && valueDay === 0 && state.clockMinute > latestMinute) return 'TIME_WINDOW';
  return undefined;
}

/**
 * A timed or warehoused payment: recorded with its window; `scheduled` while its day or its
 * earliest time has not come. Returns true when it waits (the caller submits it otherwise).
 */
function scheduleIfEarly(state: EngineState, row: number, cmd: PayCommand): boolean {
  const valueDay = cmd.valueDay ?? 0;
  const { earliestMinute, latestMinute } = cmd;
  if (valueDay === 0 && earliestMinute === undefined && latestMinute === undefined) return false;
  const t = state.payments;
  const timing = { enterDayIndex: state.todayIndex + valueDay, ...(earliestMinute === undefined ? {} : { earliestMinute }), ...(latestMinute === undefined ? {} : { latestMinute }) };
  t.timing.set(row, timing);
  if (latestMinute !== undefined) state.timedRows.push(row);
  if (valueDay === 0 && (earliestMinute === undefined || earliestMinute <= state.clockMinute)) return false;
  t.status[row] = SCHEDULED;
  schedule(state, row);
  const from = state.fromOf(row);
  const to = state.toOf(row);
  emit(state, {
    type: 'scheduled',
    paymentId: t.id[row] as string,
    kind: t.kindOf(row),
    from: from.id,
    to: to.id,
    amountMinor: t.amount[row] as bigint,
    priority: t.priority[row] as PaymentPriority,
    valueDay,
    ...(earliestMinute === undefined ? {} : { earliestMinute }),
    ...(latestMinute === undefined ? {} : { latestMinute }),
  });
  return true;
}

function channelOf(kind: string): Channel | undefined {
  if (kind === 'hvps') return CHANNEL_RTGS;
  if (kind === 'beps' || kind === 'bill') return CHANNEL_DNS;
  return undefined;
}

export function pay(state: EngineState, cmd: PayCommand): void {
  // A payment id is processed once: a second one is refused and the first stays as it was.
  const index = state.paymentIndex;
  if (index.find(cmd.id) >= 0) {
    emit(state, { type: 'rejected', paymentId: cmd.id, reason: 'DUPLICATE_ID' });
    return;
  }
  const from = state.participantById.get(cmd.from);
  const to = state.participantById.get(cmd.to);
  const priority = cmd.priority ?? 2;
  let reason = rejection(state, cmd, from !== undefined && to !== undefined, priority);
  let channel = channelOf(cmd.kind);
  if (reason === undefined && cmd.kind === 'return') {
    const check = returnBlock(state, cmd);
    reason = check.reason;
    channel = check.channel;
    // Looking up the original used the index since: find this id's slot again.
    index.find(cmd.id);
  }
  if (channel === undefined) {
    channel = CHANNEL_RTGS;
    reason ??= 'INVALID_PAYLOAD';
  }
  const t = state.payments;
  const amountMinor = typeof cmd.amountMinor === 'bigint' ? cmd.amountMinor : 0n;
  const row = t.add(
    cmd.id,
    cmd.kind,
    channel,
    from === undefined ? UNKNOWN_PARTY_INDEX : from.index,
    to === undefined ? UNKNOWN_PARTY_INDEX : to.index,
    amountMinor,
    isPriority(priority) ? priority : 2,
  );
  index.insertLast(row);
  if (cmd.originalId !== undefined) t.originalId.set(row, cmd.originalId);
  if (reason !== undefined) {
    if (from === undefined || to === undefined) t.unknownParties.set(row, { from: cmd.from, to: cmd.to });
    t.status[row] = REJECTED;
    t.setReason(row, reason);
    emit(state, { type: 'rejected', paymentId: cmd.id, reason });
    return;
  }
  if (cmd.kind === 'return') {
    const original = state.rowOf(cmd.originalId as string);
    t.returnedMinor.set(original, t.returned(original) + amountMinor);
  }
  if (scheduleIfEarly(state, row, cmd)) return;
  if (channel === CHANNEL_RTGS) submitGross(state, row, amountMinor);
  else submitNet(state, row, amountMinor);
}
