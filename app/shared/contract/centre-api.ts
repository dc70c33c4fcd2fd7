import { z } from 'zod';
import { bankCodeSchema } from '../domain/bank-code';
import { decimalAmountSchema, signedDecimalAmountSchema } from '../domain/amount-schema';
import { participantIdSchema } from '../domain/participant';
import { calendarYearSchema } from '../domain/calendar-file';
import { businessScheduleSchema, scheduleStateSchema } from '../domain/business-day';
import { isBusinessDate } from '../domain/calendar';

/**
 * The clearing centre's HTTP API at the house (/v1/centre/..., docs/centre.md): requests and
 * answers, so the console's centre role and the house validate the same shapes. Money is a
 * decimal string; times are ISO strings.
 */

export const CENTRE_ROLES = ['centre-operator', 'centre-supervisor', 'centre-auditor'] as const;
export const centreRoleSchema = z.enum(CENTRE_ROLES);
export type CentreRole = z.infer<typeof centreRoleSchema>;

export const usernameSchema = z
  .string()
  .min(2)
  .max(32)
  .regex(/^[a-z][a-z0-9._-]*$/, { message: 'a username is lower-case letters, digits, . _ - and starts with a letter' });
/** At least 12 characters: a centre operator moves other people's money. */
export const centrePasswordSchema = z.string().min(12, { message: 'passwords are at least 12 characters' }).max(256);
export const totpCodeSchema = z.string().regex(/^\d{6}$/, { message: 'the code is 6 digits' });
const businessDateSchema = z.string().refine(isBusinessDate, { message: 'a date is YYYY-MM-DD' });

// ---- accounts and sessions ----

export const bootstrapRequestSchema = z.object({ username: usernameSchema, name: z.string().trim().min(1).max(80), password: centrePasswordSchema }).strict();
export const loginRequestSchema = z.object({ username: z.string().min(1).max(32), password: z.string().min(1).max(256) }).strict();
/** The password was right; the second factor is next. `enrolment` only at the first login. */
export const loginChallengeSchema = z
  .object({
    challenge: z.string(),
    expiresAt: z.string(),
    enrolment: z.object({ secret: z.string(), otpauthUri: z.string(), qrSvg: z.string() }).strict().optional(),
  })
  .strict();
export const totpRequestSchema = z.object({ challenge: z.string().min(16).max(128), code: totpCodeSchema }).strict();
export const operatorViewSchema = z
  .object({
    username: usernameSchema,
    name: z.string(),
    role: centreRoleSchema,
    active: z.boolean(),
    enrolled: z.boolean(),
    lockedUntil: z.string().nullable(),
    createdAt: z.string(),
    createdBy: z.string(),
  })
  .strict();
export type OperatorView = z.infer<typeof operatorViewSchema>;
export const sessionAnswerSchema = z.object({ session: z.string(), expiresAt: z.string(), idleTimeoutSeconds: z.number().int(), operator: operatorViewSchema }).strict();
export const newOperatorSchema = z.object({ username: usernameSchema, name: z.string().trim().min(1).max(80), role: centreRoleSchema, password: centrePasswordSchema }).strict();
/** Supervisor's changes to another operator: disable/enable, unlock, new password, re-enrol TOTP. */
export const operatorChangeSchema = z
  .object({ active: z.boolean().optional(), unlock: z.literal(true).optional(), password: centrePasswordSchema.optional(), resetTotp: z.literal(true).optional() })
  .strict()
  .refine((c) => Object.keys(c).length > 0, { message: 'say what to change' });

// ---- maker-checker ----

export const PROPOSAL_TYPES = [
  'participant.create',
  'participant.suspend',
  'participant.resume',
  'netDebitCap.set',
  'creditLine.set',
  'liquidity.set',
  'calendar.set',
  'schedule.set',
  'cycle.close',
  'endOfDay',
] as const;
export const proposalTypeSchema = z.enum(PROPOSAL_TYPES);
export type ProposalType = z.infer<typeof proposalTypeSchema>;

