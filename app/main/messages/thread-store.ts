import { preparedOnce, type Db } from '../store/open-database';
import { insertNotice } from '../notices/notice-repository';
import type { Notice } from '../../shared/contract';
import { centreOperatorOf, messageThreadSchema, type MessageThread } from '../../shared/contract/message-protocol';

interface ThreadRow {
  id: string;
  state: string;
  data: string;
  overdue_noticed_at: string | null;
}

const sql = preparedOnce((db) => ({
  get: db.prepare<[string], ThreadRow>('SELECT id, state, data, overdue_noticed_at FROM message_threads WHERE id = ?'),
  upsert: db.prepare(
    `INSERT INTO message_threads (id, kind, payment_id, from_id, to_id, state, due_by, data, updated_at)
     VALUES (@id, @kind, @paymentId, @from, @to, @state, @dueBy, @data, @at)
     ON CONFLICT (id) DO UPDATE SET from_id = excluded.from_id, state = excluded.state, due_by = excluded.due_by, data = excluded.data, updated_at = excluded.updated_at`,
  ),
  forPayment: db.prepare<[string, string], ThreadRow>(
    'SELECT id, state, data, overdue_noticed_at FROM message_threads WHERE payment_id = ? OR json_extract(data, \'$.returnPaymentId\') = ? ORDER BY rowid',
  ),
  all: db.prepare<[number], ThreadRow>('SELECT id, state, data, overdue_noticed_at FROM message_threads ORDER BY updated_at DESC, id LIMIT ?'),
  overdue: db.prepare<[], ThreadRow>(
    "SELECT id, state, data, overdue_noticed_at FROM message_threads WHERE kind = 'inquiry' AND state = 'open' AND overdue_noticed_at IS NULL AND due_by IS NOT NULL",
  ),
  markOverdue: db.prepare('UPDATE message_threads SET overdue_noticed_at = ? WHERE id = ?'),
}));

export function parseThread(row: ThreadRow): MessageThread {
  return messageThreadSchema.parse(JSON.parse(row.data));
}

export function findThread(db: Db, id: string): MessageThread | undefined {
  const row = sql(db).get.get(id);
  return row === undefined ? undefined : parseThread(row);
}

export function threadsForPayment(db: Db, paymentId: string): MessageThread[] {
  return sql(db).forPayment.all(paymentId, paymentId).map(parseThread);
}

/** Most threads listed at once in the inbox: newest first. */
export const MAX_LISTED_THREADS = 500;

export function listThreads(db: Db): Array<MessageThread & { overdueNoticed: boolean }> {
  return sql(db).all.all(MAX_LISTED_THREADS).map((row) => ({ ...parseThread(row), overdueNoticed: row.overdue_noticed_at !== null }));
}

/** The clearing centre, with the operator who acted when the house named one: 清算中心（sup1）. */
function centreWords(operator: string | undefined): { en: string; zh: string } {
  return operator === undefined ? { en: 'The clearing centre', zh: '清算中心' } : { en: `The clearing centre (${operator})`, zh: `清算中心（${operator}）` };
}

