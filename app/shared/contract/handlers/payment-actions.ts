import { z } from 'zod';
import type { HandlerSpec } from './common';
import { paymentRowSchema } from '../payment-row';

const actionInput = z.object({ id: z.string().min(1).max(64), reason: z.string().trim().min(1).max(140) }).strict();
const paymentOut = z.object({ payment: paymentRowSchema }).strict();

/**
 * Cancel (撤销) and bill return (退票) through the clearing house. A supervisor acts alone with
 * a written reason (docs/console-ui.md "Cancel and return"): the payment passed maker-checker
 * when it was verified, and stopping it must not wait for a second person while it may settle.
 * The request goes to the outbox; the house's answer arrives as a status (cancelled /
 * returned) or, if refused, as an alert naming the reason.
 */
export const paymentActionHandlers = {
  /** Errors: 'payments.not_cancellable', 'payments.action_pending', 'payments.no_house_link', 'not_found'. */
  'payments.requestCancel': { input: actionInput, output: paymentOut, roles: ['supervisor'] },
  /** Errors: 'payments.not_returnable', 'payments.action_pending', 'payments.no_house_link', 'not_found'. */
  'payments.requestReturn': { input: actionInput, output: paymentOut, roles: ['supervisor'] },
} as const satisfies Record<string, HandlerSpec>;
