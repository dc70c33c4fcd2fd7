import { z } from 'zod';

/**
 * The normalised shapes `hankou iso parse` prints and the writers take. Amounts are exact
 * decimal strings; dates are YYYY-MM-DD; absent optional values are null (never omitted), so
 * every object has the same keys in the same order.
 */
const text = z.string().min(1).max(2048);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const decimal = z.string().regex(/^(0|[1-9][0-9]*)(\.[0-9]{1,5})?$/);
const currency = z.string().regex(/^[A-Z]{3}$/);
const creditDebit = z.enum(['CRDT', 'DBIT']);

export const balanceSchema = z.object({
  amount: decimal,
  currency,
  creditDebit,
  date: isoDate.nullable(),
});
export type Balance = z.infer<typeof balanceSchema>;

export const entrySchema = z.object({
  amount: decimal,
  currency,
  creditDebit,
  bookingDate: isoDate.nullable(),
  valueDate: isoDate.nullable(),
  /** The account servicer's reference (AcctSvcrRef), else the entry reference (NtryRef). */
  reference: text.nullable(),
  endToEndId: text.nullable(),
  /** The other party: the debtor of a credit, the creditor of a debit. */
  counterparty: text.nullable(),
  remittance: text.nullable(),
});
export type StatementEntry = z.infer<typeof entrySchema>;

export const statementSchema = z.object({
  account: text,
  openingBalance: balanceSchema.nullable(),
  closingBalance: balanceSchema.nullable(),
  entries: z.array(entrySchema),
});
export type Statement = z.infer<typeof statementSchema>;

export const statementMessageSchema = z.object({
  type: z.enum(['camt.053', 'camt.054']),
  version: z.string().regex(/^001\.\d{2}$/),
  statements: z.array(statementSchema),
});
export type StatementMessage = z.infer<typeof statementMessageSchema>;

export const partySchema = z.object({
  name: text.nullable(),
  account: text.nullable(),
  /** For financial-institution parties (pacs.009) and agents-as-parties. */
  bic: text.nullable(),
});
export type Party = z.infer<typeof partySchema>;

export const transactionSchema = z.object({
  endToEndId: text.nullable(),
  uetr: text.nullable(),
  amount: decimal.nullable(),
  currency: currency.nullable(),
  debtor: partySchema.nullable(),
  creditor: partySchema.nullable(),
  /** BIC, else the clearing-system member id (a CNAPS bank code). */
  debtorAgent: text.nullable(),
  creditorAgent: text.nullable(),
  remittance: text.nullable(),
  /** pacs.002 only: the transaction status (ACCP, ACSC, RJCT, PDNG...). */
  status: text.nullable().optional(),
  /** pacs.002 and pacs.004: the status or return reason code (AC04...). */
  reasonCode: text.nullable().optional(),
});
export type PaymentTransaction = z.infer<typeof transactionSchema>;

export const paymentMessageSchema = z.object({
  type: z.enum(['pacs.008', 'pacs.002', 'pacs.004', 'pacs.009']),
  version: z.string().regex(/^001\.\d{2}$/),
  messageId: text,
  transactions: z.array(transactionSchema),
});
export type PaymentMessage = z.infer<typeof paymentMessageSchema>;

export type Iso20022Message = StatementMessage | PaymentMessage;