/** Words for what just happened in a thread, for the notice strip of the bank it concerns. */
function noticeFor(selfId: string, thread: MessageThread, before: string | undefined): Omit<Notice, 'id' | 'acknowledged' | 'at'> | undefined {
  if (before === thread.state) return undefined;
  const p = thread.paymentId;
  const other = thread.from === selfId ? thread.to : thread.from;
  switch (`${thread.kind}.${thread.state}`) {
    case 'inquiry.open':
      return thread.to === selfId
        ? { severity: 'warning', paymentId: p, message: `Bank ${other} asks about payment ${p}; reply due by ${thread.dueBy ?? '-'}`, messageZh: `${other} 行就支付 ${p} 发来查询，请于 ${thread.dueBy ?? '-'} 前查复` }
        : undefined;
    case 'inquiry.answered':
      return thread.from === selfId ? { severity: 'info', paymentId: p, message: `Bank ${other} answered the inquiry about payment ${p}`, messageZh: `${other} 行已查复支付 ${p} 的查询` } : undefined;
    case 'return.requested':
      return thread.to === selfId
        ? { severity: 'warning', paymentId: p, message: `Bank ${other} asks for payment ${p} back (${thread.amount ?? ''})`, messageZh: `${other} 行申请退回支付 ${p}（${thread.amount ?? ''}）` }
        : undefined;
    case 'return.accepted':
      return thread.from === selfId ? { severity: 'info', paymentId: p, message: `Bank ${other} accepted the return of payment ${p}`, messageZh: `${other} 行同意退回支付 ${p}` } : undefined;
    case 'return.refused':
      return thread.from === selfId ? { severity: 'warning', paymentId: p, message: `Bank ${other} refused to return payment ${p}`, messageZh: `${other} 行拒绝退回支付 ${p}` } : undefined;
    case 'stop.stopped': {
      const { en, zh } = centreWords(centreOperatorOf(thread, 'stop'));
      return thread.from !== selfId ? { severity: 'warning', paymentId: p, message: `${en} stopped payment ${p}`, messageZh: `${zh}已止付支付 ${p}` } : undefined;
    }
    case 'stop.released': {
      const { en, zh } = centreWords(centreOperatorOf(thread, 'release'));
      return thread.from !== selfId ? { severity: 'info', paymentId: p, message: `${en} released payment ${p}`, messageZh: `${zh}已解除支付 ${p} 的止付` } : undefined;
    }
    default:
      return undefined;
  }
}

/**
 * A pulled `message` change, in the pull page's transaction: the thread replaces the stored
 * one (the house publishes it whole), and a step that concerns this bank becomes a notice.
 * Re-pulling the same state changes nothing and tells nobody twice.
 */
export function storeThread(db: Db, selfId: string, thread: MessageThread, at: string): Notice | undefined {
  const before = sql(db).get.get(thread.id)?.state;
  sql(db).upsert.run({
    id: thread.id,
    kind: thread.kind,
    paymentId: thread.paymentId,
    from: thread.from,
    to: thread.to,
    state: thread.state,
    dueBy: thread.dueBy ?? null,
    data: JSON.stringify(thread),
    at,
  });
  const notice = noticeFor(selfId, thread, before);
  return notice === undefined ? undefined : insertNotice(db, { ...notice, at });
}

/** True once `nowMs` is past the inquiry's due time ("YYYY-MM-DDTHH:MM+08:00"). */
export function isOverdue(thread: Pick<MessageThread, 'kind' | 'state' | 'dueBy'>, nowMs: number): boolean {
  if (thread.kind !== 'inquiry' || thread.state !== 'open' || thread.dueBy === undefined) return false;
  const dueMs = Date.parse(thread.dueBy);
  return Number.isFinite(dueMs) && nowMs > dueMs;
}

/**
 * Open inquiries past their reply time get one error notice each (查复超时): the bank asked
 * is told to answer, the asking bank that the answer is late.
 */
export function noticeOverdue(db: Db, selfId: string, now: Date): Notice[] {
  const notices: Notice[] = [];
  db.transaction(() => {
    for (const row of sql(db).overdue.all()) {
      const thread = parseThread(row);
      if (!isOverdue(thread, now.getTime())) continue;
      sql(db).markOverdue.run(now.toISOString(), thread.id);
      const mine = thread.to === selfId;
      notices.push(
        insertNotice(db, {
          at: now.toISOString(),
          severity: 'error',
          paymentId: thread.paymentId,
          message: mine ? `Overdue: the inquiry ${thread.id} about payment ${thread.paymentId} was due by ${thread.dueBy}` : `Overdue: bank ${thread.to} has not answered inquiry ${thread.id} (due ${thread.dueBy})`,
          messageZh: mine ? `查复超时：支付 ${thread.paymentId} 的查询 ${thread.id} 应于 ${thread.dueBy} 前查复` : `查复超时：${thread.to} 行未按时查复查询 ${thread.id}（时限 ${thread.dueBy}）`,
        }),
      );
    }
  })();
  return notices;
}
