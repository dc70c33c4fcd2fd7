import { z } from 'zod';
import { HOUSE_WAIT_REASONS } from '../queue-protocol';
import type { Role } from '../../domain/operator';
import type { HandlerSpec } from './common';
import { participantSummarySchema } from './common';
import { paymentRowSchema } from '../payment-row';
import {
  liquidityControlsSchema,
  liquidityLimitsPayloadSchema,
  liquidityReservePayloadSchema,
  liquidityWarningPayloadSchema,
  accountResponseSchema,
} from '../sync-protocol';

/**
 * Liquidity management (流动性管理, DESIGN 4.1, docs/liquidity-console.md): the supervisors set
 * the bank's reservation, sender limits and warning threshold at the house, each change
 * proposed by one supervisor and approved by another (maker-checker) before it goes to the
 * outbox as its sync mutation. Auditors read.
 */
const LIQUIDITY_READERS: readonly Role[] = ['supervisor', 'auditor'];
const LIQUIDITY_SUPERVISORS: readonly Role[] = ['supervisor'];

export const LIQUIDITY_KINDS = ['liquidity.reserve', 'liquidity.limits', 'liquidity.warning'] as const;
export const liquidityKindSchema = z.enum(LIQUIDITY_KINDS);

/** Each proposal's payload is the sync mutation's payload, checked as the house checks it. */
export const liquidityProposalPayloadSchemas = {
  'liquidity.reserve': liquidityReservePayloadSchema,
  'liquidity.limits': liquidityLimitsPayloadSchema,
  'liquidity.warning': liquidityWarningPayloadSchema,
} as const;

export const liquidityProposalRowSchema = z
  .object({
    id: z.string(),
    kind: liquidityKindSchema,
    payload: z.union([liquidityReservePayloadSchema, liquidityLimitsPayloadSchema, liquidityWarningPayloadSchema]),
    note: z.string(),
    status: z.enum(['proposed', 'approved', 'rejected']),
    proposedBy: z.string(),
    proposedAt: z.string(),
    decidedBy: z.string().nullable(),
    decidedAt: z.string().nullable(),
    decideNote: z.string().nullable(),
    /** The house's answer once the approved change was pushed. */
    houseResult: z.enum(['accepted', 'rejected']).nullable(),
    houseCode: z.string().nullable(),
  })
  .strict();
export type LiquidityProposalRow = z.infer<typeof liquidityProposalRowSchema>;

const note = z.string().trim().min(1, { message: 'say why' }).max(500);

export const liquidityCheckSchema = z
  .object({
    agrees: z.boolean(),
    /** item: available, netDebit, creditLine, limits, warning, controls, position:<id>, payment:<id>. */
    differences: z.array(z.object({ item: z.string(), house: z.string(), replay: z.string() }).strict()),
    /** Commands the replay ran through the engine. */
    commands: z.number().int().nonnegative(),
    businessDate: z.string(),
    checkedAt: z.string(),
  })
  .strict();
export type LiquidityCheck = z.infer<typeof liquidityCheckSchema>;

export const liquidityStateSchema = z
  .object({
    /** Last known controls from the pull feed; null before the house sent any. */
    controls: liquidityControlsSchema.nullable(),
    controlsDate: z.string().nullable(),
    warningBelow: z.boolean(),
    /** The last `GET /v1/accounts/me` (balance, available, credit line, positions, clock); null offline-from-start. */
    account: accountResponseSchema.nullable(),
    /** Counterparties for limits, with 行号. */
    counterparties: z.array(participantSummarySchema),
    proposals: z.array(liquidityProposalRowSchema),
    /**
     * The last shadow verification (docs/liquidity-console.md): the house's liquidity figures
     * replayed through the shared engine from this console's own day; null before one ran.
     */
    check: liquidityCheckSchema.nullable().optional(),
  })
  .strict();
export type LiquidityState = z.infer<typeof liquidityStateSchema>;

