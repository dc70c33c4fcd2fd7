import type { PaymentRow } from '../../../shared/contract';

export type PaymentAction = 'cancel' | 'return' | 'reprioritise';

/** Mirrors the back end (app/main/sync/payment-actions.ts); the house decides in the end. */
const CANCELLABLE = new Set<PaymentRow['status']>(['queued_offline', 'received', 'queued']);
const RETURNABLE = new Set<PaymentRow['status']>(['netted', 'queued']);

/** Which buttons the payment detail offers this operator for this payment. */
export function availableActions(row: PaymentRow, roles: readonly string[]): PaymentAction[] {
  if (!roles.includes('supervisor')) return [];
  // A new priority moves a payment in the house's RTGS queue; for DNS (beps) it would change
  // nothing (admission is arrival order), so only HVPS payments offer it.
  if (row.direction === 'out' && row.kind !== 'bill' && CANCELLABLE.has(row.status)) return row.kind === 'hvps' ? ['cancel', 'reprioritise'] : ['cancel'];
  if (row.direction === 'in' && row.kind === 'bill' && RETURNABLE.has(row.status)) return ['return'];
  return [];
}
