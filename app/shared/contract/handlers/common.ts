import { z } from 'zod';
import { CENTRE_SESSION_ROLES, ROLES, type ConsoleRole, type Role } from '../../domain/operator';

/** Who may call a handler: 'public' needs no session; otherwise the operator needs one of the roles. */
export type HandlerAccess = readonly ConsoleRole[] | 'public';

export interface HandlerSpec {
  input: z.ZodType;
  output: z.ZodType;
  roles: HandlerAccess;
  /** An operator action that restarts the idle clock (reads and polls leave it out). */
  activity?: true;
}

/** Any logged-in operator of the bank (a centre session is not one: it reaches only the centre's handlers). */
export const ANY_ROLE: readonly Role[] = ROLES;

/** Anybody signed in at all, bank or centre: the idle-timer ping. */
export const ANY_SESSION: readonly ConsoleRole[] = [...ROLES, ...CENTRE_SESSION_ROLES];

/** The centre's people (docs/centre.md, "People"): everyone reads; operators and supervisors act; supervisors decide. */
export const CENTRE_READERS: readonly ConsoleRole[] = CENTRE_SESSION_ROLES;
export const CENTRE_ACTORS: readonly ConsoleRole[] = ['centre-operator', 'centre-supervisor'];
export const CENTRE_DECIDERS: readonly ConsoleRole[] = ['centre-supervisor'];

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
