import type { PaymentKind, PaymentStatus } from './payment';

/**
 * Which payments a console may ask the house to cancel, reprioritise or return: the back end
 * checks a request against these (app/main/payments/payment-actions.ts) and the renderer offers its
 * buttons from them (screens/blotter/payment-action-rules.ts). The house has the last word.
 */

/**
 * Local statuses a cancel may still catch: the house cancels a queued payment or one still
 * scheduled (waiting for its time or value date, DESIGN 4.1), and decides.
 */
export const CANCELLABLE_STATUSES: ReadonlySet<PaymentStatus> = new Set<PaymentStatus>(['queued_offline', 'received', 'queued', 'scheduled']);
/** A received bill may be returned while its cycle is open (the house decides). */
export const RETURNABLE_STATUSES: ReadonlySet<PaymentStatus> = new Set<PaymentStatus>(['netted', 'queued']);

export interface ActionablePayment {
  direction: 'out' | 'in';
  kind: PaymentKind;
  status: PaymentStatus;
}

/** This bank's own unsettled outgoing payment (not a bill): it may be cancelled or given a new priority. */
export function isOwnUnsettled(payment: ActionablePayment): boolean {
  return payment.direction === 'out' && payment.kind !== 'bill' && CANCELLABLE_STATUSES.has(payment.status);
}

/** A bill presented against this bank, before its cycle closes: it may be returned (退票). */
export function isReturnableBill(payment: ActionablePayment): boolean {
  return payment.direction === 'in' && payment.kind === 'bill' && RETURNABLE_STATUSES.has(payment.status);
}
