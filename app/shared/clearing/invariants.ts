import { type EngineState, InvariantError } from './state';

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
    if (!(p.balanceMinor >= p.netDebitMinor)) throw new InvariantError(`${p.id} balance ${p.balanceMinor} below net debit ${p.netDebitMinor}`);
    if (!(p.cycleBillCreditMinor >= 0n)) throw new InvariantError(`${p.id} negative bill credits`);
    cycleSumMinor += p.cycleNetMinor + p.cycleBillCreditMinor;
    let queued = 0;
    for (const queue of p.rtgs) {
      for (const row of queue.toArray()) {
        if (state.payments.status[row] !== 'queued' || state.payments.from[row] !== p.index) throw new InvariantError(`payment ${state.payments.id[row]} in ${p.id}'s queue while ${state.payments.status[row]}`);
        queued += 1;
      }
    }
    if (!(queued === p.rtgsCount)) throw new InvariantError(`${p.id} queue count ${p.rtgsCount} but ${queued} queued`);
    let indexed = 0;
    for (const list of p.rtgsByReceiver.values()) indexed += list.length;
    if (!(indexed === queued)) throw new InvariantError(`${p.id} receiver index holds ${indexed} of ${queued} queued`);
    for (const row of p.dns.toArray()) {
      if (state.payments.status[row] !== 'queued') throw new InvariantError(`payment ${state.payments.id[row]} waits for netting while ${state.payments.status[row]}`);
    }
  }
  if (!(totalMinor === state.totalMoneyMinor)) throw new InvariantError(`money not conserved: balances sum to ${totalMinor}, expected ${state.totalMoneyMinor}`);
  if (!(cycleSumMinor === 0n)) throw new InvariantError(`open cycle positions sum to ${cycleSumMinor}, not zero`);
}