export const proposalPayloadSchemas = {
  'participant.create': z
    .object({ id: participantIdSchema, name: z.string().trim().min(1).max(140), bankCode: bankCodeSchema, balance: decimalAmountSchema, netDebitCap: decimalAmountSchema })
    .strict(),
  'participant.suspend': z.object({ participantId: participantIdSchema, reason: z.string().trim().min(1).max(280) }).strict(),
  'participant.resume': z.object({ participantId: participantIdSchema }).strict(),
  'netDebitCap.set': z.object({ participantId: participantIdSchema, netDebitCap: decimalAmountSchema }).strict(),
  'creditLine.set': z.object({ participantId: participantIdSchema, line: decimalAmountSchema }).strict(),
  /** Central-bank liquidity: `amount` signed (adjust) or `balance` (set), as POST /v1/admin/participants/:id/liquidity. */
  'liquidity.set': z.union([
    z.object({ participantId: participantIdSchema, amount: signedDecimalAmountSchema }).strict(),
    z.object({ participantId: participantIdSchema, balance: decimalAmountSchema }).strict(),
  ]),
  'calendar.set': z.object({ calendar: calendarYearSchema }).strict(),
  /** `day` 'default' is every business day; a date overrides the default on that day. */
  'schedule.set': z.object({ day: z.union([z.literal('default'), businessDateSchema]), schedule: businessScheduleSchema.nullable() }).strict(),
  'cycle.close': z.object({}).strict(),
  endOfDay: z.object({ nextBusinessDate: businessDateSchema.optional() }).strict(),
} as const satisfies Record<ProposalType, z.ZodType>;

export const proposalRequestSchema = z.object({ type: proposalTypeSchema, payload: z.unknown(), note: z.string().trim().max(280).optional() }).strict();
export const decisionRequestSchema = z.object({ note: z.string().trim().max(280).optional() }).strict();
export const PROPOSAL_STATUSES = ['pending', 'approved', 'rejected', 'failed'] as const;
export const proposalViewSchema = z
  .object({
    id: z.number().int().positive(),
    type: proposalTypeSchema,
    payload: z.unknown(),
    proposer: z.string(),
    proposedAt: z.string(),
    status: z.enum(PROPOSAL_STATUSES),
    decidedBy: z.string().nullable(),
    decidedAt: z.string().nullable(),
    note: z.string().nullable(),
    outcome: z.unknown().nullable(),
  })
  .strict();
export type ProposalView = z.infer<typeof proposalViewSchema>;
export const proposalListQuerySchema = z.object({ status: z.enum(PROPOSAL_STATUSES).optional(), limit: z.coerce.number().int().min(1).max(500).default(100) }).strict();

// ---- business day ----

export { businessScheduleSchema, scheduleStateSchema };

/** The pull feed's `schedule` change: the schedule of every day or of one date (null: removed). */
export const scheduleChangeSchema = z.object({ day: z.union([z.literal('default'), businessDateSchema]), schedule: businessScheduleSchema.nullable() }).strict();
export type ScheduleChange = z.infer<typeof scheduleChangeSchema>;

// ---- broadcasts (公告, admi.004-like) ----

export const BROADCAST_URGENCIES = ['info', 'warning', 'urgent'] as const;
export const broadcastUrgencySchema = z.enum(BROADCAST_URGENCIES);
export const newBroadcastSchema = z
  .object({
    /** Absent: every bank. */
    participantId: participantIdSchema.optional(),
    urgency: broadcastUrgencySchema,
    title: z.string().trim().min(1).max(140),
    body: z.string().trim().min(1).max(4000),
  })
  .strict();
export const broadcastSchema = z
  .object({
    id: z.number().int().positive(),
    at: z.string(),
    sender: z.string(),
    participantId: participantIdSchema.nullable(),
    urgency: broadcastUrgencySchema,
    title: z.string(),
    body: z.string(),
  })
  .strict();
export type Broadcast = z.infer<typeof broadcastSchema>;

// ---- participant directory (行名行号) ----

export const directoryEntrySchema = z.object({ id: participantIdSchema, name: z.string(), bankCode: bankCodeSchema, active: z.boolean() }).strict();
export const directorySchema = z.object({ participants: z.array(directoryEntrySchema) }).strict();
export type DirectoryEntry = z.infer<typeof directoryEntrySchema>;

// ---- monitoring ----

