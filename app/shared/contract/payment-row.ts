import { z } from 'zod';
import { PAYMENT_KINDS, PAYMENT_STATUSES } from '../domain/payment';

/**
 * A payment as the console's grids and forms see it. Wire-safe: `amount` is a decimal string
 * ("1234.50"), timestamps are ISO strings, `businessDate` is YYYY-MM-DD.
 * `counterparty` is the other bank (to for outgoing, from for incoming) and `counterpartyName`
 * the other side's customer (creditor for outgoing, debtor for incoming).
 */
export const paymentRowSchema = z
  .object({
    id: z.string(),
    kind: z.enum(PAYMENT_KINDS),
    priority: z.number().int().min(0).max(2),
    status: z.enum(PAYMENT_STATUSES),
    direction: z.enum(['out', 'in']),
    from: z.string(),
    fromName: z.string(),
    to: z.string(),
    toName: z.string(),
    counterparty: z.string(),
    counterpartyName: z.string(),
    amount: z.string(),
    currency: z.string(),
    debtorName: z.string(),
    debtorAccount: z.string(),
    creditorName: z.string(),
    creditorAccount: z.string(),
    purpose: z.string(),
    maker: z.string(),
    checker: z.string().nullable(),
    /** A REASON_CODES key when rejected/returned/expired. */
    reason: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    businessDate: z.string(),
  })
  .strict();
export type PaymentRow = z.infer<typeof paymentRowSchema>;

export const billInfoSchema = z
  .object({ billNumber: z.string(), issueDate: z.string(), drawer: z.string() })
  .strict();
export type BillInfo = z.infer<typeof billInfoSchema>;
