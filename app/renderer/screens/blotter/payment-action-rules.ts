import type { PaymentRow } from '../../../shared/contract';
import { isOwnUnsettled, isReturnableBill } from '../../../shared/domain/payment-actions';

export type PaymentAction = 'cancel' | 'return' | 'reprioritise';

// Which payments may be acted on is the back end's rule too (app/shared/domain/payment-actions.ts);
// the house decides in the end.

/** Which buttons the payment detail offers this operator for this payment. */
export function availableActions(row: PaymentRow, roles: readonly string[]): PaymentAction[] {
  if (!roles.includes('supervisor')) return [];
  // A new priority moves a payment in the house's RTGS queue; for DNS (beps) it would change
  // nothing (admission is arrival order), so only HVPS payments offer it.
  if (isOwnUnsettled(row)) return row.kind === 'hvps' ? ['cancel', 'reprioritise'] : ['cancel'];
  if (isReturnableBill(row)) return ['return'];
  return [];
}
