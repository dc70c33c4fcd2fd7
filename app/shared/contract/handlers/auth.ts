import { z } from 'zod';
import { consoleRoleSchema, operatorSchema, roleSchema, usernameSchema } from '../../domain/operator';
import { ANY_SESSION, emptyInputSchema, emptyOutputSchema, isoDateSchema, participantSummarySchema, type HandlerSpec } from './common';

const sessionOperatorSchema = operatorSchema;
/** Whoever holds this window's session: a bank operator, or a centre operator in centre mode. */
const currentOperatorSchema = operatorSchema.extend({ roles: z.array(consoleRoleSchema).min(1) }).strict();

export const authHandlers = {
  /** Errors: 'auth.invalid' (wrong user or password), 'auth.locked' (5 failures; an admin unlocks). */
  'auth.login': {
    input: z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(256) }).strict(),
    output: z
      .object({
        operator: sessionOperatorSchema,
        businessDate: isoDateSchema,
        participant: participantSummarySchema,
        idleTimeoutMs: z.number().int().positive(),
        /** Signed in with a one-time password (set by an administrator): only a password change is allowed until it is replaced. */
        mustChangePassword: z.boolean().default(false),
      })
      .strict(),
    roles: 'public',
  },
  'auth.logout': { input: emptyInputSchema, output: emptyOutputSchema, roles: 'public' },
  /** The operator bound to this session, or null when nobody is logged in. */
  'session.current': {
    input: emptyInputSchema,
    output: z
      .object({
        operator: currentOperatorSchema.nullable(),
        businessDate: isoDateSchema,
        participant: participantSummarySchema,
        idleTimeoutMs: z.number().int().positive(),
      })
      .strict(),
    roles: 'public',
  },
  /** Activity ping: keyboard/mouse use in the renderer resets the idle timer. */
  'session.touch': { input: emptyInputSchema, output: emptyOutputSchema, roles: ANY_SESSION, activity: true },
  'operators.list': {
    input: emptyInputSchema,
    output: z
      .object({
        operators: z.array(
          z
            .object({
              username: usernameSchema,
              displayName: z.string(),
              roles: z.array(roleSchema),
              locked: z.boolean(),
              failedLogins: z.number().int().nonnegative(),
            })
            .strict(),
        ),
      })
      .strict(),
    roles: ['admin'],
  },
  /** Clears a lock-out after 5 failed logins. Errors: 'operators.not_found'. */
  'operators.unlock': {
    input: z.object({ username: usernameSchema }).strict(),
    output: emptyOutputSchema,
    roles: ['admin'], activity: true,
  },
} as const satisfies Record<string, HandlerSpec>;
