import { z } from 'zod';
import { ROLES, type Role } from '../../domain/operator';

/** Who may call a handler: 'public' needs no session; otherwise the operator needs one of the roles. */
export type HandlerAccess = readonly Role[] | 'public';

export interface HandlerSpec {
  input: z.ZodType;
  output: z.ZodType;
  roles: HandlerAccess;
  /** An operator action that restarts the idle clock (reads and polls leave it out). */
  activity?: true;
}

/** Any logged-in operator. */
export const ANY_ROLE: readonly Role[] = ROLES;

/** Roles that read payments (blotter, details). */
export const PAYMENT_READERS: readonly Role[] = ['clerk', 'supervisor', 'risk', 'recon', 'auditor'];

export const emptyInputSchema = z.object({}).strict();
export const emptyOutputSchema = z.object({}).strict();

/** A participant as the console shows it. */
export const participantSummarySchema = z
  .object({ id: z.string(), name: z.string(), bankCode: z.string() })
  .strict();
export type ParticipantSummary = z.infer<typeof participantSummarySchema>;

/** A calendar date 'YYYY-MM-DD'. */
export const isoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'date must be YYYY-MM-DD' });
