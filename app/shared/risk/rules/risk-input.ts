import { z } from 'zod';
import { isBusinessDate } from '../../domain/calendar';
import { paymentKindSchema } from '../../domain/payment';

/**
 * What the rules look at. Pure data: the caller (app/main/risk) fetches the customer's history
 * and screening results and passes them in, so evaluation needs no clock and no database.
 */

/** Text shown to people, in both languages of the product (zh-CN first). */
export interface Bilingual {
  zh: string;
  en: string;
}

export const CUSTOMER_TYPES = ['individual', 'corporate'] as const;
export const customerTypeSchema = z.enum(CUSTOMER_TYPES);
export type CustomerType = z.infer<typeof customerTypeSchema>;

/** A timestamp with its UTC offset ("2026-11-26T09:30:00+08:00"); parsed to epoch ms by the rules. */
export const timestampSchema = z.iso.datetime({ offset: true });

export const businessDateSchema = z.string().refine(isBusinessDate, { message: 'business date must be a real YYYY-MM-DD date' });

/** ISO 3166-1 alpha-2 country code, upper case. */
export const countryCodeSchema = z.string().regex(/^[A-Z]{2}$/, { message: 'country must be a two-letter ISO code like CN' });

export const riskPaymentSchema = z
  .object({
    id: z.string().min(1).max(64),
    kind: paymentKindSchema,
    amountMinor: z.bigint().positive(),
    customerId: z.string().min(1).max(64),
    customerType: customerTypeSchema,
    /** Who is paid: bank code and account, as one key ("104521000012:6222..."). */
    counterpartyKey: z.string().min(1).max(80),
    /** Country of the counterparty's bank. HK, MO and TW are outside the mainland for PBoC purposes. */
    counterpartyCountry: countryCodeSchema.default('CN'),
    at: timestampSchema,
    businessDate: businessDateSchema,
  })
  .strict();
export type RiskPayment = z.output<typeof riskPaymentSchema>;

/** An earlier payment of the same customer. */
export const historyPaymentSchema = z
  .object({
    id: z.string().min(1).max(64),
    customerId: z.string().min(1).max(64),
    amountMinor: z.bigint().positive(),
    counterpartyKey: z.string().min(1).max(80),
    at: timestampSchema,
  })
  .strict();
export type HistoryPayment = z.output<typeof historyPaymentSchema>;

/** The best screening match for a party of the payment, from the Screener. */
export const screeningResultSchema = z
  .object({
    party: z.enum(['debtor', 'creditor']),
    list: z.string(),
    entryId: z.string(),
    listedName: z.string(),
    score: z.number().min(0).max(1),
  })
  .strict();
export type ScreeningResult = z.output<typeof screeningResultSchema>;

export const riskContextSchema = z
  .object({
    /** Earlier payments of this customer; rules look back as far as their windows need. */
    history: z.array(historyPaymentSchema),
    /** Counterparties known before the history window (e.g. from the customer's payee book). */
    knownCounterparties: z.array(z.string()).default([]),
    /** Last activity on the account before the history given, if any (for the dormancy rule). */
    lastActivityAt: timestampSchema.nullable().default(null),
    screening: z.array(screeningResultSchema).default([]),
    /** Non-working days (business calendar) counted as off-hours. */
    holidays: z.array(businessDateSchema).default([]),
    /** Saturdays and Sundays the calendar declares working days (调休上班): not off-hours for being a weekend. */
    workingWeekends: z.array(businessDateSchema).default([]),
  })
  .strict();
export type RiskContext = z.output<typeof riskContextSchema>;
export type RiskContextInput = z.input<typeof riskContextSchema>;

/** Epoch milliseconds of a validated timestamp; a bad one here is a bug (inputs are parsed first). */
export function epochMs(timestamp: string): number {
  const ms = Date.parse(timestamp);
  if (Number.isNaN(ms)) throw new Error(`not a timestamp: ${timestamp}`);
  return ms;
}
