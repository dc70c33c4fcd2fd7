import { MINUTES_PER_DAY } from './clock';
import { rtgsNetTodayMinor } from './positions';
import { type EngineState, InvariantError } from './state';
import { QUEUED, SCHEDULED } from './payment-table';

/**
 * The full scan of what must always hold. O(participants + queued); run after every batch
 * operation (offset, cycle close, end of day, liquidity) and, in paranoid mode, after every
 * command. Single settlements assert their own sender's cover on the hot path.
 */
export function checkInvariants(state: EngineState): void {
  let totalMinor = 0n;
  let cycleSumMinor = 0n;
  for (const p of state.participants) {
    totalMinor += p.balanceMinor;
    if (!(p.netDebitMinor === (p.cycleNetMinor < 0n ? -p.cycleNetMinor : 0n))) throw new InvariantError(`${p.id} earmark ${p.netDebitMinor} out of step with its position`);
    if (!(p.balanceMinor + p.creditLineMinor >= p.netDebitMinor)) throw new InvariantError(`${p.id} balance ${p.balanceMinor} + credit line ${p.creditLineMinor} below net debit ${p.netDebitMinor}`);
    if (!(p.balanceMinor >= -p.creditLineMinor)) throw new InvariantError(`${p.id} balance ${p.balanceMinor} below its credit line ${p.creditLineMinor}`);
    if (!(p.floor1Minor === p.reserveUrgentMinor && p.floor2Minor === p.reserveUrgentMinor + p.reserveHighMinor)) throw new InvariantError(`${p.id} floors out of step with its reservations`);
    if (!(p.cycleBillCreditMinor >= 0n)) throw new InvariantError(`${p.id} negative bill credits`);
    cycleSumMinor += p.cycleNetMinor + p.cycleBillCreditMinor;
    let queued = 0;
    for (const queue of p.rtgs) {
      let lastOrder = -Infinity;
      for (const row of queue.toArray()) {
        if (state.payments.status[row] !== QUEUED || state.payments.from[row] !== p.index || state.payments.stoppedBy.has(row)) throw new InvariantError(`payment ${state.payments.id[row]} in ${p.id}'s queue while ${state.payments.statusOf(row)}`);
        const order = state.payments.order[row] as number;
        if (!(order > lastOrder)) throw new InvariantError(`${p.id}'s queue out of order at ${state.payments.id[row]}`);
        lastOrder = order;
        queued += 1;
      }
    }
    if (!(queued === p.rtgsCount)) throw new InvariantError(`${p.id} queue count ${p.rtgsCount} but ${queued} queued`);
    let indexed = 0;
    for (const list of p.rtgsByReceiver.values()) indexed += list.length;
    if (!(indexed === queued)) throw new InvariantError(`${p.id} receiver index holds ${indexed} of ${queued} queued`);
    for (const row of p.dns.toArray()) {
      if (state.payments.status[row] !== QUEUED || state.payments.stoppedBy.has(row)) throw new InvariantError(`payment ${state.payments.id[row]} waits for netting while ${state.payments.statusOf(row)}`);
    }
  }
  // Bilateral positions add up to each participant's RTGS flows of the day (and so to zero).
  const positionTotals = state.pairs.totals(state.participants.length);
  for (const p of state.participants) {
    if (!(positionTotals[p.index] === rtgsNetTodayMinor(p))) throw new InvariantError(`${p.id} bilateral positions sum to ${positionTotals[p.index]}, its RTGS flows to ${rtgsNetTodayMinor(p)}`);
  }
  // Nothing scheduled for a day already closed, nor for a time already passed today.
  const dueNow = state.todayIndex * MINUTES_PER_DAY + state.clockMinute;
  for (const row of state.scheduled) {
    const timing = state.payments.timing.get(row);
    if (state.payments.status[row] !== SCHEDULED || timing === undefined) throw new InvariantError(`payment ${state.payments.id[row]} in the schedule while ${state.payments.statusOf(row)}`);
    if (!(timing.enterDayIndex * MINUTES_PER_DAY + (timing.earliestMinute ?? 0) > dueNow)) throw new InvariantError(`payment ${state.payments.id[row]} still scheduled after its time`);
  }
  // A stopped payment (止付) waits in no queue and in no schedule, and only while queued or scheduled.
  for (const row of state.payments.stoppedBy.keys()) {
    const status = state.payments.status[row];
    if (status !== QUEUED && status !== SCHEDULED) throw new InvariantError(`payment ${state.payments.id[row]} stopped while ${state.payments.statusOf(row)}`);
    if (state.scheduled.includes(row)) throw new InvariantError(`stopped payment ${state.payments.id[row]} still in the schedule`);
  }
  if (!(totalMinor === state.totalMoneyMinor)) throw new InvariantError(`money not conserved: balances sum to ${totalMinor}, expected ${state.totalMoneyMinor}`);
  if (!(cycleSumMinor === 0n)) throw new InvariantError(`open cycle positions sum to ${cycleSumMinor}, not zero`);
}
