import type { ParticipantNet } from './events';
import { idRanks } from './cycle';
import { availableMinor, floorOf, unlimitedPositionMinor } from './positions';
import { queuedInOrder, rebuildRtgs } from './rtgs-queue';
import { settleBatch } from './settle';
import { type EngineState, type ParticipantState, InvariantError, emit } from './state';

/**
 * A limited participant's view of the offsetting set: per counterparty, how the set moves its
 * bilateral position and how many normal payments it sends there (limits bind only then).
 */
interface LimitTrack {
  pairDeltaMinor: Map<number, bigint>;
  normalTo: Map<number, number>;
  /** Set's change to its position toward counterparties without a bilateral limit. */
  unlimitedDeltaMinor: bigint;
  normalToUnlimited: number;
  /** Its position toward those counterparties before the set. */
  unlimitedNowMinor: bigint;
}

function trackOf(state: EngineState, p: ParticipantState): LimitTrack {
  return { pairDeltaMinor: new Map(), normalTo: new Map(), unlimitedDeltaMinor: 0n, normalToUnlimited: 0, unlimitedNowMinor: unlimitedPositionMinor(state, p) };
}

/** Adds `amountMinor` (positive: into `p`, negative: out of it) to the set's flow between `p` and counterparty `other`. */
function trackFlow(p: ParticipantState, track: LimitTrack, other: number, amountMinor: bigint): void {
  track.pairDeltaMinor.set(other, (track.pairDeltaMinor.get(other) ?? 0n) + amountMinor);
  if (p.bilateralLimits?.has(other) !== true) track.unlimitedDeltaMinor += amountMinor;
}

function trackNormal(p: ParticipantState, track: LimitTrack, to: number, delta: number): void {
  track.normalTo.set(to, (track.normalTo.get(to) ?? 0) + delta);
  if (p.bilateralLimits?.has(to) !== true) track.normalToUnlimited += delta;
}

/** Sum of the sender limits' breaches at the end of the set (DESIGN 4.1, offsetting with controls). */
function breachMinor(state: EngineState, p: ParticipantState, track: LimitTrack): bigint {
  let breach = 0n;
  if (p.bilateralLimits !== undefined) {
    for (const [counterparty, limitMinor] of p.bilateralLimits) {
      if ((track.normalTo.get(counterparty) ?? 0) === 0) continue;
      const over = -limitMinor - (state.pairs.get(p.index, counterparty) + (track.pairDeltaMinor.get(counterparty) ?? 0n));
      if (over > 0n) breach += over;
    }
  }
  const multilateral = p.multilateralLimitMinor;
  if (multilateral !== undefined && track.normalToUnlimited > 0) {
    const over = -multilateral - (track.unlimitedNowMinor + track.unlimitedDeltaMinor);
    if (over > 0n) breach += over;
  }
  return breach;
}

/**
 * Multilateral offsetting of the whole RTGS queue (DESIGN sections 4 and 4.1): start from every
 * queued payment; while some participant would fall short at the end of the set, drop from the
 * participant with the largest shortfall (ties: lowest id) its least urgent, latest queued
 * payment; settle what remains at once, atomically. Dropped payments stay queued. A shortfall
 * is the gap to the floor of the participant's least urgent payment in the set (0 below zero
 * available without reservations) plus each sender limit's breach toward counterparties it
 * sends normal payments to in the set.
 *
 * Cost: O(n) to build positions plus O(log P) per drop (an indexed heap of participants in
 * shortfall; a limited participant's breach is recomputed over its bilateral limits), so a
 * 100,000-payment gridlock takes milliseconds, not the O(n^2) of rescanning. Because each
 * participant drops from the end of its own queue order, what settles is always a prefix of
 * every queue: offsetting never lets a later payment overtake an earlier one of the same sender.
 */
