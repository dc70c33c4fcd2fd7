import type { HandlerOutput } from '../../../shared/contract';
import type { InboxThread } from '../../../shared/contract/handlers/messages';
import { threadOffers } from './message-rules';

export type Inbox = HandlerOutput<'messages.inbox'>;
export type ThreadKind = InboxThread['kind'];

/** One line of the inbox grid. */
export interface InboxRow {
  id: string;
  kind: ThreadKind;
  /** Sent: this bank asked (or stopped); received: another bank or the centre did. */
  direction: 'sent' | 'received';
  paymentId: string;
  /** The other bank of the payment (a participant id). */
  counterparty: string;
  state: InboxThread['state'];
  /** The reply time of an open inquiry, Beijing time "YYYY-MM-DD HH:MM". */
  dueBy: string | null;
  overdue: boolean;
  unread: boolean;
  /** Unread when the list was loaded: keeps the row's place while it is being read. */
  unreadAtLoad: boolean;
  /** This operator has a step to take now (查复, propose the return answer, approve it). */
  needsAction: boolean;
  /** When the thread last moved (its newest step, house time). */
  lastAt: string;
  thread: InboxThread;
}

export interface InboxFilters {
  kind: ThreadKind | '';
  needsAction: boolean;
  overdue: boolean;
}

export const NO_INBOX_FILTERS: InboxFilters = { kind: '', needsAction: false, overdue: false };

/** "2026-11-27T16:30+08:00" -> "2026-11-27 16:30": the house gives it in Beijing time already. */
export const beijingDue = (dueBy: string | undefined): string | null => (dueBy === undefined ? null : dueBy.replace('T', ' ').replace('+08:00', ''));

/**
 * The inbox's rows for one operator, in working order: what needs their action first, then
 * unread, then overdue, then the most recently moved. "Needs action" is the payment detail's
 * own rule (threadOffers): an offered step this operator may take. `readNow`: threads opened
 * since the list was loaded (shown read, ordered as loaded).
 */
export function inboxRows(inbox: Inbox | null, roles: readonly string[], username: string, selfId: string, readNow: readonly string[] = []): InboxRow[] {
  if (inbox === null) return [];
  const rows = inbox.threads.map((thread): InboxRow => {
    const offers = threadOffers(thread, inbox.decisions, inbox.pending, roles, username, selfId);
    const needsAction = [offers.answer, offers.propose, offers.decide].some((o) => o !== undefined && o.why === undefined);
    const sent = thread.from === selfId;
    // A stop is between this bank (or the centre) and its own payment: the other bank is the payee.
    const counterparty = thread.kind === 'stop' ? (thread.payment.from === selfId ? thread.payment.to : thread.payment.from) : sent ? thread.to : thread.from;
    return {
      id: thread.id,
      kind: thread.kind,
      direction: sent ? 'sent' : 'received',
      paymentId: thread.paymentId,
      counterparty,
      state: thread.state,
      dueBy: thread.state === 'open' ? beijingDue(thread.dueBy) : null,
      overdue: thread.overdue,
      unread: thread.unread && !readNow.includes(thread.id),
      unreadAtLoad: thread.unread,
      needsAction,
      lastAt: thread.entries[thread.entries.length - 1]?.at ?? '',
      thread,
    };
  });
  const rank = (r: InboxRow) => (r.needsAction ? 0 : 4) + (r.unreadAtLoad ? 0 : 2) + (r.overdue ? 0 : 1);
  return rows.sort((a, b) => rank(a) - rank(b) || b.lastAt.localeCompare(a.lastAt) || a.id.localeCompare(b.id));
}

export function filterInbox(rows: readonly InboxRow[], filters: InboxFilters): InboxRow[] {
  return rows.filter((r) => (filters.kind === '' || r.kind === filters.kind) && (!filters.needsAction || r.needsAction) && (!filters.overdue || r.overdue));
}

/** The nav badge: threads that need this operator's action or that they have not read. */
export function inboxBadge(rows: readonly InboxRow[]): number {
  return rows.filter((r) => r.needsAction || r.unread).length;
}
