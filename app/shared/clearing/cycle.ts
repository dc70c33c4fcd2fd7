import type { BilateralNet, ParticipantNet } from './events';
import { markImproved } from './positions';
import { type EngineState, type PaymentState, type ParticipantState, InvariantError } from './state';

/** Up to this many participants the bilateral table is a flat array of count^2 slots. */
const MAX_FLAT_PARTICIPANTS = 512;

function byId(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Closes the open DNS cycle: bilateral and multilateral nets from its payments (returned
 * bills left out), checked against the running positions and against each other, settled
 * all at once. The earmark guaranteed every balance covers its net debit, so settling
 * cannot fail; if it would, that is a bug and we stop.
 */
export function closeCycle(state: EngineState): void {
  const cycleId = state.openCycleId;
  const participants = state.participants;
  const count = participants.length;
  const involved = new Uint8Array(count);
  // key lo*count+hi -> flow lo->hi minus flow hi->lo. A flat array when the square is small
  // (200 banks: 40,000 slots), else a Map; `pairKeys` keeps the order pairs first appeared.
  const pairMinor: Map<number, bigint> | (bigint | undefined)[] = count <= MAX_FLAT_PARTICIPANTS ? new Array<bigint | undefined>(count * count) : new Map();
  const pairKeys: number[] = [];
  const settled: PaymentState[] = [];
  for (const p of state.cyclePayments) {
    if (p.status !== 'netted') continue;
    if (!(p.cycleId === cycleId)) throw new InvariantError(`payment ${p.id} of cycle ${p.cycleId} found in cycle ${cycleId}`);
    const from = (p.from as ParticipantState).index;
    const to = (p.to as ParticipantState).index;
    involved[from] = 1;
    involved[to] = 1;
    const key = from < to ? from * count + to : to * count + from;
    const signed = from < to ? p.amountMinor : -p.amountMinor;
    const before = Array.isArray(pairMinor) ? pairMinor[key] : pairMinor.get(key);
    if (before === undefined) pairKeys.push(key);
    if (Array.isArray(pairMinor)) pairMinor[key] = (before ?? 0n) + signed;
    else pairMinor.set(key, (before ?? 0n) + signed);
    settled.push(p);
  }
  const netFromBilateral: bigint[] = new Array<bigint>(count).fill(0n);
  const bilateral: BilateralNet[] = [];
  for (const key of pairKeys) {
    const flowMinor = (Array.isArray(pairMinor) ? pairMinor[key] : pairMinor.get(key)) as bigint;
    if (flowMinor === 0n) continue;
    const lo = Math.floor(key / count);
    const hi = key % count;
    const [payer, payee, amountMinor] = flowMinor > 0n ? [lo, hi, flowMinor] : [hi, lo, -flowMinor];
    netFromBilateral[payer] = (netFromBilateral[payer] as bigint) - amountMinor;
    netFromBilateral[payee] = (netFromBilateral[payee] as bigint) + amountMinor;
    bilateral.push({ payer: participants[payer]?.id ?? '', payee: participants[payee]?.id ?? '', amountMinor });
  }
  bilateral.sort((a, b) => byId(a.payer, b.payer) || byId(a.payee, b.payee));

  let sumMinor = 0n;
  const net: ParticipantNet[] = [];
  for (let i = 0; i < count; i += 1) {
    const p = participants[i] as ParticipantState;
    const running = p.cycleCreditMinor + p.cycleBillCreditMinor - p.cycleDebitMinor;
    // The bilateral nets regroup the cycle's payments pair by pair, so agreeing with them also
    // checks the running position against the payments themselves.
    if (running !== netFromBilateral[i]) throw new InvariantError(`cycle ${cycleId}: running position of ${p.id} ${running} != ${netFromBilateral[i]} from its payments`);
    sumMinor += running;
    p.balanceMinor += running;
    if (!(p.balanceMinor >= 0n)) throw new InvariantError(`cycle ${cycleId}: ${p.id} would end at ${p.balanceMinor}`);
    p.cycleDebitMinor = 0n;
    p.cycleCreditMinor = 0n;
    p.cycleBillCreditMinor = 0n;
    p.netDebitMinor = 0n;
    if (involved[i] === 1) net.push({ participantId: p.id, netMinor: running, balanceMinor: p.balanceMinor });
  }
  if (!(sumMinor === 0n)) throw new InvariantError(`cycle ${cycleId}: multilateral nets sum to ${sumMinor}, not zero`);
  net.sort((a, b) => byId(a.participantId, b.participantId));

  for (const p of settled) {
    p.status = 'settled';
    p.reason = undefined;
    p.settledDate = state.businessDate;
    state.daySettled.push(p);
    const from = p.from as ParticipantState;
    const to = p.to as ParticipantState;
    state.out.push({
      type: 'settled',
      paymentId: p.id,
      kind: p.kind,
      from: from.id,
      to: to.id,
      amountMinor: p.amountMinor,
      via: 'cycle',
      cycleId,
      fromBalanceMinor: from.balanceMinor,
      toBalanceMinor: to.balanceMinor,
    });
  }
  state.closedCycles.push({ id: cycleId, businessDate: state.businessDate, paymentCount: settled.length, net, bilateral });
  state.out.push({ type: 'cycleClosed', cycleId, businessDate: state.businessDate, paymentCount: settled.length, net, bilateral });
  state.cyclePayments = [];
  state.openCycleId = cycleId + 1;
}

/**
 * After a cycle opens, everyone with something waiting is retried, oldest waiting payment
 * first, so DNS admission stays in arrival order across banks as far as it can.
 */
export function retryAllWaiting(state: EngineState): void {
  const waiting = state.participants.filter((p) => p.waitingCount > 0);
  const oldest = (p: ParticipantState): number =>
    Math.min(p.dns.peek()?.seq ?? Infinity, ...p.rtgs.map((q) => q.peek()?.seq ?? Infinity));
  waiting.sort((a, b) => oldest(a) - oldest(b));
  for (const p of waiting) markImproved(state, p);
}
