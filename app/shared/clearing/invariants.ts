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
    const debit = p.cycleDebitMinor - p.cycleCreditMinor;
    if (!(p.netDebitMinor === (debit > 0n ? debit : 0n))) throw new InvariantError(`${p.id} earmark ${p.netDebitMinor} out of step with its position`);
    if (!(p.balanceMinor >= p.netDebitMinor)) throw new InvariantError(`${p.id} balance ${p.balanceMinor} below net debit ${p.netDebitMinor}`);
    if (!(p.cycleBillCreditMinor >= 0n && p.cycleCreditMinor >= 0n && p.cycleDebitMinor >= 0n)) throw new InvariantError(`${p.id} negative cycle totals`);
    cycleSumMinor += p.cycleCreditMinor + p.cycleBillCreditMinor - p.cycleDebitMinor;
    let queued = 0;
    for (const queue of p.rtgs) {
      for (const pay of queue.toArray()) {
        if (!(pay.status === 'queued' && pay.from === p)) throw new InvariantError(`payment ${pay.id} in ${p.id}'s queue while ${pay.status}`);
        queued += 1;
      }
    }
    if (!(queued === p.rtgsCount)) throw new InvariantError(`${p.id} queue count ${p.rtgsCount} but ${queued} queued`);
    let indexed = 0;
    for (const list of p.rtgsByReceiver.values()) indexed += list.length;
    if (!(indexed === queued)) throw new InvariantError(`${p.id} receiver index holds ${indexed} of ${queued} queued`);
    for (const pay of p.dns.toArray()) {
      if (pay.status !== 'queued') throw new InvariantError(`payment ${pay.id} waits for netting while ${pay.status}`);
    }
  }
  if (!(totalMinor === state.totalMoneyMinor)) throw new InvariantError(`money not conserved: balances sum to ${totalMinor}, expected ${state.totalMoneyMinor}`);
  if (!(cycleSumMinor === 0n)) throw new InvariantError(`open cycle positions sum to ${cycleSumMinor}, not zero`);
}
