import { type HandlerName, type PaymentRow } from '../../../shared/contract';
import { mayCall } from '../../../shared/contract/handler-access';
import type { Role } from '../../../shared/domain/operator';
import { isOwnUnsettled, isReturnableBill } from '../../../shared/domain/payment-actions';

export type PaymentAction = 'cancel' | 'return' | 'reprioritise';

const HANDLER_OF: Record<PaymentAction, HandlerName> = {
  cancel: 'payments.requestCancel',
  return: 'payments.requestReturn',
  reprioritise: 'payments.requestReprioritise',
};

// Which payments may be acted on, and by whom, are the back end's rules too
// (app/shared/domain/payment-actions.ts and the handlers' roles); the house decides in the end.

function byPayment(row: PaymentRow): PaymentAction[] {
  // A new priority moves a payment in the house's RTGS queue; for DNS (beps) it would change
  // nothing (admission is arrival order), so only HVPS payments offer it.
  if (isOwnUnsettled(row)) return row.kind === 'hvps' ? ['cancel', 'reprioritise'] : ['cancel'];
  if (isReturnableBill(row)) return ['return'];
  return [];
}

/** Which buttons the payment detail offers this operator for this payment. */
export function availableActions(row: PaymentRow, roles: readonly Role[]): PaymentAction[] {
  return byPayment(row).filter((action) => mayCall(roles, HANDLER_OF[action]));
}
