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
