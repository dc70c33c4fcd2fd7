import type { PaymentRow } from '../../../shared/contract';
import type { ReturnDecision, ThreadView } from '../../../shared/contract/handlers/messages';
import { centreOperatorOf, stopThreadId } from '../../../shared/contract/message-protocol';
import { parseAmount } from '../../../shared/money/parse';

/** An action offered on the payment's messages panel: shown, and enabled unless `why` says why not. */
export interface Offer {
  why?: 'role' | 'centreStop' | 'ownDecision' | 'clerkProposes';
}

export interface Pending {
  type: string;
  id: string;
}

export interface PaymentOffers {
  inquire?: Offer;
  requestReturn?: Offer;
  stop?: Offer;
  release?: Offer;
  /** Stopped: by this bank or by the clearing centre. */
  stoppedBy?: 'bank' | 'centre';
  /** The centre operator who stopped it (the house names them; not for the admin token). */
  stoppedByOperator?: string;
}

const WRITERS = ['clerk', 'supervisor'];
const can = (roles: readonly string[], allowed: readonly string[]): Offer => (roles.some((r) => allowed.includes(r)) ? {} : { why: 'role' });

/**
 * What the panel offers for a payment, from what this console knows (the house decides for
 * good): 查询 once the house has it, 退回申请 on an own settled HVPS/BEPS payment with none
 * waiting, 止付 on an own payment still waiting at the house, 解除止付 of this bank's own stop.
 */
export function paymentOffers(row: PaymentRow, threads: readonly ThreadView[], pending: readonly Pending[], roles: readonly string[], selfId: string): PaymentOffers {
  const offers: PaymentOffers = {};
  const sentToHouse = !['draft', 'verified', 'held'].includes(row.status);
  if (sentToHouse && !pending.some((p) => p.type === 'message.inquire')) offers.inquire = can(roles, WRITERS);
  const own = row.direction === 'out';
  const returnWaiting = threads.some((t) => t.kind === 'return' && t.state === 'requested') || pending.some((p) => p.type === 'message.returnRequest');
  // What accepted returns already sent back: nothing left, nothing to ask for.
  const returnedMinor = threads.filter((t) => t.kind === 'return' && t.state === 'accepted').reduce((sum, t) => sum + parseAmount(t.amount ?? t.payment.amount, 'CNY'), 0n);
  const left = parseAmount(row.amount, 'CNY') - returnedMinor;
  if (own && row.status === 'settled' && (row.kind === 'hvps' || row.kind === 'beps') && !returnWaiting && left > 0n) offers.requestReturn = can(roles, WRITERS);
  const stop = threads.find((t) => t.id === stopThreadId(row.id));
  const stopped = stop?.state === 'stopped';
  if (stopped) offers.stoppedBy = stop?.from === selfId ? 'bank' : 'centre';
  const operator = stopped && offers.stoppedBy === 'centre' && stop !== undefined ? centreOperatorOf(stop, 'stop') : undefined;
  if (operator !== undefined) offers.stoppedByOperator = operator;
  const stopPending = pending.some((p) => p.type === 'payment.stop' || p.type === 'payment.release');
  const waiting = ['queued', 'scheduled', 'received', 'queued_offline'].includes(row.status);
  if (own && row.kind !== 'bill' && waiting && !stopPending) {
    if (!stopped) offers.stop = can(roles, ['supervisor']);
    else offers.release = offers.stoppedBy === 'centre' ? { why: 'centreStop' } : can(roles, ['supervisor']);
  }
  return offers;
}

export interface ThreadOffers {
  answer?: Offer;
  propose?: Offer;
  /** The proposed answer waiting for a checker. */
  decide?: Offer & { decision: ReturnDecision };
}

/** What a thread offers this operator: 查复 of an inquiry to this bank, and the return answer's maker-checker steps. */
export function threadOffers(thread: ThreadView, decisions: readonly ReturnDecision[], pending: readonly Pending[], roles: readonly string[], username: string, selfId: string): ThreadOffers {
  const offers: ThreadOffers = {};
  const toMe = thread.to === selfId;
  const sent = pending.some((p) => p.id === thread.id);
  if (thread.kind === 'inquiry' && toMe && thread.state === 'open' && !sent) offers.answer = can(roles, WRITERS);
  if (thread.kind === 'return' && toMe && thread.state === 'requested' && !sent) {
    const mine = decisions.filter((d) => d.threadId === thread.id);
    const proposed = mine.find((d) => d.status === 'proposed');
    if (proposed !== undefined) {
      offers.decide = { decision: proposed, ...(!roles.includes('supervisor') ? { why: 'role' as const } : proposed.maker === username ? { why: 'ownDecision' as const } : {}) };
    } else if (!mine.some((d) => d.status === 'approved')) {
      offers.propose = roles.includes('clerk') ? {} : { why: 'clerkProposes' };
    }
  }
  return offers;
}
