import { z } from 'zod';
import { passwordSchema, roleSchema, usernameSchema } from '../../domain/operator';
import { ANY_ROLE, emptyOutputSchema, type HandlerSpec } from './common';

/** A password shown once to the administrator, who hands it over; the operator must replace it at first sign-in. */
const oneTimeOut = z.object({ username: usernameSchema, oneTimePassword: z.string() }).strict();
const roles = z.array(roleSchema).min(1).max(6);

export const operatorAdminHandlers = {
  /** The operator's own password. Errors: 'auth.invalid' (current password wrong), 'auth.same_password', 'validation'. */
  'auth.changePassword': {
    input: z.object({ current: z.string().min(1).max(256), next: passwordSchema }).strict(),
    output: emptyOutputSchema,
    roles: ANY_ROLE, activity: true,
  },
  /** A new operator with a one-time password. Errors: 'operators.exists'. */
  'operators.create': {
    input: z.object({ username: usernameSchema, displayName: z.string().trim().min(1).max(64), roles }).strict(),
    output: oneTimeOut,
    roles: ['admin'], activity: true,
  },
  /** Errors: 'operators.not_found', 'operators.own_admin' (an administrator cannot drop their own admin role). */
  'operators.setRoles': {
    input: z.object({ username: usernameSchema, roles }).strict(),
    output: emptyOutputSchema,
    roles: ['admin'], activity: true,
  },
  /** A one-time password (and the lock cleared) for an operator who lost theirs. Errors: 'operators.not_found'. */
  'operators.resetPassword': {
    input: z.object({ username: usernameSchema }).strict(),
    output: oneTimeOut,
    roles: ['admin'], activity: true,
  },
} as const satisfies Record<string, HandlerSpec>;
