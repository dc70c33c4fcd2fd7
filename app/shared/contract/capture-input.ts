import { z } from 'zod';

/**
 * What the entry form sends for 'payments.capture'. The schema only fixes the shape (strings of
 * bounded length) so that every field-level mistake is reported by validateCapture() with a
 * message in both languages and a path the form can put next to the field.
 */
export const captureInputSchema = z
  .object({
    kind: z.enum(['hvps', 'beps', 'bill']),
    priority: z.union([z.literal(0), z.literal(1), z.literal(2)]),
    /** Receiving participant id. */
    to: z.string().max(64),
    /** Decimal string, e.g. "1409.50". */
    amount: z.string().max(64),
    currency: z.string().max(8),
    debtor: z.object({ name: z.string().max(400), account: z.string().max(64) }).strict(),
    creditor: z.object({ name: z.string().max(400), account: z.string().max(64) }).strict(),
    purpose: z.string().max(1000),
    bill: z
      .object({ billNumber: z.string().max(64), issueDate: z.string().max(32), drawer: z.string().max(400) })
      .strict()
      .optional(),
    /** 最早清算时间 "HH:MM" on the house's business clock (UTC+8); HVPS only (DESIGN 4.1). */
    earliest: z.string().max(8).optional(),
    /** 最迟清算时间 (reject time) "HH:MM"; HVPS only. */
    latest: z.string().max(8).optional(),
    /** 起息日 (value date) YYYY-MM-DD, today up to 5 working days ahead: a warehoused payment. */
    valueDate: z.string().max(16).optional(),
  })
  .strict();
export type CaptureInput = z.infer<typeof captureInputSchema>;
