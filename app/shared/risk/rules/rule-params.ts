import { z } from 'zod';
import { tryParseAmount } from '../../money/parse';
import { paymentKindSchema } from '../../domain/payment';
import { countryCodeSchema, customerTypeSchema } from './risk-input';

/**
 * Parameters of each rule. Stored and exchanged as JSON with amounts as decimal strings
 * ("50000.00"); parsing turns them into bigint minor units. Scores are whole points 0..100.
 */
export const amountParam = z.string().transform((text, ctx) => {
  const parsed = tryParseAmount(text, 'CNY');
  if (!parsed.ok) {
    ctx.addIssue({ code: 'custom', message: parsed.message });
    return z.NEVER;
  }
  return parsed.amountMinor;
});

const score = z.number().int().min(0).max(100);
const enabled = z.boolean();
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'time must be HH:MM (24-hour)' });

export const amountThresholdParams = z
  .object({
    enabled,
    /** The highest-scoring tier the payment reaches fires. */
    tiers: z
      .array(
        z
          .object({
            kind: z.union([paymentKindSchema, z.literal('any')]),
            customerType: z.union([customerTypeSchema, z.literal('any')]),
            atLeast: amountParam,
            score,
          })
          .strict(),
      )
      .max(50),
  })
  .strict();

export const velocityParams = z
  .object({
    enabled,
    windowMinutes: z.number().int().min(1).max(7 * 24 * 60),
    /** Fires when the payments in the window, this one included, reach either limit. */
    countAtLeast: z.number().int().min(2).max(10_000),
    amountAtLeast: amountParam,
    score,
  })
  .strict();

export const structuringParams = z
  .object({
    enabled,
    /** Reporting thresholds people split payments to stay under (e.g. 50,000 cash, 500,000). */
    thresholds: z.array(amountParam).min(1).max(10),
    /** "Just under": within this percentage below a threshold (10 -> 45,000.00 .. 49,999.99). */
    bandPercent: z.number().int().min(1).max(50),
    countAtLeast: z.number().int().min(2).max(100),
    windowMinutes: z.number().int().min(60).max(7 * 24 * 60),
    score,
  })
  .strict();

export const newCounterpartyParams = z.object({ enabled, minAmount: amountParam, score }).strict();

export const roundAmountParams = z.object({ enabled, multipleOf: amountParam, minAmount: amountParam, score }).strict();

export const offHoursParams = z
  .object({
    enabled,
    businessStart: hhmm,
    businessEnd: hhmm,
    /** Offset of the bank's local time from UTC (Beijing time: 480). */
    utcOffsetMinutes: z.number().int().min(-720).max(840),
    weekendsAreOffHours: z.boolean(),
    minAmount: amountParam,
    score,
  })
  .strict()
  .refine((p) => p.businessStart < p.businessEnd, { message: 'businessStart must be before businessEnd' });

export const dormantAccountParams = z
  .object({ enabled, dormantDays: z.number().int().min(1).max(3650), minAmount: amountParam, score })
  .strict();

export const crossBorderParams = z
  .object({
    enabled,
    homeCountry: countryCodeSchema,
    minAmount: amountParam,
    score,
    /** Countries that add highRiskScore on top (e.g. FATF call-for-action jurisdictions). */
    highRiskCountries: z.array(countryCodeSchema).max(250),
    highRiskScore: score,
  })
  .strict();

export const sanctionsMatchParams = z
  .object({
    enabled,
    reviewAt: z.number().min(0).max(1),
    holdAt: z.number().min(0).max(1),
    reviewScore: score,
    holdScore: score,
  })
  .strict()
  .refine((p) => p.reviewAt <= p.holdAt, { message: 'reviewAt must not be above holdAt' });

export const ruleParamsSchema = z
  .object({
    amount_threshold: amountThresholdParams,
    velocity: velocityParams,
    structuring: structuringParams,
    new_counterparty: newCounterpartyParams,
    round_amount: roundAmountParams,
    off_hours: offHoursParams,
    dormant_account: dormantAccountParams,
    cross_border: crossBorderParams,
    sanctions_match: sanctionsMatchParams,
  })
  .strict();

/** As stored (amounts as decimal strings). */
export type RuleParamsInput = z.input<typeof ruleParamsSchema>;
/** As the rules use them (amounts as bigint minor units). */
export type RuleParams = z.output<typeof ruleParamsSchema>;
