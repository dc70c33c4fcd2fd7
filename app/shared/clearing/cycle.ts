import type { BilateralNet, ParticipantNet } from './events';
import { markImproved, watchPosition } from './positions';
import { type EngineState, type ParticipantState, InvariantError, countedOnly, emit } from './state';
import { NETTED, SETTLED } from './payment-table';
import { emitSettled } from './settle';

/** Up to this many participants the bilateral table is a flat array of count^2 slots. */
const MAX_FLAT_PARTICIPANTS = 512;

/**
 * An array of `length` undefineds, filled by push: `new Array(n)` of more than about 16,000
 * slots is created in dictionary mode by V8, which made every bilateral update a hash lookup.
 */
function packedArray(length: number): (bigint | undefined)[] {
  const array: (bigint | undefined)[] = [];
  for (let i = 0; i < length; i += 1) array.push(undefined);
  return array;
}

function byId(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** rank[index] = place of the participant's id in id order. */
export function idRanks(participants: readonly ParticipantState[]): Int32Array {
  const order = participants.map((p) => p.index).sort((a, b) => byId(participants[a]?.id ?? '', participants[b]?.id ?? ''));
  const rank = new Int32Array(order.length);
  order.forEach((participantIndex, r) => (rank[participantIndex] = r));
  return rank;
}

/**
 * `items` ordered by their distinct numeric `keys` (each below count^2). A numeric sort of a
 * Float64Array of key * n + position (no comparator calls, no pair objects) when that stays an
 * exact integer; a comparator sort otherwise. Tens of thousands of pairs close every cycle.
 */
function inSortKeyOrder<T>(items: readonly T[], keys: readonly number[], count: number): T[] {
  const n = items.length;
  if (count * count * n < Number.MAX_SAFE_INTEGER) {
    const packed = new Float64Array(n);
    for (let i = 0; i < n; i += 1) packed[i] = (keys[i] as number) * n + i;
    packed.sort();
    const sorted: T[] = [];
    for (let i = 0; i < n; i += 1) sorted.push(items[(packed[i] as number) % n] as T);
    return sorted;
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => (keys[x] as number) - (keys[y] as number));
  return order.map((i) => items[i] as T);
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
  // Gross flow per ordered pair, key from*count+to: a flat array when the square is small
  // (200 banks: 40,000 slots), else a Map. Gross rather than signed net, so a pair's first
  // payment stores its amount as it is and no payment needs a negation.
  const grossMinor: Map<number, bigint> | (bigint | undefined)[] = count <= MAX_FLAT_PARTICIPANTS ? packedArray(count * count) : new Map();
  const grossKeys: number[] = [];
  const t = state.payments;
  // No list of the settled rows: the second pass walks cyclePayments again with the same test
  // (two fewer 40,000-entry arrays to grow and keep alive per close).
  let settledCount = 0;
  for (const row of state.cyclePayments) {
    if (t.status[row] !== NETTED) continue;
    if (t.cycleId[row] !== cycleId) throw new InvariantError(`payment ${t.id[row]} of cycle ${t.cycleId[row]} found in cycle ${cycleId}`);
    const from = t.from[row] as number;
    const to = t.to[row] as number;
    const amountMinor = t.amount[row] as bigint;
    involved[from] = 1;
    involved[to] = 1;
    const key = from * count + to;
    const before = Array.isArray(grossMinor) ? grossMinor[key] : grossMinor.get(key);
    const after = before === undefined ? amountMinor : before + amountMinor;
    if (before === undefined) grossKeys.push(key);
    if (Array.isArray(grossMinor)) grossMinor[key] = after;
    else grossMinor.set(key, after);
    settledCount += 1;
  }
  const netFromBilateral: bigint[] = new Array<bigint>(count).fill(0n);
  // Order by payer id, then payee id, via numeric ranks: sorting tens of thousands of pairs by
  // comparing id strings would cost more than the rest of the close.
  const rank = idRanks(participants);
  const pairNets: BilateralNet[] = [];
  const pairSortKeys: number[] = [];
  const grossOf = (key: number): bigint => (Array.isArray(grossMinor) ? grossMinor[key] : grossMinor.get(key)) ?? 0n;
  for (const key of grossKeys) {
    const a = Math.floor(key / count);
    const b = key % count;
    // Each pair once: from its a->b key when a < b, or from b->a when only that way had flows.
    const reverseKey = b * count + a;
    const reverseSeen = Array.isArray(grossMinor) ? grossMinor[reverseKey] !== undefined : grossMinor.has(reverseKey);
    if (a > b && reverseSeen) continue;
    const flowMinor = reverseSeen ? grossOf(key) - grossOf(reverseKey) : grossOf(key);
    if (flowMinor === 0n) continue;
    const aPays = flowMinor > 0n;
    const payer = aPays ? a : b;
    const payee = aPays ? b : a;
    const amountMinor = aPays ? flowMinor : -flowMinor;
    netFromBilateral[payer] = (netFromBilateral[payer] as bigint) - amountMinor;
    netFromBilateral[payee] = (netFromBilateral[payee] as bigint) + amountMinor;
    pairNets.push({ payer: participants[payer]?.id ?? '', payee: participants[payee]?.id ?? '', amountMinor });
    pairSortKeys.push((rank[payer] as number) * count + (rank[payee] as number));
  }
  const bilateral = inSortKeyOrder(pairNets, pairSortKeys, count);

  let sumMinor = 0n;
  const net: ParticipantNet[] = [];
  for (let i = 0; i < count; i += 1) {
    const p = participants[i] as ParticipantState;
    const running = p.cycleNetMinor + p.cycleBillCreditMinor;
    // The bilateral nets regroup the cycle's payments pair by pair, so agreeing with them also
    // checks the running position against the payments themselves.
    if (running !== netFromBilateral[i]) throw new InvariantError(`cycle ${cycleId}: running position of ${p.id} ${running} != ${netFromBilateral[i]} from its payments`);
    sumMinor += running;
    p.balanceMinor += running;
    p.dnsSettledTodayMinor += running;
    // The earmark kept balance + credit line >= net debit, so no balance ends below -creditLine.
    if (!(p.balanceMinor >= -p.creditLineMinor)) throw new InvariantError(`cycle ${cycleId}: ${p.id} would end at ${p.balanceMinor}`);
    p.cycleNetMinor = 0n;
    p.cycleBillCreditMinor = 0n;
    p.netDebitMinor = 0n;
    if (involved[i] === 1) net.push({ participantId: p.id, netMinor: running, balanceMinor: p.balanceMinor });
  }
  if (!(sumMinor === 0n)) throw new InvariantError(`cycle ${cycleId}: multilateral nets sum to ${sumMinor}, not zero`);
  net.sort((a, b) => byId(a.participantId, b.participantId));

  for (const row of state.cyclePayments) {
    if (t.status[row] !== NETTED) continue;
    t.status[row] = SETTLED;
    t.setReason(row, undefined);
    if (!countedOnly(state)) emitSettled(state, row, t.amount[row] as bigint, 'cycle', cycleId);
  }
  state.closedCycles.push({ id: cycleId, businessDate: state.businessDate, paymentCount: settledCount, net, bilateral });
  emit(state, { type: 'cycleClosed', cycleId, businessDate: state.businessDate, paymentCount: settledCount, net, bilateral });
  // Bill credits became firm and earmarks were released: available moved for everyone involved.
  for (let i = 0; i < count; i += 1) if (involved[i] === 1) watchPosition(state, participants[i] as ParticipantState);
  state.cyclePayments = [];
  state.openCycleId = cycleId + 1;
}

/**
 * After a cycle opens, everyone with something waiting is retried, oldest waiting payment
 * first, so DNS admission stays in arrival order across banks as far as it can.
 */
export function retryAllWaiting(state: EngineState): void {
  const waiting = state.participants.filter((p) => p.waitingCount > 0);
  const order = state.payments.order;
  const keyOf = (row: number | undefined): number => (row === undefined ? Infinity : (order[row] as number));
  const oldest = (p: ParticipantState): number => Math.min(keyOf(p.dns.peek()), ...p.rtgs.map((q) => keyOf(q.peek())));
  waiting.sort((a, b) => oldest(a) - oldest(b));
  for (const p of waiting) markImproved(state, p);
}
