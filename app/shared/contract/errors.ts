import { z } from 'zod';

/** One problem with one field: `path` as the form names it ('amount', 'creditor.account'). */
export const contractIssueSchema = z.object({ path: z.string(), message: z.string(), messageZh: z.string() }).strict();
export type ContractIssue = z.infer<typeof contractIssueSchema>;

/**
 * A user-causable error: a stable code ('auth.locked', 'payments.maker_cannot_verify',
 * 'validation', 'auth.required', 'auth.forbidden', 'internal'), words in both languages, and
 * per-field issues when a form was wrong.
 */
export const contractErrorSchema = z
  .object({ code: z.string(), message: z.string(), messageZh: z.string(), issues: z.array(contractIssueSchema).optional() })
  .strict();
export type ContractError = z.infer<typeof contractErrorSchema>;

/** Codes every handler may answer with, besides its own. */
export const COMMON_ERROR_CODES = [
  'validation',
  'auth.required',
  'auth.forbidden',
  'not_found',
  'internal',
  'unknown_handler',
  // The local store refused a write (app/main/store/store-errors.ts): nothing was changed.
  'store.full',
  'store.read_only',
  'store.io_error',
] as const;
