import { z } from 'zod';
import { CENTRE_SESSION_ROLES } from '../../domain/operator';
import { participantIdSchema } from '../../domain/participant';
import {
  alertRuleInputSchema,
  alertRuleSchema,
  broadcastSchema,
  businessScheduleSchema,
  centreRoleSchema,
  dashboardSchema,
  directorySchema,
  newBroadcastSchema,
  operatorViewSchema,
  proposalPayloadSchemas,
  proposalTypeSchema,
  proposalViewSchema,
  PROPOSAL_STATUSES,
  scheduleStateSchema,
  totpCodeSchema,
  usernameSchema,
} from '../centre-api';
import { centrePaymentAnswerSchema, centreStopRequestSchema } from '../centre-payment-api';
import { paymentIdSchema } from '../../domain/payment';
import { CENTRE_ACTORS, CENTRE_DECIDERS, CENTRE_READERS, emptyInputSchema, emptyOutputSchema, isoDateSchema, type HandlerSpec } from './common';

/**
 * The console's centre role (docs/centre.md, "The console in centre mode"): a console started
 * with `--centre URL` signs its operators in at the house (password, then TOTP) and carries
 * their requests to `/v1/centre/...` with the house session it keeps in main, never in the
 * renderer. The answers are the house's own shapes (app/shared/contract/centre-api.ts).
 */

const idSchema = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const noteSchema = z.string().trim().max(280).optional();

/** What the renderer may draw of a house answer that is a file: its name and its text. */
const fileSchema = z.object({ fileName: z.string().max(200), mimeType: z.string().max(80), content: z.string() }).strict();

/** A proposal as typed in the console: the payload is checked against its type's schema here, not only at the house. */
const proposalInputSchema = z
  .object({ type: proposalTypeSchema, payload: z.unknown(), note: noteSchema })
  .strict()
  .superRefine((value, ctx) => {
    const checked = proposalPayloadSchemas[value.type].safeParse(value.payload);
    if (!checked.success) for (const issue of checked.error.issues) ctx.addIssue({ ...issue, path: ['payload', ...issue.path] } as z.IssueData);
  });

const centreOperatorSchema = z.object({ username: z.string(), displayName: z.string(), roles: z.array(z.enum(CENTRE_SESSION_ROLES)).length(1) }).strict();

