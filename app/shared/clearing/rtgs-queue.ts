import type { EngineState, ParticipantState } from './state';

/** Queue order: more urgent first, then earlier entry (the order column, moved by `reorder`). */
export function queuedBefore(state: EngineState, a: number, b: number): boolean {
  const pa = state.payments.priority[a] as number;
  const pb = state.payments.priority[b] as number;
  return pa < pb || (pa === pb && (state.payments.order[a] as number) < (state.payments.order[b] as number));
}

/** True when the sender has a queued payment of the same or a more urgent priority. */
export function hasQueuedAhead(from: ParticipantState, priority: number): boolean {
  if (from.rtgsCount === 0) return false;
  for (let q = 0; q <= priority; q += 1) if ((from.rtgs[q]?.length ?? 0) > 0) return true;
  return false;
}

function indexByReceiver(state: EngineState, from: ParticipantState, row: number): void {
  const receiver = state.payments.to[row] as number;
  const list = from.rtgsByReceiver.get(receiver);
  if (list === undefined) from.rtgsByReceiver.set(receiver, [row]);
  else list.push(row);
}

function unindexByReceiver(state: EngineState, from: ParticipantState, row: number): void {
  const receiver = state.payments.to[row] as number;
  const list = from.rtgsByReceiver.get(receiver);
  const at = list === undefined ? -1 : list.indexOf(row);
  if (list === undefined || at < 0) throw new Error(`queue index lost payment ${state.payments.id[row]}`);
  list.splice(at, 1);
  if (list.length === 0) from.rtgsByReceiver.delete(receiver);
}

/** Appends at the tail of its priority (a new arrival is always the latest). */
export function enqueueRtgs(state: EngineState, row: number): void {
  const from = state.fromOf(row);
  from.rtgs[state.payments.priority[row] as number]?.push(row);
  from.rtgsCount += 1;
  indexByReceiver(state, from, row);
}

/** Re-inserts by its order within its (new) priority: reprioritising keeps the arrival time. */
export function enqueueRtgsOrdered(state: EngineState, row: number): void {
  const from = state.fromOf(row);
  from.rtgs[state.payments.priority[row] as number]?.insertOrdered(row, (a, b) => queuedBefore(state, a, b));
  from.rtgsCount += 1;
  const receiver = state.payments.to[row] as number;
  const list = from.rtgsByReceiver.get(receiver) ?? [];
  const order = state.payments.order;
  let at = list.length;
  while (at > 0 && (order[row] as number) < (order[list[at - 1] as number] as number)) at -= 1;
  list.splice(at, 0, row);
  from.rtgsByReceiver.set(receiver, list);
}

/** Takes a payment out of its sender's queue wherever it stands. */
export function dequeueRtgs(state: EngineState, row: number): void {
  const from = state.fromOf(row);
  const queue = from.rtgs[state.payments.priority[row] as number];
  if (queue === undefined) throw new Error(`bad priority for payment ${state.payments.id[row]}`);
  if (queue.peek() === row) queue.shift();
  else if (!queue.remove(row)) throw new Error(`payment ${state.payments.id[row]} not in its queue`);
  from.rtgsCount -= 1;
  unindexByReceiver(state, from, row);
}

/** The sender's queued rows in queue order (priority, then arrival). */
export function queuedInOrder(from: ParticipantState): number[] {
  const all: number[] = [];
  for (const queue of from.rtgs) for (const row of queue.toArray()) all.push(row);
  return all;
}

/** Rebuilds a sender's queue from what is still queued, already in queue order. */
export function rebuildRtgs(state: EngineState, from: ParticipantState, stillQueued: readonly number[]): void {
  const byPriority: number[][] = [[], [], []];
  from.rtgsByReceiver.clear();
  for (const row of stillQueued) {
    byPriority[state.payments.priority[row] as number]?.push(row);
    indexByReceiver(state, from, row);
  }
  from.rtgs.forEach((queue, priority) => queue.replaceWith(byPriority[priority] ?? []));
  from.rtgsCount = stillQueued.length;
}

/**
 * `reorder`: the payment goes to the front (`top`) or the back (`bottom`) of its priority class
 * in its sender's queue, by taking an order key below the front's or above every key so far.
 */
export function moveInQueue(state: EngineState, row: number, to: 'top' | 'bottom'): void {
  const t = state.payments;
  const from = state.fromOf(row);
  const queue = from.rtgs[t.priority[row] as number];
  if (queue === undefined) throw new Error(`bad priority for payment ${t.id[row]}`);
  dequeueRtgs(state, row);
  if (to === 'top') {
    const front = queue.peek();
    if (front !== undefined && (t.order[front] as number) <= (t.order[row] as number)) t.order[row] = (t.order[front] as number) - 1;
  } else {
    t.order[row] = t.nextOrder;
    t.nextOrder += 1;
  }
  enqueueRtgsOrdered(state, row);
}
