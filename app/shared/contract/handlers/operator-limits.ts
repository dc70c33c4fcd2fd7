import { z } from 'zod';
import { usernameSchema } from '../../domain/operator';
import { ANY_ROLE, type HandlerSpec } from './common';

/**
 * Per-operator amount limits (issue 13): a maker may capture (or import as a batch line) a
 * payment up to its maker limit; a checker may verify a payment, or a batch as a whole, up to
 * its checker limit. `null` is no limit of the console's own (the kind's ceiling still applies).
 */
const limit = z.string().regex(/^\d{1,16}\.\d{2}$/, { message: 'amount as 0.00' }).nullable();

export const operatorLimitsSchema = z.object({ username: usernameSchema, makerLimit: limit, checkerLimit: limit }).strict();
export type OperatorLimits = z.infer<typeof operatorLimitsSchema>;

export const operatorLimitsHandlers = {
  /** Every operator's limits (operators without any are listed with nulls). */
  'operators.limits.list': {
    input: z.object({}).strict(),
    output: z.object({ rows: z.array(operatorLimitsSchema) }).strict(),
    roles: ['admin'],
  },
  /** Errors: 'operators.not_found'. A limit of 0.00 is refused (take the role away instead). */
  'operators.limits.set': {
    input: operatorLimitsSchema,
    output: operatorLimitsSchema,
    roles: ['admin'], activity: true,
  },
  /** The signed-in operator's own limits: screens disable what the back end would refuse. */
  'operators.limits.mine': {
    input: z.object({}).strict(),
    output: operatorLimitsSchema,
    roles: ANY_ROLE,
  },
} as const satisfies Record<string, HandlerSpec>;
