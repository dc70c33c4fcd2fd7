import { z } from 'zod';

export const RISK_DECISIONS = ['pass', 'review', 'hold', 'reject'] as const;
export type RiskDecision = (typeof RISK_DECISIONS)[number];

/**
 * Total score -> decision. A total at or above `reject` rejects, at or above `hold` holds, at or
 * above `review` sends to review; below passes. Bands must rise strictly.
 */
export const decisionBandsSchema = z
  .object({
    review: z.number().int().min(1).max(1000),
    hold: z.number().int().min(1).max(1000),
    reject: z.number().int().min(1).max(1000),
  })
  .strict()
  .refine((b) => b.review < b.hold && b.hold < b.reject, { message: 'bands must rise: review < hold < reject' });
export type DecisionBands = z.infer<typeof decisionBandsSchema>;

export function decide(total: number, bands: DecisionBands): RiskDecision {
  if (total >= bands.reject) return 'reject';
  if (total >= bands.hold) return 'hold';
  if (total >= bands.review) return 'review';
  return 'pass';
}
