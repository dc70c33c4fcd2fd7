import { z } from 'zod';

export const ROLES = ['clerk', 'supervisor', 'risk', 'recon', 'auditor', 'admin'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

export const usernameSchema = z
  .string()
  .min(2)
  .max(32)
  .regex(/^[a-z0-9_.-]+$/, { message: 'user name may hold lower-case letters, digits, _ . - only' });

/** Passwords: long enough to resist guessing; the hash is argon2id. */
export const passwordSchema = z.string().min(10, { message: 'password must be at least 10 characters' }).max(256);

export const operatorSchema = z
  .object({
    username: usernameSchema,
    displayName: z.string().min(1).max(64),
    roles: z.array(roleSchema).min(1),
  })
  .strict();
export type Operator = z.infer<typeof operatorSchema>;

/**
 * The clearing centre's people (docs/centre.md) as the console's session knows them: a console
 * started in centre mode signs in at the house, not against its own operators, so these roles
 * are never stored in the console and no bank operator can be given one (roleSchema above
 * stays the bank's six). Same names as the house's `CENTRE_ROLES`.
 */
export const CENTRE_SESSION_ROLES = ['centre-operator', 'centre-supervisor', 'centre-auditor'] as const;
export type CentreSessionRole = (typeof CENTRE_SESSION_ROLES)[number];
/** Any role a console session may hold: a bank's or the centre's. */
export const consoleRoleSchema = z.enum([...ROLES, ...CENTRE_SESSION_ROLES]);
export type ConsoleRole = z.infer<typeof consoleRoleSchema>;

/** The bank roles among a session's (a centre session has none). */
export function bankRolesOf(roles: readonly ConsoleRole[]): Role[] {
  return roles.filter((role): role is Role => (ROLES as readonly string[]).includes(role));
}