export const centreHandlers = {
  /** Whether this console runs in centre mode (then the login screen is the centre's) and at which house. */
  'centre.mode': { input: emptyInputSchema, output: z.object({ enabled: z.boolean(), houseUrl: z.string().nullable() }).strict(), roles: 'public' },
  /**
   * Step 1: user name and password at the house. The challenge stays in main; the renderer gets
   * its expiry and, at the first login, the enrolment (secret, otpauth URI, QR code as SVG).
   * Errors: 'centre.invalid_credentials', 'centre.locked', 'centre.unreachable', 'centre.not_centre_mode'.
   */
  'centre.login': {
    input: z.object({ username: z.string().trim().min(1).max(32), password: z.string().min(1).max(256) }).strict(),
    output: z
      .object({
        expiresAt: z.string(),
        enrolment: z.object({ secret: z.string(), otpauthUri: z.string(), qrSvg: z.string() }).strict().optional(),
      })
      .strict(),
    roles: 'public',
  },
  /** Step 2: the 6-digit code. Starts the console session with the operator's centre role. Errors: 'centre.invalid_credentials', 'centre.challenge_expired', 'centre.no_challenge'. */
  'centre.loginTotp': {
    input: z.object({ code: totpCodeSchema }).strict(),
    output: z.object({ operator: centreOperatorSchema, businessDate: isoDateSchema, houseUrl: z.string(), idleTimeoutMs: z.number().int().positive() }).strict(),
    roles: 'public',
  },
  'centre.dashboard': { input: emptyInputSchema, output: dashboardSchema, roles: CENTRE_READERS },
  'centre.schedule': {
    input: emptyInputSchema,
    output: z.object({ state: scheduleStateSchema, schedules: z.array(z.object({ day: z.string(), schedule: businessScheduleSchema }).strict()) }).strict(),
    roles: CENTRE_READERS,
  },
  'centre.directory': { input: emptyInputSchema, output: directorySchema, roles: CENTRE_READERS },
  'centre.proposals.list': {
    input: z.object({ status: z.enum(PROPOSAL_STATUSES).optional(), limit: z.number().int().min(1).max(500).default(100) }).strict(),
    output: z.object({ proposals: z.array(proposalViewSchema) }).strict(),
    roles: CENTRE_READERS,
  },
  /** Errors: 'centre.invalid_request', 'centre.not_available' (a type this house cannot carry out), 'centre.forbidden'. */
  'centre.proposals.create': { input: proposalInputSchema, output: z.object({ proposal: proposalViewSchema }).strict(), roles: CENTRE_ACTORS, activity: true },
  /** Another supervisor's approval runs the action. `secret`: a new bank's token, shown once. Errors: 'centre.same_person', 'centre.decided', 'centre.refused'. */
  'centre.proposals.approve': {
    input: z.object({ id: idSchema, note: noteSchema }).strict(),
    output: z.object({ proposal: proposalViewSchema, secret: z.object({ id: z.string(), token: z.string() }).strict().optional() }).strict(),
    roles: CENTRE_DECIDERS,
    activity: true,
  },
  'centre.proposals.reject': { input: z.object({ id: idSchema, note: noteSchema }).strict(), output: z.object({ proposal: proposalViewSchema }).strict(), roles: CENTRE_DECIDERS, activity: true },
  'centre.broadcasts.send': { input: newBroadcastSchema, output: z.object({ broadcast: broadcastSchema }).strict(), roles: CENTRE_ACTORS, activity: true },
  'centre.broadcasts.list': {
    input: z.object({ participantId: participantIdSchema.optional(), before: idSchema.optional(), limit: z.number().int().min(1).max(200).default(100) }).strict(),
    output: z.object({ broadcasts: z.array(broadcastSchema) }).strict(),
    roles: CENTRE_READERS,
  },
  'centre.alertRules.list': { input: emptyInputSchema, output: z.object({ rules: z.array(alertRuleSchema) }).strict(), roles: CENTRE_READERS },
  'centre.alertRules.create': { input: alertRuleInputSchema, output: z.object({ rule: alertRuleSchema }).strict(), roles: CENTRE_ACTORS, activity: true },
  'centre.alertRules.setEnabled': { input: z.object({ id: idSchema, enabled: z.boolean() }).strict(), output: z.object({ rule: alertRuleSchema }).strict(), roles: CENTRE_ACTORS, activity: true },
  'centre.alertRules.delete': { input: z.object({ id: idSchema }).strict(), output: emptyOutputSchema, roles: CENTRE_ACTORS, activity: true },
  /** 止付: a payment by id as the house has it (status, banks, amount, whether stopped and by whom). Errors: 'centre.not_found'. */
  'centre.payments.lookup': { input: z.object({ id: paymentIdSchema }).strict(), output: centrePaymentAnswerSchema, roles: CENTRE_READERS },
  /** Stops a queued or scheduled payment with the reason; answers the payment as it now stands. Errors: 'centre.refused' (NOT_STOPPABLE, NOT_FOUND). */
  'centre.payments.stop': { input: z.object({ id: paymentIdSchema, reason: centreStopRequestSchema.shape.reason }).strict(), output: centrePaymentAnswerSchema, roles: CENTRE_ACTORS, activity: true },
  /** Lifts a stop (the centre lifts any); the payment enters again as a new arrival. Errors: 'centre.refused' (NOT_STOPPED). */
  'centre.payments.release': { input: z.object({ id: paymentIdSchema, reason: centreStopRequestSchema.shape.reason }).strict(), output: centrePaymentAnswerSchema, roles: CENTRE_ACTORS, activity: true },
  /** The day's settlement report of every bank, CSV (docs/centre.md, "Settlement report"). */
  'centre.reports.settlementCsv': { input: z.object({ date: isoDateSchema.optional() }).strict(), output: fileSchema, roles: CENTRE_READERS },
  /** One bank's day as camt.053. */
  'centre.reports.camt053': { input: z.object({ participantId: participantIdSchema, date: isoDateSchema.optional() }).strict(), output: fileSchema, roles: CENTRE_READERS },
  /**
   * The centre's operators (操作员管理; docs/centre.md, "Operators"): every centre role may read
   * who they are, their role and state; only a supervisor changes them. Errors: 'centre.forbidden'.
   */
  'centre.operators.list': { input: emptyInputSchema, output: z.object({ operators: z.array(operatorViewSchema) }).strict(), roles: CENTRE_READERS },
  /**
   * A new operator with a one-time password that main draws and the supervisor sees once, to hand
   * over in person; the house asks for a TOTP enrolment at the first sign-in. Errors: 'centre.exists'.
   */
  'centre.operators.create': {
    input: z.object({ username: usernameSchema, name: z.string().trim().min(1).max(80), role: centreRoleSchema }).strict(),
    output: z.object({ operator: operatorViewSchema, oneTimePassword: z.string() }).strict(),
    roles: CENTRE_DECIDERS,
    activity: true,
  },
  /** Disables the account and ends its sessions (停用). Errors: 'centre.self' (not one's own), 'centre.not_found'. */
  'centre.operators.lock': { input: z.object({ username: usernameSchema }).strict(), output: z.object({ operator: operatorViewSchema }).strict(), roles: CENTRE_DECIDERS, activity: true },
  /** Enables the account again and lifts a lock after failed sign-ins (启用/解锁). Errors: 'centre.not_found'. */
  'centre.operators.unlock': { input: z.object({ username: usernameSchema }).strict(), output: z.object({ operator: operatorViewSchema }).strict(), roles: CENTRE_DECIDERS, activity: true },
  /** A new TOTP enrolment at the next sign-in (lost phone); ends the account's sessions. Errors: 'centre.not_found'. */
  'centre.operators.resetTotp': { input: z.object({ username: usernameSchema }).strict(), output: z.object({ operator: operatorViewSchema }).strict(), roles: CENTRE_DECIDERS, activity: true },
} as const satisfies Record<string, HandlerSpec>;

export type CentreDashboard = z.infer<typeof dashboardSchema>;
