import { z } from 'zod';
import { partySchema, participantIdSchema } from './participant';
import { positiveAmountSchema } from './amount-schema';
import { CURRENCY_CODES, type CurrencyCode } from '../money/currency';

export const PAYMENT_KINDS = ['hvps', 'beps', 'bill', 'return'] as const;
export const paymentKindSchema = z.enum(PAYMENT_KINDS);
export type PaymentKind = z.infer<typeof paymentKindSchema>;

/** Kinds a clerk captures on the console; returns are raised from a settled payment. */
export const CAPTURE_KINDS = ['hvps', 'beps', 'bill'] as const;

/**
 * Statuses, with the CNAPS processing codes they mirror: queued PR11/PR12, settled PR04,
 * netted PR03, rejected PR09, cancelled PR08, expired PR32. draft, verified, held and
 * queued_offline live on the console only; held = verified but stopped by risk until an officer
 * releases it (back to verified, then the outbox) or rejects it (docs/risk.md).
 */
export const PAYMENT_STATUSES = [
  'draft',
  'verified',
  'held',
  'queued_offline',
  'received',
  'queued',
  'settled',
  'netted',
  'rejected',
  'cancelled',
  'returned',
  'expired',
  'scheduled',
] as const;
export const paymentStatusSchema = z.enum(PAYMENT_STATUSES);
export type PaymentStatus = z.infer<typeof paymentStatusSchema>;

export const CNAPS_STATUS_CODE: Readonly<Partial<Record<PaymentStatus, string>>> = {
  queued: 'PR11',
  settled: 'PR04',
  netted: 'PR03',
  rejected: 'PR09',
  cancelled: 'PR08',
  expired: 'PR32',
};

/** Statuses after which nothing more happens to a payment. */
export const FINAL_STATUSES: ReadonlySet<PaymentStatus> = new Set(['settled', 'rejected', 'cancelled', 'returned', 'expired']);

/** 0 urgent-high (特急), 1 urgent (紧急), 2 normal (普通). */
export const paymentPrioritySchema = z.union([z.literal(0), z.literal(1), z.literal(2)]);
export type PaymentPriority = z.infer<typeof paymentPrioritySchema>;

export const currencySchema = z.enum(CURRENCY_CODES as [CurrencyCode, ...CurrencyCode[]]);

/** A time of day "HH:MM" (00:00 to 23:59). */
/** Shared with the push fast path (payment-fast-check.ts), so both accept the same text. */
export const CLOCK_TIME_PATTERN = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;
export const PAYMENT_ID_PATTERN = /^[A-Za-z0-9_.:-]+$/;
export const ISO_DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

export const clockTimeSchema = z.string().regex(CLOCK_TIME_PATTERN, { message: 'time must be "HH:MM" from 00:00 to 23:59' });

/** Payment ids are globally unique; consoles make them as `<participant>-<device>-<seq>` or UUIDs. */
export const paymentIdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(PAYMENT_ID_PATTERN, { message: 'payment id may hold letters, digits, _ . : - only' });

export const purposeSchema = z.string().trim().max(140, { message: 'purpose is at most 140 characters' });

/** Bill (票据) details; the presenting bank is the payee's bank, the paying bank is `from`. */
export const billDetailsSchema = z
  .object({
    billNumber: z.string().regex(/^\d{8,20}$/, { message: 'bill number must be 8 to 20 digits' }),
    issueDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'issue date must be YYYY-MM-DD' }),
    drawer: z.string().trim().min(1).max(140),
  })
  .strict();
export type BillDetails = z.infer<typeof billDetailsSchema>;

/** The payment as it travels to the house (DESIGN.md section 5). Sender comes from the token. */
export const paymentPayloadSchema = z
  .object({
    id: paymentIdSchema,
    kind: paymentKindSchema,
    priority: paymentPrioritySchema,
    to: participantIdSchema,
    amount: positiveAmountSchema,
    currency: currencySchema,
    debtor: partySchema,
    creditor: partySchema,
    purpose: purposeSchema,
    presentedBy: billDetailsSchema.optional(),
    /** For kind 'return': the id of the settled payment being sent back. */
    originalId: paymentIdSchema.optional(),
    /** hvps only (DESIGN 4.1): earliest settlement time and reject time, "HH:MM" on the house's business clock (UTC+8). */
    earliest: clockTimeSchema.optional(),
    latest: clockTimeSchema.optional(),
    /** Warehoused payment: its value date, up to 5 working days ahead on the house calendar. */
    valueDate: z.string().regex(ISO_DATE_PATTERN, { message: 'value date must be YYYY-MM-DD' }).optional(),
  })
  .strict();
export type PaymentPayload = z.infer<typeof paymentPayloadSchema>;
