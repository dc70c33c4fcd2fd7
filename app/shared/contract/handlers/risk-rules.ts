import { z } from 'zod';
import type { Role } from '../../domain/operator';
import { decisionBandsSchema, RISK_DECISIONS } from '../../risk/rules/decision-bands';
import { ruleParamsSchema, type RuleParamsInput } from '../../risk/rules/rule-params';
import type { HandlerSpec } from './common';

/**
 * The risk officers' rule-set screen (DESIGN §7, docs/risk.md §11): versions of the payment
 * rules, proposed by one officer and in force once a different one approves (four-eyes).
 * Auditors read; nobody else sees how payments are scored (knowing the thresholds is knowing
 * how to stay under them). Amounts are decimal strings (CNY), as the rules store them.
 */
const RULE_READERS: readonly Role[] = ['risk', 'auditor'];
const RULE_OFFICERS: readonly Role[] = ['risk'];

export const RULE_SET_STATUSES = ['proposed', 'active', 'superseded', 'rejected'] as const;
export type RuleSetStatusName = (typeof RULE_SET_STATUSES)[number];

/** Most versions one list answers (newest first); a desk makes a few a year. */
export const RULE_SET_LIST_MAX = 500;
/** Longest look-back of a preview, in days, and most payments it scores (the newest). */
export const RULE_PREVIEW_MAX_DAYS = 31;
export const RULE_PREVIEW_MAX_PAYMENTS = 5_000;

const version = z.number().int().min(1).max(1_000_000);
const note = z.string().trim().min(1, { message: 'a note is required' }).max(2000);
/** Why the change is made; shown to the approver (the rule set keeps at most 500 characters). */
const proposeNote = z.string().trim().min(1, { message: 'say why the rules change' }).max(500);

/**
 * The parameters as exchanged: checked by the shared rule schema (per-field issues) but kept
 * as given, amounts as decimal strings, so what is stored is what the officer typed.
 */
export const ruleParamsWireSchema = z.custom<RuleParamsInput>((v) => typeof v === 'object' && v !== null && !Array.isArray(v), { message: 'rule parameters must be an object' }).superRefine((value, ctx) => {
  const parsed = ruleParamsSchema.safeParse(value);
  if (!parsed.success) for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
});

export const ruleSetVersionSchema = z
  .object({
    version: z.number().int(),
    status: z.enum(RULE_SET_STATUSES),
    author: z.string(),
    createdAt: z.string(),
    approver: z.string().nullable(),
    approvedAt: z.string().nullable(),
    rejectedBy: z.string().nullable(),
    rejectedAt: z.string().nullable(),
    rejectNote: z.string().nullable(),
    note: z.string(),
  })
  .strict();
export type RuleSetVersionRow = z.infer<typeof ruleSetVersionSchema>;

export const ruleSetDetailSchema = z.object({ version: ruleSetVersionSchema, params: ruleParamsWireSchema, bands: decisionBandsSchema }).strict();
export type RuleSetDetail = z.infer<typeof ruleSetDetailSchema>;

const decisionCounts = z.object(Object.fromEntries(RISK_DECISIONS.map((d) => [d, z.number().int().nonnegative()])) as Record<(typeof RISK_DECISIONS)[number], z.ZodNumber>).strict();
export type DecisionCounts = z.infer<typeof decisionCounts>;

export const riskRulesHandlers = {
  /** Every version, newest first, with its status; `active` is the version in force (null before any approval). */
  'risk.rules.list': {
    input: z.object({}).strict(),
    output: z.object({ versions: z.array(ruleSetVersionSchema).max(RULE_SET_LIST_MAX), active: z.number().int().nullable(), truncated: z.boolean() }).strict(),
    roles: RULE_READERS,
  },
  /** One version's full rule set, as stored. */
  'risk.rules.get': {
    input: z.object({ version }).strict(),
    output: ruleSetDetailSchema,
    roles: RULE_READERS,
  },
  /** A new version (latest + 1), not in force until another officer approves. Refused while another proposal waits. */
  'risk.rules.propose': {
    input: z.object({ params: ruleParamsWireSchema, bands: decisionBandsSchema, note: proposeNote }).strict(),
    output: z.object({ version: ruleSetVersionSchema }).strict(),
    roles: RULE_OFFICERS, activity: true,
  },
  /** Four-eyes: a different officer from the author; the version comes into force, the previous one is superseded, audited. */
  'risk.rules.approve': {
    input: z.object({ version, note: note.optional() }).strict(),
    output: z.object({ version: ruleSetVersionSchema, superseded: z.number().int().nullable() }).strict(),
    roles: RULE_OFFICERS, activity: true,
  },
  /** Rejects a proposal with a note (the author may withdraw their own); audited. */
  'risk.rules.reject': {
    input: z.object({ version, note }).strict(),
    output: z.object({ version: ruleSetVersionSchema }).strict(),
    roles: RULE_OFFICERS, activity: true,
  },
  /**
   * What a version would have decided on the console's recent outgoing payments, beside the
   * version in force: counts per decision. Scores at most RULE_PREVIEW_MAX_PAYMENTS (the newest)
   * of the last `days` days; `sampled` says when there were more.
   */
  'risk.rules.preview': {
    input: z.object({ version, days: z.number().int().min(1).max(RULE_PREVIEW_MAX_DAYS).default(7) }).strict(),
    output: z
      .object({
        days: z.number().int(),
        since: z.string(),
        scored: z.number().int().nonnegative(),
        inWindow: z.number().int().nonnegative(),
        sampled: z.boolean(),
        active: z.object({ version: z.number().int(), counts: decisionCounts }).strict().nullable(),
        proposed: z.object({ version: z.number().int(), counts: decisionCounts }).strict(),
        /** Payments whose decision differs between the two versions. */
        changed: z.number().int().nonnegative(),
        elapsedMs: z.number().nonnegative(),
      })
      .strict(),
    roles: RULE_READERS,
  },
} as const satisfies Record<string, HandlerSpec>;
