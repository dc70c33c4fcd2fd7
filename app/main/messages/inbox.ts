import { preparedOnce, type Db } from '../store/open-database';
import { decisionsFor, type DecisionRow } from './message-actions';
import { allPendingMessages, type PendingMessage } from './pending-messages';
import { isOverdue, listThreads } from './thread-store';
import type { MessageThread } from '../../shared/contract/message-protocol';
import type { InboxThread, ReturnDecision } from '../../shared/contract/handlers/messages';

const sql = preparedOnce((db) => ({
  seenBy: db.prepare<[string], { thread_id: string; entries_seen: number }>('SELECT thread_id, entries_seen FROM message_reads WHERE username = ?'),
  markRead: db.prepare(
    `INSERT INTO message_reads (username, thread_id, entries_seen, read_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (username, thread_id) DO UPDATE SET entries_seen = excluded.entries_seen, read_at = excluded.read_at`,
  ),
}));

export function decisionView(d: DecisionRow): ReturnDecision {
  return { id: d.id, threadId: d.thread_id, decision: d.decision, reasonCode: d.reason_code, text: d.text, status: d.status, maker: d.maker, proposedAt: d.proposed_at, checker: d.checker };
}

/**
 * Unread for this operator: a step by another bank (or the centre) came after they last opened
 * the thread. What this bank itself wrote is never news to it.
 */
export function isUnread(thread: Pick<MessageThread, 'entries'>, entriesSeen: number, selfId: string): boolean {
  return thread.entries.slice(entriesSeen).some((e) => e.by !== selfId);
}

/**
 * The message inbox (查询查复) as one operator sees it: every thread of the bank (newest first,
 * at most MAX_LISTED_THREADS) with its overdue mark and this operator's unread mark, the return
 * decisions waiting for a checker (what "needs my action" is worked out from, beside the
 * payment detail's rules), and what this console sent that the house has not confirmed.
 */
export function inboxFor(db: Db, username: string, selfId: string, nowMs: number): { threads: InboxThread[]; decisions: ReturnDecision[]; pending: PendingMessage[] } {
  const seen = new Map(sql(db).seenBy.all(username).map((r) => [r.thread_id, r.entries_seen]));
  const threads = listThreads(db).map(({ overdueNoticed: _noticed, ...t }) => ({ ...t, overdue: isOverdue(t, nowMs), unread: isUnread(t, seen.get(t.id) ?? 0, selfId) }));
  // Only a return request still waiting has a decision that matters (proposed, or approved and on its way).
  const decisions = threads.filter((t) => t.kind === 'return' && t.state === 'requested').flatMap((t) => decisionsFor(db, t.id).map(decisionView));
  return { threads, decisions, pending: allPendingMessages(db) };
}

/** This operator has opened the thread as it now stands. False when there is no such thread. */
export function markThreadRead(db: Db, username: string, thread: MessageThread | undefined, at: string): boolean {
  if (thread === undefined) return false;
  sql(db).markRead.run(username, thread.id, thread.entries.length, at);
  return true;
}
