import type { PaymentState, ParticipantState } from './state';

/** Queue order: more urgent first, then earlier arrival. */
export function queuedBefore(a: PaymentState, b: PaymentState): boolean {
  return a.priority < b.priority || (a.priority === b.priority && a.seq < b.seq);
}

/** True when the sender has a queued payment of the same or a more urgent priority. */
export function hasQueuedAhead(from: ParticipantState, priority: number): boolean {
  if (from.rtgsCount === 0) return false;
  for (let q = 0; q <= priority; q += 1) if ((from.rtgs[q]?.length ?? 0) > 0) return true;
  return false;
}

function indexByReceiver(from: ParticipantState, p: PaymentState): void {
  const receiver = (p.to as ParticipantState).index;
  const list = from.rtgsByReceiver.get(receiver);
  if (list === undefined) from.rtgsByReceiver.set(receiver, [p]);
  else list.push(p);
}

function unindexByReceiver(from: ParticipantState, p: PaymentState): void {
  const receiver = (p.to as ParticipantState).index;
  const list = from.rtgsByReceiver.get(receiver);
  const at = list === undefined ? -1 : list.indexOf(p);
  if (list === undefined || at < 0) throw new Error(`queue index lost payment ${p.id}`);
  list.splice(at, 1);
  if (list.length === 0) from.rtgsByReceiver.delete(receiver);
}

/** Appends at the tail of its priority (a new arrival is always the latest). */
export function enqueueRtgs(p: PaymentState): void {
  const from = p.from as ParticipantState;
  from.rtgs[p.priority]?.push(p);
  from.rtgsCount += 1;
  indexByReceiver(from, p);
}

/** Re-inserts by arrival time within its (new) priority: reprioritising keeps the arrival. */
export function enqueueRtgsOrdered(p: PaymentState): void {
  const from = p.from as ParticipantState;
  from.rtgs[p.priority]?.insertOrdered(p, queuedBefore);
  from.rtgsCount += 1;
  const receiver = (p.to as ParticipantState).index;
  const list = from.rtgsByReceiver.get(receiver) ?? [];
  let at = list.length;
  while (at > 0 && p.seq < (list[at - 1] as PaymentState).seq) at -= 1;
  list.splice(at, 0, p);
  from.rtgsByReceiver.set(receiver, list);
}

/** Takes a payment out of its sender's queue wherever it stands. */
export function dequeueRtgs(p: PaymentState): void {
  const from = p.from as ParticipantState;
  const queue = from.rtgs[p.priority];
  if (queue === undefined) throw new Error(`bad priority ${p.priority}`);
  if (queue.peek() === p) queue.shift();
  else if (!queue.remove(p)) throw new Error(`payment ${p.id} not in its queue`);
  from.rtgsCount -= 1;
  unindexByReceiver(from, p);
}

/** The sender's queued payments in queue order (priority, then arrival). */
export function queuedInOrder(from: ParticipantState): PaymentState[] {
  const all: PaymentState[] = [];
  for (const queue of from.rtgs) for (const p of queue.toArray()) all.push(p);
  return all;
}

/** Rebuilds a sender's queue from what is still queued, already in queue order. */
export function rebuildRtgs(from: ParticipantState, stillQueued: readonly PaymentState[]): void {
  const byPriority: PaymentState[][] = [[], [], []];
  from.rtgsByReceiver.clear();
  for (const p of stillQueued) {
    byPriority[p.priority]?.push(p);
    indexByReceiver(from, p);
  }
  from.rtgs.forEach((queue, priority) => queue.replaceWith(byPriority[priority] ?? []));
  from.rtgsCount = stillQueued.length;
}
