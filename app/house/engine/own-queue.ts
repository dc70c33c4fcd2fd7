import type { PaymentView } from '../../shared/clearing/views';
import { hhmm } from '../../shared/clearing/clock';
import { formatAmount } from '../../shared/money/format';
import { waitReasonOfCode, type HouseQueuedPayment, type HouseScheduledPayment, type QueueResponse } from '../../shared/contract/queue-protocol';
import type { ClearingEngine } from './clearing-engine-port';
import type { QueueBook } from './queue-book';

export interface OwnQueueInput {
  participantId: string;
  /** Rows across the three lists. */
  limit: number;
  asOfMs: number;
}

const isGross = (view: PaymentView): boolean => view.kind === 'hvps' || view.kind === 'return';

/**
 * A participant's own waiting payments as the engine holds them (`GET /v1/queue/me`): the RTGS
 * queue in its real order (the engine's queue, priority class then position), the DNS waits in
 * arrival order, the scheduled ones in due order; reasons are the engine's own codes as they
 * stand (a queue head's is renewed on every retry, the others' are as of their last check).
 * Only payments the book has committed are listed. Reads memory only.
 */
export function readOwnQueue(engine: ClearingEngine, book: QueueBook, input: OwnQueueInput): QueueResponse {
  const { participantId, limit } = input;
  const answer: QueueResponse = {
    participant: participantId,
    businessDate: engine.businessDate(),
    clock: engine.clock(),
    asOf: new Date(input.asOfMs).toISOString(),
    rtgs: [],
    dns: [],
    scheduled: [],
    limit,
    truncated: false,
  };
  let rows = 0;
  /** False once the limit is reached (and notes that rows were left out). */
  const room = (): boolean => {
    if (rows < limit) return true;
    answer.truncated = true;
    return false;
  };
  const sinceOf = (id: string): string | undefined => {
    const entry = book.get(id);
    return entry === undefined || entry.participantId !== participantId ? undefined : new Date(entry.sinceMs).toISOString();
  };
  const queued = (view: PaymentView, since: string): HouseQueuedPayment => ({
    id: view.id,
    kind: view.kind,
    priority: view.priority,
    amount: formatAmount(view.amountMinor, 'CNY'),
    to: view.to,
    reason: view.stopped === undefined ? waitReasonOfCode(view.reason ?? null) : 'stopped',
    reasonCode: view.reason ?? null,
    since,
  });
  const addQueued = (list: HouseQueuedPayment[], id: string): boolean => {
    const since = sinceOf(id);
    const view = engine.payment(id);
    if (since === undefined || view === undefined || view.status !== 'queued') return true;
    if (!room()) return false;
    list.push(queued(view, since));
    rows += 1;
    return true;
  };

  const queue = engine.queue(participantId) ?? { rtgs: [], dns: [] };
  const stopped = [...book.idsOf(participantId)].flatMap((id) => {
    const view = engine.payment(id);
    return view?.stopped === undefined ? [] : [view];
  });
  const queuedStopped = stopped.filter((v) => v.status === 'queued');
  for (const id of [...queue.rtgs, ...queuedStopped.filter(isGross).map((v) => v.id)]) if (!addQueued(answer.rtgs, id)) return answer;
  for (const id of [...queue.dns, ...queuedStopped.filter((v) => !isGross(v)).map((v) => v.id)]) if (!addQueued(answer.dns, id)) return answer;

  const own = book.idsOf(participantId);
  const due = [...engine.scheduled().filter((id) => own.has(id)), ...stopped.filter((v) => v.status === 'scheduled').map((v) => v.id)];
  for (const id of due) {
    const since = sinceOf(id);
    const view = engine.payment(id);
    if (since === undefined || view === undefined || view.status !== 'scheduled') continue;
    if (!room()) return answer;
    const row: HouseScheduledPayment = {
      id,
      kind: view.kind,
      priority: view.priority,
      amount: formatAmount(view.amountMinor, 'CNY'),
      to: view.to,
      earliest: view.earliestMinute === undefined ? null : hhmm(view.earliestMinute),
      latest: view.latestMinute === undefined ? null : hhmm(view.latestMinute),
      valueDate: book.get(id)?.valueDate ?? null,
      stopped: view.stopped !== undefined,
      since,
    };
    answer.scheduled.push(row);
    rows += 1;
  }
  return answer;
}