export const ALERT_RULE_KINDS = ['queue_age', 'available_below', 'console_silent', 'commit_latency_p99', 'archive_failed'] as const;
export const alertRuleInputSchema = z.discriminatedUnion('kind', [
  /** A queued payment older than `minutes`. */
  z.object({ kind: z.literal('queue_age'), minutes: z.number().int().min(1).max(1440) }).strict(),
  /** A bank's available liquidity below `amount` (one bank, or every bank when absent). */
  z.object({ kind: z.literal('available_below'), amount: decimalAmountSchema, participantId: participantIdSchema.optional() }).strict(),
  /** No push or pull from a bank's console for `minutes` (only banks that synced once). */
  z.object({ kind: z.literal('console_silent'), minutes: z.number().int().min(1).max(1440) }).strict(),
  /** The store's commit latency p99 over the last 1,000 commits above `ms`. */
  z.object({ kind: z.literal('commit_latency_p99'), ms: z.number().int().min(1).max(600_000) }).strict(),
  /** The house's own archive run stopped at a day or failed (docs/archive.md); the house adds this rule when it archives. */
  z.object({ kind: z.literal('archive_failed') }).strict(),
]);
export type AlertRuleInput = z.infer<typeof alertRuleInputSchema>;
export const alertRuleSchema = z.object({ id: z.number().int().positive(), enabled: z.boolean(), createdBy: z.string(), createdAt: z.string(), rule: alertRuleInputSchema }).strict();
export const alertRuleChangeSchema = z.object({ enabled: z.boolean() }).strict();
export const raisedAlertSchema = z
  .object({ id: z.number().int().positive(), ruleId: z.number().int().positive(), subject: z.string(), raisedAt: z.string(), clearedAt: z.string().nullable(), detail: z.record(z.string(), z.unknown()) })
  .strict();

const amount = z.string();
export const dashboardSchema = z
  .object({
    at: z.string(),
    businessDate: z.string(),
    /** Last 60 minutes, oldest first; minute is the ISO start of the minute. */
    paymentsPerMinute: z.array(z.object({ minute: z.string(), hvps: z.number(), beps: z.number(), bill: z.number() }).strict()),
    today: z.object({ payments: z.number(), settledCount: z.number(), settledValue: amount, rejected: z.number() }).strict(),
    transit: z
      .object({
        under5s: z.number(),
        from5To60s: z.number(),
        over60s: z.number(),
        /** Over the last 10,000 settlements; null before the first. */
        p50Seconds: z.number().nullable(),
        p99Seconds: z.number().nullable(),
      })
      .strict(),
    queues: z.array(z.object({ participantId: z.string(), payments: z.number(), value: amount, oldestSeconds: z.number().nullable() }).strict()),
    gridlock: z.object({ queuedValue: amount, releasableValue: amount, releasablePayments: z.number() }).strict(),
    liquidity: z.array(
      z.object({ participantId: z.string(), name: z.string(), suspended: z.boolean(), balance: amount, available: amount, netDebit: amount, netDebitCap: amount, capUsedPercent: z.number() }).strict(),
    ),
    cycle: z.object({ openCycleId: z.number().nullable(), day: scheduleStateSchema }).strict(),
    health: z
      .object({
        commitP50Ms: z.number().nullable(),
        commitP99Ms: z.number().nullable(),
        batchSizeAvg: z.number().nullable(),
        storeBytes: z.number().nullable(),
        inputQueueDepth: z.number(),
        consoles: z.array(z.object({ participantId: z.string(), lastSyncAt: z.string(), secondsAgo: z.number() }).strict()),
        /** The house's own archiving (docs/archive.md): its last run; absent when it is off, null before the first run ends. */
        archive: z
          .object({
            finishedAt: z.string(),
            trigger: z.enum(['start', 'endOfDay']),
            archivedDays: z.array(z.string()),
            stoppedAt: z.object({ businessDate: z.string(), reason: z.string() }).strict().optional(),
            error: z.string().optional(),
          })
          .strict()
          .nullable()
          .optional(),
      })
      .strict(),
    alerts: z.array(raisedAlertSchema),
  })
  .strict();
export type Dashboard = z.infer<typeof dashboardSchema>;

export const settlementReportQuerySchema = z
  .object({ date: businessDateSchema.optional(), format: z.enum(['json', 'csv']).default('json'), participant: participantIdSchema.optional() })
  .strict();
