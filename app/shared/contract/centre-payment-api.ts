import { z } from 'zod';
import { signedDecimalAmountSchema } from '../domain/amount-schema';
import { currencySchema, paymentIdSchema, paymentKindSchema, paymentStatusSchema } from '../domain/payment';
import { stopPayloadSchema, threadEntrySchema } from './message-protocol';

/**
 * The clearing centre's 止付 / 解除止付 at the house (docs/messages.md, "Stop payment"):
 * `GET /v1/centre/payments/:id` and `POST /v1/centre/payments/:id/stop|release` with `{reason}`.
 * The console's centre screen and the house check the same shapes.
 */

export const centreStopRequestSchema = stopPayloadSchema;
export type CentreStopRequest = z.infer<typeof centreStopRequestSchema>;

/** Who stopped a payment now stopped: a bank (its participant id) or the centre ('centre', with the operator). */
export const centreStopStateSchema = z
  .object({
    by: z.string(),
    /** The centre operator's username (a stop through the admin token names none). */
    operator: z.string().optional(),
    at: z.string(),
    reason: z.string(),
  })
  .strict();

/** A payment as the centre looks it up, from the house's committed store. */
export const centrePaymentSchema = z
  .object({
    id: paymentIdSchema,
    kind: paymentKindSchema,
    from: z.string(),
    to: z.string(),
    // Signed: a payment the engine rejected keeps the amount it was sent with.
    amount: signedDecimalAmountSchema,
    currency: currencySchema,
    priority: z.number().int().min(0).max(2),
    status: paymentStatusSchema,
    /** Why it was rejected or expired (a reason code). */
    reason: z.string().optional(),
    businessDate: z.string(),
    /** Null unless it is stopped now (queued or scheduled with a stop in force). */
    stop: centreStopStateSchema.nullable(),
    /** Every stop and release of it, oldest first (its stop thread's entries). */
    stops: z.array(threadEntrySchema),
  })
  .strict();
export type CentrePayment = z.infer<typeof centrePaymentSchema>;

export const centrePaymentAnswerSchema = z.object({ payment: centrePaymentSchema }).strict();
export const centreStopAnswerSchema = z.object({ paymentId: paymentIdSchema, state: z.enum(['stopped', 'released']) }).strict();