/** A decimal yuan amount on the wire ("-1234.50"). */
const yuanText = z.string().regex(/^-?\d+\.\d{2}$/);
const hourOfDay = z.number().int().min(0).max(23);
/** A share in basis points: 10000 = 100%. */
const shareBp = z.number().int().min(0).max(10_000);

/**
 * The intraday picture of the bank's settlement account (BCBS 248 monitors), from its own
 * payments of the business date in the console store (docs/liquidity-console.md, "Charts").
 */
export const liquidityIntradaySchema = z
  .object({
    businessDate: z.string(),
    /** Balance now minus today's net settled flow; null before any account was synced. */
    openingBalance: yuanText.nullable(),
    /** Urgent + high reservations in force; null when unknown. */
    reservationFloor: yuanText.nullable(),
    /** One point per settled payment, first the opening (at null). */
    curve: z.array(
      z.object({ at: z.string().nullable(), netFlow: yuanText, balance: yuanText.nullable(), available: yuanText.nullable() }).strict(),
    ),
    monitors: z
      .object({
        /** Lowest cumulative net flow below the opening, as a positive amount (0.00 if never below). */
        largestUsage: yuanText,
        largestUsageAt: z.string().nullable(),
        sentValue: yuanText,
        sentCount: z.number().int().min(0),
        receivedValue: yuanText,
        receivedCount: z.number().int().min(0),
      })
      .strict(),
    /** Sent value settled per business hour 08-18 (UTC+8), with the cumulative share by the hour's end. */
    throughput: z.array(z.object({ hour: hourOfDay, sentValue: yuanText, shareBp, cumulativeShareBp: shareBp }).strict()),
    /** Own payments still queued, by hour of capture (UTC+8). */
    queue: z.array(z.object({ hour: hourOfDay, count: z.number().int().min(0), value: yuanText }).strict()),
    /** Queue depth and value over the day: a point after each change, at the time the console was told (ISO). */
    queueDay: z.array(z.object({ at: z.string(), count: z.number().int().min(0), value: yuanText }).strict()),
  })
  .strict();
export type LiquidityIntraday = z.infer<typeof liquidityIntradaySchema>;

/**
 * Why an own payment waits (docs/liquidity.md "reason"): funds (INSUFFICIENT_FUNDS), a
 * reservation floor (RESERVED_LIQUIDITY), a sender limit (BILATERAL_ / MULTILATERAL_LIMIT), the
 * net debit cap (DNS), FIFO: it would fit, but a payment of its class waits ahead of it, or
 * stopped (止付, known only from the house's queue order).
 */
export const QUEUE_WAIT_REASONS = HOUSE_WAIT_REASONS;
export type QueueWaitReason = (typeof QUEUE_WAIT_REASONS)[number];

export const queueRowSchema = z
  .object({
    id: z.string(),
    kind: z.enum(['hvps', 'beps', 'bill', 'return']),
    priority: z.number().int().min(0).max(2),
    status: z.string(),
    /** 1-based place in its list (RTGS: priority, then queue order). */
    position: z.number().int().min(1),
    to: z.string(),
    toName: z.string(),
    toBankCode: z.string(),
    creditorName: z.string(),
    amount: z.string(),
    /** The house's reason code (as it stands in the house order, else as pulled); null: FIFO. */
    reasonCode: z.string().nullable(),
    waitReason: z.enum(QUEUE_WAIT_REASONS),
    earliest: z.string().nullable(),
    latest: z.string().nullable(),
    valueDate: z.string().nullable(),
    /** When the console was told it queued or was scheduled (ISO); else its last change. */
    since: z.string(),
    /** Requests of this payment still with the house (one of each at a time). */
    pending: z.array(z.enum(['payment.cancel', 'payment.reprioritise', 'payment.reorder'])),
    /** False for a payment the house lists that this console did not send (another device of the bank): no action here. */
    local: z.boolean(),
  })
  .strict();
export type QueueRow = z.infer<typeof queueRowSchema>;

/**
 * Where the lists' order and reasons come from: the house's own queue (`GET /v1/queue/me`)
 * fetched `ageSeconds` ago, or this console's mirror (pulled statuses and accepted moves)
 * because it is offline, the house's answer has not come yet or is too old, or there is no link.
 */
