import { addDays, isBusinessDate, isWorkingDay } from '../domain/calendar';
import type { DayTotals } from './events';
import { scheduledForToday, unschedule } from './clock';
import { closeCycle } from './cycle';
import { releaseReturnReservation } from './return-reservation';
import { type EngineState, InvariantError, emit } from './state';
import { EXPIRED, QUEUED, SCHEDULED, SETTLED } from './payment-table';

/** The next Monday-to-Friday date; the house passes holidays in as `nextBusinessDate`. */
export function nextWorkingDate(date: string): string {
  let next = addDays(date, 1);
  while (!isWorkingDay(next)) next = addDays(next, 1);
  return next;
}

/**
 * 日终: close the open cycle without admitting anything more that day, expire everything still
 * queued (RTGS and DNS) or scheduled for today, in arrival order, total the day per participant
 * for its statement (a negative closing balance is overnight credit), and roll the date, the
 * clock and the bilateral positions. The next day starts with empty queues and a fresh cycle;
 * the caller then lets in that day's warehoused payments.
 */
export function endOfDay(state: EngineState, nextBusinessDate: string | undefined): void {
  const next = nextBusinessDate ?? nextWorkingDate(state.businessDate);
  // A date that is not after today is the caller's mistake: refused, and the day stays open.
  if (!isBusinessDate(next) || next <= state.businessDate) {
    emit(state, { type: 'refused', command: 'endOfDay', reason: 'INVALID_PAYLOAD' });
    return;
  }
  closeCycle(state);

  const expiredCount = new Int32Array(state.participants.length);
  const t = state.payments;
  const stillQueued: number[] = [];
  for (const p of state.participants) {
    for (const queue of p.rtgs) for (const row of queue.toArray()) stillQueued.push(row);
    for (const row of p.dns.toArray()) stillQueued.push(row);
    for (const queue of p.rtgs) queue.clear();
    p.dns.clear();
    p.rtgsByReceiver.clear();
    p.rtgsCount = 0;
  }
  // Timed payments whose earliest time never came today expire with the day (DESIGN 4.1).
  for (const row of scheduledForToday(state)) {
    unschedule(state, row);
    stillQueued.push(row);
  }
  // Stopped payments (止付) of today expire like the queue they were taken out of; one
  // warehoused for a later day stays stopped.
  for (const row of [...t.stoppedBy.keys()]) {
    if (t.status[row] === SCHEDULED && t.timing.get(row)?.enterDayIndex !== state.todayIndex) continue;
    t.stoppedBy.delete(row);
    stillQueued.push(row);
  }
  // Rows are in arrival order.
  stillQueued.sort((a, b) => a - b);
  for (const row of stillQueued) {
    if (t.status[row] !== QUEUED && t.status[row] !== SCHEDULED) throw new InvariantError(`payment ${t.id[row]} in a queue while ${t.statusOf(row)}`);
    t.status[row] = EXPIRED;
    t.setReason(row, 'END_OF_DAY');
    releaseReturnReservation(state, row);
    const sender = t.from[row] as number;
    expiredCount[sender] = (expiredCount[sender] ?? 0) + 1;
    emit(state, { type: 'expired', paymentId: t.id[row] as string, reason: 'END_OF_DAY' });
  }

  const totals = dayTotals(state, expiredCount);
  emit(state, { type: 'dayClosed', businessDate: state.businessDate, nextBusinessDate: next, totals });
  state.businessDate = next;
  state.days.push({ businessDate: next, firstRow: state.payments.count });
  for (const p of state.participants) {
    p.openingBalanceMinor = p.balanceMinor;
    p.liquidityInMinor = 0n;
    p.liquidityOutMinor = 0n;
    p.dnsSettledTodayMinor = 0n;
  }
  // Bilateral positions and the clock are per business day.
  state.pairs.clear();
  state.clockMinute = 0;
  state.carriedRows = [];
  state.timedRows = state.timedRows.filter((row) => t.status[row] === QUEUED || t.status[row] === SCHEDULED);
}

/**
 * Per participant: opening balance, settled credits and debits (gross, offset and cycle
 * settlements alike), central-bank liquidity in and out, closing balance. The statement must
 * explain the balance: opening + credits - debits + in - out = closing, or we stop.
 */
function dayTotals(state: EngineState, expiredCount: Int32Array): DayTotals[] {
  const totals: DayTotals[] = state.participants.map((p) => ({
    participantId: p.id,
    openingBalanceMinor: p.openingBalanceMinor,
    creditsMinor: 0n,
    creditCount: 0,
    debitsMinor: 0n,
    debitCount: 0,
    liquidityInMinor: p.liquidityInMinor,
    liquidityOutMinor: p.liquidityOutMinor,
    closingBalanceMinor: p.balanceMinor,
    expiredCount: expiredCount[p.index] ?? 0,
    overnightCreditMinor: p.balanceMinor < 0n ? -p.balanceMinor : 0n,
  }));
  const t = state.payments;
  // Today's settlements: rows submitted today (a warehoused one among them has not entered:
  // it is still scheduled) and rows carried in from earlier days.
  const rows: number[] = state.carriedRows.slice();
  for (let row = state.todayFirstRow; row < t.count; row += 1) rows.push(row);
  for (const row of rows) {
    if (t.status[row] !== SETTLED) continue;
    const debit = totals[t.from[row] as number] as DayTotals;
    const credit = totals[t.to[row] as number] as DayTotals;
    const amountMinor = t.amount[row] as bigint;
    debit.debitsMinor += amountMinor;
    debit.debitCount += 1;
    credit.creditsMinor += amountMinor;
    credit.creditCount += 1;
  }
  for (const t of totals) {
    const explained = t.openingBalanceMinor + t.creditsMinor - t.debitsMinor + t.liquidityInMinor - t.liquidityOutMinor;
    if (!(explained === t.closingBalanceMinor)) throw new InvariantError(`${t.participantId}: settled flows explain ${explained}, balance is ${t.closingBalanceMinor}`);
  }
  return totals.sort((a, b) => (a.participantId < b.participantId ? -1 : a.participantId > b.participantId ? 1 : 0));
}
