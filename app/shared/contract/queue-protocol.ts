import { z } from 'zod';
import { clockTimeSchema, paymentIdSchema, paymentKindSchema, paymentPrioritySchema } from '../domain/payment';
import { participantIdSchema } from '../domain/participant';
import { positiveAmountSchema } from '../domain/amount-schema';

/**
 * `GET /v1/queue/me` (docs/sync.md "Queue"): the bank's own waiting payments as the house's
 * clearing engine holds them, so 排队管理 shows the authority's order instead of a mirror.
 */

/** Rows per answer unless `?limit=` asks for fewer; beyond it the answer says `truncated`. */
export const QUEUE_ANSWER_MAX_ROWS = 10_000;

export const queueQuerySchema = z
  .object({ limit: z.coerce.number().int().min(1).max(QUEUE_ANSWER_MAX_ROWS).default(QUEUE_ANSWER_MAX_ROWS) })
  .strict();

/**
 * Why a payment waits, from the engine's own reason code: funds (INSUFFICIENT_FUNDS), floor
 * (RESERVED_LIQUIDITY), limit (BILATERAL_ / MULTILATERAL_LIMIT), cap (NET_DEBIT_CAP), fifo (no
 * code: it fits but waits its turn behind its class), stopped (止付: out of the queue until
 * released); other: a code this version does not know.
 */
export const HOUSE_WAIT_REASONS = ['funds', 'floor', 'limit', 'cap', 'fifo', 'stopped', 'other'] as const;
export const houseWaitReasonSchema = z.enum(HOUSE_WAIT_REASONS);
export type HouseWaitReason = z.infer<typeof houseWaitReasonSchema>;

/** The engine's reason code (null: none) as a wait reason; one mapping for the house and the console. */
export function waitReasonOfCode(code: string | null): Exclude<HouseWaitReason, 'stopped'> {
  switch (code) {
    case null:
      return 'fifo';
    case 'INSUFFICIENT_FUNDS':
      return 'funds';
    case 'RESERVED_LIQUIDITY':
      return 'floor';
    case 'BILATERAL_LIMIT':
    case 'MULTILATERAL_LIMIT':
      return 'limit';
    case 'NET_DEBIT_CAP':
      return 'cap';
    default:
      return 'other';
  }
}

const isoTimeSchema = z.iso.datetime({ offset: true });

const queuedPaymentSchema = z
  .object({
    id: paymentIdSchema,
    kind: paymentKindSchema,
    priority: paymentPrioritySchema,
    amount: positiveAmountSchema,
    /** The receiving participant. */
    to: participantIdSchema,
    reason: houseWaitReasonSchema,
    /** The engine's code as it stands (null: none, FIFO). */
    reasonCode: z.string().nullable(),
    /** When the house committed it as waiting (ISO, house time). */
    since: isoTimeSchema,
  })
  .strict();
export type HouseQueuedPayment = z.infer<typeof queuedPaymentSchema>;

const scheduledPaymentSchema = z
  .object({
    id: paymentIdSchema,
    kind: paymentKindSchema,
    priority: paymentPrioritySchema,
    amount: positiveAmountSchema,
    to: participantIdSchema,
    /** 最早结算时间 / latest (reject) time, "HH:MM" (UTC+8). */
    earliest: clockTimeSchema.nullable(),
    latest: clockTimeSchema.nullable(),
    /** Warehoused: the business date it enters on (null: today). */
    valueDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable(),
    /** 止付: out of the schedule until released. */
    stopped: z.boolean(),
    since: isoTimeSchema,
  })
  .strict();
export type HouseScheduledPayment = z.infer<typeof scheduledPaymentSchema>;

export const queueResponseSchema = z
  .object({
    participant: participantIdSchema,
    businessDate: z.string(),
    /** The business clock "HH:MM" (UTC+8). */
    clock: z.string(),
    /** The house's time of the answer (ISO). */
    asOf: isoTimeSchema,
    /**
     * RTGS (hvps, return) in the engine's queue order: priority class, then queue position
     * (arrival, moved by reorder); stopped payments, which hold no place, after them.
     */
    rtgs: z.array(queuedPaymentSchema),
    /** DNS (beps, bills this bank pays) waiting for admission to the open cycle, arrival order. */
    dns: z.array(queuedPaymentSchema),
    /** Timed and warehoused, in the order they become due. */
    scheduled: z.array(scheduledPaymentSchema),
    /** The row limit applied across the three lists, and whether rows were left out. */
    limit: z.number().int().min(1),
    truncated: z.boolean(),
  })
  .strict();
export type QueueResponse = z.infer<typeof queueResponseSchema>;