export const queueSourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('house'), ageSeconds: z.number().int().min(0), asOf: z.string() }).strict(),
  z.object({ kind: z.literal('mirror'), why: z.enum(['offline', 'waiting', 'stale', 'local']) }).strict(),
]);
export type QueueSource = z.infer<typeof queueSourceSchema>;

export const queueViewSchema = z
  .object({
    /** False on a console without a house link: there is no queue to manage. */
    linked: z.boolean(),
    source: queueSourceSchema,
    businessDate: z.string().nullable(),
    /** The house's business clock as last seen (UTC+8), null before any. */
    clock: z.string().nullable(),
    rtgs: z.array(queueRowSchema),
    dns: z.array(queueRowSchema),
    scheduled: z.array(queueRowSchema),
  })
  .strict();
export type QueueView = z.infer<typeof queueViewSchema>;

/** What payment entry needs for timed and warehoused payments (DESIGN 4.1). */
export const paymentTimingContextSchema = z
  .object({
    /** False without a house link: no timing can be sent, the form hides the fields. */
    linked: z.boolean(),
    businessDate: z.string(),
    /** The house's business clock as last seen (UTC+8), null when not of today. */
    clock: z.string().nullable(),
    /** Today, then each working day up to 5 ahead on the house calendar the console has. */
    valueDates: z.array(z.string()),
  })
  .strict();
export type PaymentTimingContext = z.infer<typeof paymentTimingContextSchema>;

const proposalOut = z.object({ proposal: liquidityProposalRowSchema }).strict();

export const liquidityHandlers = {
  'liquidity.state': { input: z.object({}).strict(), output: liquidityStateSchema, roles: LIQUIDITY_READERS },
  /** The business date defaults to the last synced account's, else the latest date of own payments. */
  'liquidity.intraday': {
    input: z.object({ businessDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional() }).strict(),
    output: liquidityIntradaySchema,
    roles: LIQUIDITY_READERS,
  },
  /** Errors: 'liquidity.invalid_change', 'liquidity.change_pending', 'liquidity.unknown_participant', 'liquidity.own_limit'. */
  'liquidity.propose': {
    input: z.object({ kind: liquidityKindSchema, payload: z.unknown(), note }).strict(),
    output: proposalOut,
    roles: LIQUIDITY_SUPERVISORS, activity: true,
  },
  /** Errors: 'liquidity.same_person', 'liquidity.already_decided', 'liquidity.no_house_link', 'not_found'. */
  'liquidity.approve': { input: z.object({ id: z.string().min(1).max(64), note: z.string().trim().max(500).optional() }).strict(), output: proposalOut, roles: LIQUIDITY_SUPERVISORS, activity: true },
  /** Errors: 'liquidity.same_person', 'liquidity.already_decided', 'not_found'. */
  'liquidity.reject': { input: z.object({ id: z.string().min(1).max(64), note }).strict(), output: proposalOut, roles: LIQUIDITY_SUPERVISORS, activity: true },
  /** 排队管理: the bank's own RTGS queue in order, the DNS waiting list and the scheduled payments. */
  'liquidity.queue': { input: z.object({}).strict(), output: queueViewSchema, roles: LIQUIDITY_READERS },
  /** Payment entry: the value dates and business clock a timed or warehoused payment is checked against. */
  'payments.timing': { input: z.object({}).strict(), output: paymentTimingContextSchema, roles: ['clerk', 'supervisor'] },
  /** 排队管理: a queued own RTGS payment to the top or bottom of its priority class. Errors as payments.requestReprioritise. */
  'payments.requestReorder': {
    input: z.object({ id: z.string().min(1).max(64), to: z.enum(['top', 'bottom']), reason: z.string().trim().min(1).max(140) }).strict(),
    output: z.object({ payment: paymentRowSchema }).strict(),
    roles: LIQUIDITY_SUPERVISORS, activity: true,
  },
} as const satisfies Record<string, HandlerSpec>;
