import { z } from 'zod';
import type { HandlerSpec } from './common';
import { paymentRowSchema } from '../payment-row';
import { paymentPrioritySchema } from '../../domain/payment';

const actionInput = z.object({ id: z.string().min(1).max(64), reason: z.string().trim().min(1).max(140) }).strict();
/** The new priority uses the payment's numbers: 0 特急, 1 紧急, 2 普通. */
const reprioritiseInput = actionInput.extend({ priority: paymentPrioritySchema }).strict();
const paymentOut = z.object({ payment: paymentRowSchema }).strict();

/**
 * Cancel (撤销), bill return (退票) and a new priority (调整优先级) through the clearing house. A supervisor acts alone with
 * a written reason (docs/console-ui.md "Cancel and return"): the payment passed maker-checker
 * when it was verified, and stopping it must not wait for a second person while it may settle.
 * The request goes to the outbox; the house's answer arrives as a status (cancelled /
 * returned) or, if refused, as an alert naming the reason; an accepted new priority is written
 * to the local row when the push result says accepted (the pull's status change carries none).
 */
export const paymentActionHandlers = {
  /** Errors: 'payments.not_cancellable', 'payments.action_pending', 'payments.no_house_link', 'not_found'. */
  'payments.requestCancel': { input: actionInput, output: paymentOut, roles: ['supervisor'], activity: true },
  /** Errors: 'payments.not_returnable', 'payments.action_pending', 'payments.no_house_link', 'not_found'. */
  'payments.requestReturn': { input: actionInput, output: paymentOut, roles: ['supervisor'], activity: true },
  /** Errors: 'payments.not_reprioritisable', 'payments.action_pending', 'payments.no_house_link', 'not_found'. */
  'payments.requestReprioritise': { input: reprioritiseInput, output: paymentOut, roles: ['supervisor'], activity: true },
} as const satisfies Record<string, HandlerSpec>;
