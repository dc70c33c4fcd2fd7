import { z } from 'zod';
import type { Role } from '../../domain/operator';
import { paymentRowSchema } from '../payment-row';
import { emptyInputSchema, emptyOutputSchema, type HandlerSpec } from './common';

/**
 * The risk officer's review desk. Amounts are decimal strings, times ISO.
 * Who: risk officers do everything; a supervisor may read the queue and release a held payment
 * (DESIGN §1) but not clear a sanctions match (checked in main); auditors read.
 */
const DESK_READERS: readonly Role[] = ['risk', 'supervisor', 'auditor'];
const DESK_DECIDERS: readonly Role[] = ['risk', 'supervisor'];
const OFFICERS: readonly Role[] = ['risk'];

/** Largest case attachment: evidence, not archives; base64 of it must fit one WebSocket message (1 MiB). */
export const MAX_ATTACHMENT_BYTES = 512 * 1024;
/** Longest decision or case note. */
export const MAX_RISK_NOTE_CHARS = 2000;

export const ALERT_STATUS_VALUES = ['open', 'escalated', 'pending_release', 'pending_reject', 'released', 'rejected'] as const;
export const ALERT_DECISION_VALUES = ['review', 'hold', 'reject'] as const;
export const DESK_ACTIONS = ['escalate', 'release', 'reject', 'confirm', 'refuse'] as const;
export type DeskAction = (typeof DESK_ACTIONS)[number];

const id = z.string().min(1).max(64);
const bilingual = z.object({ zh: z.string(), en: z.string() }).strict();

/** One row of the alert queue grid. */
export const riskAlertRowSchema = z
  .object({
    id: z.string(),
    paymentId: z.string(),
    createdAt: z.string(),
    slaDueAt: z.string(),
    amount: z.string(),
    score: z.number().int().nonnegative(),
    decision: z.enum(ALERT_DECISION_VALUES),
    status: z.enum(ALERT_STATUS_VALUES),
    rules: z.array(z.string()),
    /** Best screening score 0..1, null when no list matched. */
    bestMatch: z.number().min(0).max(1).nullable(),
    assignee: z.string().nullable(),
    pendingBy: z.string().nullable(),
    caseId: z.string().nullable(),
    closedAt: z.string().nullable(),
    kind: z.string(),
    debtorName: z.string(),
    creditorName: z.string(),
    paymentStatus: z.string(),
  })
  .strict();
export type RiskAlertRow = z.infer<typeof riskAlertRowSchema>;

export const riskRuleHitSchema = z
  .object({ rule: z.string(), score: z.number(), explanation: bilingual, figures: z.record(z.string(), z.union([z.string(), z.number()])) })
  .strict();

/** A screening match: the payment's name and the listed name side by side, word pairs matched. */
export const riskScreeningMatchSchema = z
  .object({
    party: z.enum(['debtor', 'creditor']),
    query: z.string(),
    list: z.string(),
    entryId: z.string(),
    name: z.string(),
    matchedName: z.string(),
    score: z.number(),
    tokens: z.array(z.object({ query: z.string(), listed: z.string(), similarity: z.number() }).strict()),
  })
  .strict();
export type RiskScreeningMatch = z.infer<typeof riskScreeningMatchSchema>;

const decisionSchema = z.object({ at: z.string(), actor: z.string(), action: z.string(), statusAfter: z.string(), note: z.string() }).strict();

/** The customer's (debtor account's) recent payments, newest first, with their alerts. */
const historyRowSchema = z
  .object({
    id: z.string(),
    createdAt: z.string(),
    amount: z.string(),
    status: z.string(),
    creditorName: z.string(),
    to: z.string(),
    alertStatus: z.string().nullable(),
    score: z.number().nullable(),
  })
  .strict();

const caseSummarySchema = z
  .object({
    id: z.string(),
    title: z.string(),
    openedBy: z.string(),
    openedAt: z.string(),
    closedBy: z.string().nullable(),
    closedAt: z.string().nullable(),
    alertCount: z.number().int().nonnegative(),
    attachmentCount: z.number().int().nonnegative(),
  })
  .strict();
export type RiskCaseSummary = z.infer<typeof caseSummarySchema>;

const attachmentInfoSchema = z
  .object({ id: z.number().int(), fileName: z.string(), mediaType: z.string(), sizeBytes: z.number().int(), sha256: z.string(), addedBy: z.string(), addedAt: z.string() })
  .strict();
export type RiskAttachmentInfo = z.infer<typeof attachmentInfoSchema>;

const deskStatusSchema = z
  .object({
    fourEyesAmount: z.string(),
    slaMinutes: z.number().int().positive(),
    rulesVersion: z.number().int().nullable(),
    lists: z.object({ origin: z.enum(['env', 'fixtures', 'demo']), source: z.string(), names: z.number().int().nonnegative(), available: z.boolean() }).strict(),
    officers: z.array(z.object({ username: z.string(), displayName: z.string() }).strict()),
  })
  .strict();
