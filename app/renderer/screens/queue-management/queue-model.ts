import type { QueueRow, QueueView } from '../../../shared/contract/handlers/liquidity';
import { mayCall } from '../../../shared/contract/handler-access';
import type { Role } from '../../../shared/domain/operator';
import { formatAmountGrouped, tryParseAmount } from '../../../shared/money';

export const QUEUE_TABS = ['rtgs', 'dns', 'scheduled'] as const;
export type QueueTab = (typeof QUEUE_TABS)[number];

export type QueueAction = 'top' | 'bottom' | 'reprioritise' | 'cancel';
export const QUEUE_ACTIONS: readonly QueueAction[] = ['top', 'bottom', 'reprioritise', 'cancel'];

/** Keyboard: T front, B back, P priority, Delete cancel (the keys hint says the same). */
export function actionForKey(key: string): QueueAction | null {
  switch (key) {
    case 't':
    case 'T':
      return 'top';
    case 'b':
    case 'B':
      return 'bottom';
    case 'p':
    case 'P':
      return 'reprioritise';
    case 'Delete':
      return 'cancel';
    default:
      return null;
  }
}

const HANDLER_OF = {
  top: 'payments.requestReorder',
  bottom: 'payments.requestReorder',
  reprioritise: 'payments.requestReprioritise',
  cancel: 'payments.requestCancel',
} as const;

const PENDING_OF: Record<QueueAction, QueueRow['pending'][number]> = {
  top: 'payment.reorder',
  bottom: 'payment.reorder',
  reprioritise: 'payment.reprioritise',
  cancel: 'payment.cancel',
};

/**
 * Whether the operator may take the action on the row, and if not, the i18n key of why (the
 * screen shows the button disabled with that reason, never a refusal after the click). The
 * rules are the house's (DESIGN 4.1): reorder only a queued RTGS payment, and not past the
 * end of its class; a new priority for RTGS (queued or scheduled); cancel any waiting one.
 */
export function blockedReason(action: QueueAction, tab: QueueTab, row: QueueRow | undefined, rows: readonly QueueRow[], roles: readonly Role[]): string | null {
  if (!mayCall(roles, HANDLER_OF[action])) return 'qm.blocked.role';
  if (row === undefined) return 'qm.blocked.select';
  // The house lists it, but this console has no record to send a request from.
  if (!row.local) return 'qm.blocked.otherDevice';
  if (action === 'top' || action === 'bottom') {
    if (tab === 'dns') return 'qm.blocked.dns';
    if (tab === 'scheduled') return 'qm.blocked.notQueued';
    if (row.waitReason === 'stopped') return 'qm.blocked.stopped';
    // Stopped payments hold no place: first and last are among the others of the class.
    const peers = rows.filter((r) => r.priority === row.priority && r.waitReason !== 'stopped');
    if (action === 'top' && peers[0]?.id === row.id) return 'qm.blocked.first';
    if (action === 'bottom' && peers[peers.length - 1]?.id === row.id) return 'qm.blocked.last';
  }
  if (action === 'reprioritise' && (tab === 'dns' || row.kind !== 'hvps')) return 'qm.blocked.dns';
  if (row.pending.includes(PENDING_OF[action])) return 'qm.blocked.pending';
  return null;
}

/** Count and total value of a list, grouped for display ("1,234,567.00"). */
export function summaryOf(rows: readonly QueueRow[]): { count: number; amount: string } {
  let minor = 0n;
  for (const r of rows) {
    const parsed = tryParseAmount(r.amount, 'CNY');
    if (parsed.ok) minor += parsed.amountMinor;
  }
  return { count: rows.length, amount: formatAmountGrouped(minor, 'CNY') };
}

/**
 * The row the supervisor chose, by payment id, in the list as it is now: undefined when that
 * payment is not in it (it left the queue, or this answer does not carry it). Never another row
 * in its place: a reload that reorders the list must not move an action to another payment.
 */
export function chosenRow(rows: readonly QueueRow[], chosenId: string | null): QueueRow | undefined {
  return chosenId === null ? undefined : rows.find((r) => r.id === chosenId);
}

export function rowsOf(view: QueueView | null, tab: QueueTab): QueueRow[] {
  return view === null ? [] : view[tab];
}
