import { z } from 'zod';
import { consoleRoleSchema, operatorSchema, roleSchema, usernameSchema } from '../../domain/operator';
import { ANY_SESSION, emptyInputSchema, emptyOutputSchema, isoDateSchema, participantSummarySchema, type HandlerSpec } from './common';

const sessionOperatorSchema = operatorSchema;
/** Whoever holds this window's session: a bank operator, or a centre operator in centre mode. */
const currentOperatorSchema = operatorSchema.extend({ roles: z.array(consoleRoleSchema).min(1) }).strict();

export const authHandlers = {
  /**
   * Errors: 'auth.invalid' (wrong user or password), 'auth.locked' (5 failures, wrong codes
   * included; an admin unlocks), 'auth.totp_required' (the password was right: send it again with
   * `code`), 'auth.totp_enrol' (set the code up first: auth.totpEnrolment), 'auth.totp_invalid'.
   */
  'auth.login': {
    input: z
      .object({
        username: z.string().min(1).max(64),
        password: z.string().min(1).max(256),
        /** The one-time code (TOTP), for supervisors, administrators, and everyone where the bank requires it. */
        code: z.string().regex(/^\d{6}$/, { message: 'the code is 6 digits' }).optional(),
      })
      .strict(),
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
  /**
   * The secret to set up in an authenticator app, for an operator who needs a one-time code and
   * has none (the password is checked again). Confirmed by the next auth.login with its first
   * code, from the same window, within 5 minutes. Errors: as auth.login, 'auth.totp_not_needed'.
   */
  'auth.totpEnrolment': {
    input: z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(256) }).strict(),
    output: z
      .object({
        secret: z.string().regex(/^[A-Z2-7]{32}$/),
        otpauthUri: z.string().startsWith('otpauth://totp/'),
        qrDataUrl: z.string().startsWith('data:image/svg+xml;base64,'),
        expiresAt: z.string(),
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
              /** One-time code: set up, to be set up at the next sign-in, or not required. */
              totp: z.enum(['enrolled', 'pending', 'off']).optional(),
            })
            .strict(),
        ),
        /** The bank requires a one-time code of every operator (supervisors and admins always). */
        totpRequiredForAll: z.boolean().optional(),
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
  /** The operator sets a one-time code up again at the next sign-in (a lost phone). Errors: 'operators.not_found', 'operators.own_totp'. */
  'operators.resetTotp': {
    input: z.object({ username: usernameSchema }).strict(),
    output: emptyOutputSchema,
    roles: ['admin'], activity: true,
  },
  /** Whether every operator of this bank signs in with a one-time code (supervisors and admins always do). */
  'operators.setTotpPolicy': {
    input: z.object({ requiredForAll: z.boolean() }).strict(),
    output: emptyOutputSchema,
    roles: ['admin'], activity: true,
  },
} as const satisfies Record<string, HandlerSpec>;