export type RiskDeskStatus = z.infer<typeof deskStatusSchema>;

const note = z.string().max(MAX_RISK_NOTE_CHARS);

export const riskHandlers = {
  /** The queue: 'active' (open to pending), 'mine' (active, assigned to me), 'closed' (latest decided). At most 1,000 rows. */
  'risk.alerts.page': {
    input: z.object({ view: z.enum(['active', 'mine', 'closed']).default('active') }).strict(),
    output: z.object({ rows: z.array(riskAlertRowSchema), truncated: z.boolean(), now: z.string() }).strict(),
    roles: DESK_READERS,
  },
  'risk.alerts.get': {
    input: z.object({ id }).strict(),
    output: z
      .object({
        alert: riskAlertRowSchema,
        payment: paymentRowSchema,
        ruleSetVersion: z.number().int(),
        hits: z.array(riskRuleHitSchema),
        screening: z.array(riskScreeningMatchSchema),
        decisions: z.array(decisionSchema),
        history: z.array(historyRowSchema),
        fourEyesRequired: z.boolean(),
        case: z.object({ id: z.string(), title: z.string() }).strict().nullable(),
      })
      .strict(),
    roles: DESK_READERS,
  },
  /**
   * release / reject / escalate with a mandatory note; confirm / refuse are the second
   * officer's answer to a pending release or reject (four-eyes). Errors: 'note_required',
   * 'same_person', 'bad_transition', 'risk.sanctions_needs_officer', 'risk.supervisor_release_only'.
   */
  'risk.alerts.decide': {
    input: z.object({ id, decision: z.enum(DESK_ACTIONS), note }).strict(),
    output: z.object({ alert: riskAlertRowSchema, payment: paymentRowSchema }).strict(),
    roles: DESK_DECIDERS, activity: true,
  },
  /** Assign to a risk officer, or null to put it back in the pool. */
  'risk.alerts.assign': {
    input: z.object({ id, assignee: z.string().min(1).max(32).nullable() }).strict(),
    output: z.object({ alert: riskAlertRowSchema }).strict(),
    roles: OFFICERS, activity: true,
  },
  'risk.desk.status': { input: emptyInputSchema, output: deskStatusSchema, roles: DESK_READERS },
  'risk.settings.set': {
    input: z.object({ fourEyesAmount: z.string().max(20).optional(), slaMinutes: z.number().int().optional() }).strict(),
    output: deskStatusSchema,
    roles: ['admin'],
  },
  'risk.cases.list': {
    input: z.object({ includeClosed: z.boolean().default(false) }).strict(),
    output: z.object({ cases: z.array(caseSummarySchema) }).strict(),
    roles: DESK_READERS,
  },
  'risk.cases.get': {
    input: z.object({ id }).strict(),
    output: z
      .object({
        case: caseSummarySchema,
        alerts: z.array(riskAlertRowSchema),
        notes: z.array(z.object({ at: z.string(), author: z.string(), note: z.string() }).strict()),
        attachments: z.array(attachmentInfoSchema),
      })
      .strict(),
    roles: DESK_READERS,
  },
  'risk.cases.open': {
    input: z.object({ title: z.string().max(200), alertIds: z.array(id).min(1).max(100) }).strict(),
    output: z.object({ case: caseSummarySchema }).strict(),
    roles: OFFICERS, activity: true,
  },
  'risk.cases.addAlert': { input: z.object({ caseId: id, alertId: id }).strict(), output: emptyOutputSchema, roles: OFFICERS },
  'risk.cases.note': { input: z.object({ caseId: id, note }).strict(), output: emptyOutputSchema, roles: OFFICERS, activity: true },
  'risk.cases.close': { input: z.object({ caseId: id, note }).strict(), output: emptyOutputSchema, roles: OFFICERS },
  /** contentBase64 of at most MAX_ATTACHMENT_BYTES bytes; errors 'risk.attachment_too_large', 'risk.attachment_bad'. */
  'risk.cases.attach': {
    input: z
      .object({
        caseId: id,
        fileName: z.string().min(1).max(200),
        mediaType: z.string().min(1).max(100).regex(/^[\w.+-]+\/[\w.+-]+$/),
        contentBase64: z.string().max(Math.ceil(MAX_ATTACHMENT_BYTES / 3) * 4 + 4),
      })
      .strict(),
    output: z.object({ attachment: attachmentInfoSchema }).strict(),
    roles: OFFICERS, activity: true,
  },
  'risk.cases.attachment': {
    input: z.object({ caseId: id, attachmentId: z.number().int().positive() }).strict(),
    output: z.object({ fileName: z.string(), mediaType: z.string(), contentBase64: z.string() }).strict(),
    roles: DESK_READERS,
  },
} as const satisfies Record<string, HandlerSpec>;