export function multilateralOffset(state: EngineState): void {
  const participants = state.participants;
  const count = participants.length;
  const t = state.payments;
  const amount = t.amount;
  const receiverOf = t.to;
  const priorityOf = t.priority;
  const positionMinor: bigint[] = new Array<bigint>(count);
  const queues: number[][] = new Array<number[]>(count);
  const kept = new Int32Array(count);
  const tracks: (LimitTrack | undefined)[] = new Array<LimitTrack | undefined>(count);
  for (let i = 0; i < count; i += 1) {
    const p = participants[i];
    if (p === undefined) throw new Error('participant table has a hole');
    positionMinor[i] = availableMinor(p);
    const queue = p.rtgsCount === 0 ? [] : queuedInOrder(p);
    queues[i] = queue;
    kept[i] = queue.length;
    tracks[i] = p.limited ? trackOf(state, p) : undefined;
  }
  for (let i = 0; i < count; i += 1) {
    const from = participants[i] as ParticipantState;
    const fromTrack = tracks[i];
    for (const row of queues[i] as number[]) {
      const to = receiverOf[row] as number;
      const amountMinor = amount[row] as bigint;
      positionMinor[i] = (positionMinor[i] as bigint) - amountMinor;
      positionMinor[to] = (positionMinor[to] as bigint) + amountMinor;
      if (fromTrack !== undefined) {
        trackFlow(from, fromTrack, to, -amountMinor);
        if (priorityOf[row] === 2) trackNormal(from, fromTrack, to, 1);
      }
      const toTrack = tracks[to];
      if (toTrack !== undefined) trackFlow(participants[to] as ParticipantState, toTrack, i, amountMinor);
    }
  }
  const shortfallMinor: bigint[] = new Array<bigint>(count).fill(0n);
  const refresh = (i: number): void => {
    const p = participants[i] as ParticipantState;
    const k = kept[i] as number;
    const position = positionMinor[i] as bigint;
    let shortfall = position < 0n ? -position : 0n;
    if (p.controlled && k > 0) {
      const gap = floorOf(p, priorityOf[(queues[i] as number[])[k - 1] as number] as number) - position;
      shortfall = gap > 0n ? gap : 0n;
    }
    const track = tracks[i];
    if (track !== undefined && k > 0) shortfall += breachMinor(state, p, track);
    shortfallMinor[i] = shortfall;
  };
  for (let i = 0; i < count; i += 1) refresh(i);
  // Ties in shortfall go to the lowest id.
  const rank = idRanks(participants);
  const heap = new ShortfallHeap(shortfallMinor, rank);
  for (let i = 0; i < count; i += 1) if ((shortfallMinor[i] as bigint) > 0n) heap.update(i);
  for (let worst = heap.top(); worst >= 0; worst = heap.top()) {
    const left = (kept[worst] as number) - 1;
    if (!(left >= 0)) throw new InvariantError(`participant ${participants[worst]?.id} short with nothing left to drop`);
    kept[worst] = left;
    const dropped = (queues[worst] as number[])[left] as number;
    const to = receiverOf[dropped] as number;
    const amountMinor = amount[dropped] as bigint;
    positionMinor[worst] = (positionMinor[worst] as bigint) + amountMinor;
    positionMinor[to] = (positionMinor[to] as bigint) - amountMinor;
    const worstTrack = tracks[worst];
    if (worstTrack !== undefined) {
      const p = participants[worst] as ParticipantState;
      trackFlow(p, worstTrack, to, amountMinor);
      if (priorityOf[dropped] === 2) trackNormal(p, worstTrack, to, -1);
    }
    const toTrack = tracks[to];
    if (toTrack !== undefined) trackFlow(participants[to] as ParticipantState, toTrack, worst, -amountMinor);
    refresh(worst);
    refresh(to);
    heap.update(worst);
    heap.update(to);
  }
  const settled: number[] = [];
  let stillQueuedCount = 0;
  const net: ParticipantNet[] = [];
  let sumMinor = 0n;
  for (let i = 0; i < count; i += 1) {
    const queue = queues[i] as number[];
    const k = kept[i] as number;
    const participant = participants[i];
    if (participant !== undefined && queue.length > 0 && k > 0) {
      for (let j = 0; j < k; j += 1) settled.push(queue[j] as number);
      rebuildRtgs(state, participant, queue.slice(k));
    }
    stillQueuedCount += queue.length - k;
  }
  if (settled.length > 0) {
    const before = participants.map((p) => p.balanceMinor);
    settleBatch(state, settled, 'multilateral');
    participants.forEach((p, i) => {
      const delta = p.balanceMinor - (before[i] as bigint);
      if (!(delta === (positionMinor[i] as bigint) - (availableMinor(p) - delta))) throw new InvariantError(`offset position of ${p.id} disagrees with its settlement`);
      sumMinor += delta;
      if (delta !== 0n) net.push({ participantId: p.id, netMinor: delta, balanceMinor: p.balanceMinor });
    });
  }
  if (!(sumMinor === 0n)) throw new InvariantError(`multilateral offset nets sum to ${sumMinor}, not zero`);
  net.sort((a, b) => (a.participantId < b.participantId ? -1 : a.participantId > b.participantId ? 1 : 0));
  emit(state, { type: 'offsetCompleted', settledCount: settled.length, stillQueuedCount, net });
}

