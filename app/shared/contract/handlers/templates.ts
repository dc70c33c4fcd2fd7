import { z } from 'zod';
import type { Role } from '../../domain/operator';
import type { HandlerSpec } from './common';

/**
 * Templates for repeat payments (issue 13): a clerk writes one down (the payee and purpose a
 * customer pays every month, with or without a fixed amount), a supervisor other than its
 * author approves it, and from then on payment entry can start from it; a supervisor retires
 * it when the customer stops. A template is a pre-filled voucher, not a payment: what is keyed
 * from it is captured and verified like any other payment.
 */
export const TEMPLATE_STATUSES = ['draft', 'approved', 'retired'] as const;
export type TemplateStatus = (typeof TEMPLATE_STATUSES)[number];

const party = z.object({ name: z.string().trim().min(1).max(60), account: z.string().trim().min(1).max(34) }).strict();

export const templateInputSchema = z
  .object({
    name: z.string().trim().min(1).max(60),
    kind: z.enum(['hvps', 'beps']),
    priority: z.union([z.literal(0), z.literal(1), z.literal(2)]),
    to: z.string().min(1).max(64),
    debtor: party,
    creditor: party,
    purpose: z.string().trim().min(1).max(140),
    /** A fixed amount (rent, a standing payment), or null: keyed each time. */
    amount: z.string().max(24).nullable(),
  })
  .strict();
export type TemplateInput = z.infer<typeof templateInputSchema>;

export const templateSchema = templateInputSchema
  .extend({
    id: z.string(),
    amount: z.string().nullable(),
    status: z.enum(TEMPLATE_STATUSES),
    createdBy: z.string(),
    createdAt: z.string(),
    approvedBy: z.string().nullable(),
    approvedAt: z.string().nullable(),
    retiredBy: z.string().nullable(),
    retiredAt: z.string().nullable(),
    retireNote: z.string().nullable(),
  })
  .strict();
export type PaymentTemplate = z.infer<typeof templateSchema>;

const MAKERS: readonly Role[] = ['clerk'];
const CHECKERS: readonly Role[] = ['supervisor'];
const READERS: readonly Role[] = ['clerk', 'supervisor', 'auditor'];
const byId = z.object({ id: z.string().min(1).max(32) }).strict();
const one = z.object({ template: templateSchema }).strict();

export const templateHandlers = {
  'templates.list': {
    input: z.object({ status: z.enum([...TEMPLATE_STATUSES, 'all']).default('all') }).strict(),
    output: z.object({ rows: z.array(templateSchema) }).strict(),
    roles: READERS,
  },
  /** A draft. Errors: 'validation' with per-field issues (the capture rules, amount only when fixed). */
  'templates.create': { input: templateInputSchema, output: one, roles: MAKERS, activity: true },
  /** draft -> approved by a supervisor who did not write it. Errors: 'templates.not_draft', 'templates.author_cannot_approve', 'not_found'. */
  'templates.approve': { input: byId, output: one, roles: CHECKERS, activity: true },
  /** draft or approved -> retired, with a note. Errors: 'templates.retired', 'not_found'. */
  'templates.retire': {
    input: z.object({ id: z.string().min(1).max(32), note: z.string().trim().min(1).max(140) }).strict(),
    output: one,
    roles: CHECKERS, activity: true,
  },
} as const satisfies Record<string, HandlerSpec>;
