import { z } from 'zod';
import { tryParseAmount } from '../money/parse';

/** A non-negative decimal amount string as on the wire ("1234.50"), checked for CNY precision. */
export const decimalAmountSchema = z.string().superRefine((text, ctx) => {
  const result = tryParseAmount(text, 'CNY');
  if (!result.ok) ctx.addIssue({ code: 'custom', message: result.message });
});

/** A signed decimal amount string ("-12.00"), for positions and statement lines. */
export const signedDecimalAmountSchema = z.string().superRefine((text, ctx) => {
  const result = tryParseAmount(text, 'CNY', { allowNegative: true });
  if (!result.ok) ctx.addIssue({ code: 'custom', message: result.message });
});

/** A strictly positive payment amount string. */
export const positiveAmountSchema = z.string().superRefine((text, ctx) => {
  const result = tryParseAmount(text, 'CNY');
  if (!result.ok) ctx.addIssue({ code: 'custom', message: result.message });
  else if (result.amountMinor <= 0n) ctx.addIssue({ code: 'custom', message: 'amount must be greater than zero' });
});