/** Max-heap of participants in shortfall, largest first then lowest id; supports updates. */
class ShortfallHeap {
  private readonly heap: number[] = [];
  private readonly at: Int32Array;

  constructor(
    private readonly shortfallMinor: bigint[],
    private readonly rank: Int32Array,
  ) {
    this.at = new Int32Array(shortfallMinor.length).fill(-1);
  }

  top(): number {
    return this.heap.length > 0 ? (this.heap[0] as number) : -1;
  }

  /** Re-files participant i after its position changed: in, out, up or down. */
  update(i: number): void {
    const short = (this.shortfallMinor[i] as bigint) > 0n;
    const slot = this.at[i] as number;
    if (slot < 0) {
      if (!short) return;
      this.heap.push(i);
      this.at[i] = this.heap.length - 1;
      this.up(this.heap.length - 1);
      return;
    }
    if (!short) {
      this.removeAt(slot);
      return;
    }
    this.up(slot);
    this.down(this.at[i] as number);
  }

  private before(a: number, b: number): boolean {
    const sa = this.shortfallMinor[a] as bigint;
    const sb = this.shortfallMinor[b] as bigint;
    return sa > sb || (sa === sb && (this.rank[a] as number) < (this.rank[b] as number));
  }

  private removeAt(slot: number): void {
    const removed = this.heap[slot] as number;
    const last = this.heap.pop() as number;
    this.at[removed] = -1;
    if (slot < this.heap.length) {
      this.heap[slot] = last;
      this.at[last] = slot;
      this.up(slot);
      this.down(this.at[last] as number);
    }
  }

  private swap(x: number, y: number): void {
    const a = this.heap[x] as number;
    const b = this.heap[y] as number;
    this.heap[x] = b;
    this.heap[y] = a;
    this.at[b] = x;
    this.at[a] = y;
  }

  private up(slot: number): void {
    let s = slot;
    while (s > 0) {
      const parent = (s - 1) >> 1;
      if (!this.before(this.heap[s] as number, this.heap[parent] as number)) return;
      this.swap(s, parent);
      s = parent;
    }
  }

  private down(slot: number): void {
    let s = slot;
    for (;;) {
      const left = 2 * s + 1;
      const right = left + 1;
      let best = s;
      if (left < this.heap.length && this.before(this.heap[left] as number, this.heap[best] as number)) best = left;
      if (right < this.heap.length && this.before(this.heap[right] as number, this.heap[best] as number)) best = right;
      if (best === s) return;
      this.swap(s, best);
      s = best;
    }
  }
}
