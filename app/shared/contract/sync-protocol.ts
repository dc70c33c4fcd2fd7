import { z } from 'zod';
import { paymentPayloadSchema, paymentIdSchema, paymentStatusSchema, paymentKindSchema, currencySchema, billDetailsSchema, paymentPrioritySchema } from '../domain/payment';
import { participantIdSchema, partySchema, participantSchema } from '../domain/participant';
import { decimalAmountSchema, positiveAmountSchema, signedDecimalAmountSchema } from '../domain/amount-schema';
import { bankCodeSchema } from '../domain/bank-code';
import { calendarYearSchema } from '../domain/calendar-file';
import { broadcastSchema, scheduleChangeSchema } from './centre-api';
import { messageThreadSchema } from './message-protocol';

/**
 * The console <-> house sync protocol (DESIGN.md section 5). HTTP + JSON under /v1, bearer
 * token per participant. Exactly-once: every device numbers its mutations 1, 2, 3, ... without
 * gaps; the house stores `lastSeq` per device in the same transaction as the mutation's effects.
 */
export const PROTOCOL_VERSION = 1 as const;

/** Limits both sides respect; the house refuses more with 400 (count) or 413 (bytes). */
export const MAX_MUTATIONS_PER_PUSH = 1000;
export const MAX_PUSH_BODY_BYTES = 4 * 1024 * 1024;
export const MAX_PULL_LIMIT = 5000;
export const DEFAULT_PULL_LIMIT = 500;

/** Shared with the push fast path (push-fast-check.ts). */
export const DEVICE_ID_PATTERN = /^[A-Za-z0-9_.:-]+$/;

export const deviceIdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(DEVICE_ID_PATTERN, { message: 'device id may hold letters, digits, _ . : - only' });

/** Sequence numbers are positive integers; JSON numbers are exact up to 2^53. */
export const mutationSeqSchema = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/** A payment the console submits; the sender is the token's participant, never a payload field. */
export const paymentSubmitMutationSchema = z
  .object({
    seq: mutationSeqSchema,
    id: z.string().min(1).max(64),
    type: z.literal('payment.submit'),
    // Checked by the house per mutation, so one bad payment is a 'rejected' result, not a 400.
    payload: z.unknown(),
  })
  .strict();

/**
 * Cancel a queued payment of one's own (`id` = the payment's id). Additive in protocol 1: a
 * house that predates it refuses the whole push with 400 naming `mutations.N.type`.
 */
export const paymentCancelMutationSchema = z
  .object({ seq: mutationSeqSchema, id: z.string().min(1).max(64), type: z.literal('payment.cancel'), payload: z.unknown() })
  .strict();

/** 退票: the paying bank (the bill's `from`) returns a presented bill (`id` = the bill's id) before its cycle closes. */
export const paymentReturnMutationSchema = z
  .object({ seq: mutationSeqSchema, id: z.string().min(1).max(64), type: z.literal('payment.return'), payload: z.unknown() })
  .strict();

/**
 * A new priority for a queued payment of one's own (`id` = the payment's id); it keeps its
 * arrival time within the new priority. Additive in protocol 1 like payment.cancel.
 */
export const paymentReprioritiseMutationSchema = z
  .object({ seq: mutationSeqSchema, id: z.string().min(1).max(64), type: z.literal('payment.reprioritise'), payload: z.unknown() })
  .strict();

/** Move a queued RTGS payment of one's own to the top or bottom of its priority class (DESIGN 4.1). */
export const paymentReorderMutationSchema = z
  .object({ seq: mutationSeqSchema, id: z.string().min(1).max(64), type: z.literal('payment.reorder'), payload: z.unknown() })
  .strict();

/**
 * Liquidity controls of the token's participant (DESIGN 4.1): reservations, sender limits, the
 * position warning threshold. `id` is the console's mutation id (not a payment id).
 */
export const liquidityReserveMutationSchema = z
  .object({ seq: mutationSeqSchema, id: z.string().min(1).max(64), type: z.literal('liquidity.reserve'), payload: z.unknown() })
  .strict();
export const liquidityLimitsMutationSchema = z
  .object({ seq: mutationSeqSchema, id: z.string().min(1).max(64), type: z.literal('liquidity.limits'), payload: z.unknown() })
  .strict();
export const liquidityWarningMutationSchema = z
  .object({ seq: mutationSeqSchema, id: z.string().min(1).max(64), type: z.literal('liquidity.warning'), payload: z.unknown() })
  .strict();

/**
 * Messages between banks (docs/messages.md): inquiries, return requests and stop payment.
 * `id` is the thread (inquire, answer, returnRequest, returnAnswer) or the payment (stop,
 * release); payloads in message-protocol.ts, checked by the house per mutation.
 */
const messageMutation = <T extends string>(type: T) =>
  z.object({ seq: mutationSeqSchema, id: z.string().min(1).max(64), type: z.literal(type), payload: z.unknown() }).strict();
export const MESSAGE_MUTATION_TYPES = ['message.inquire', 'message.answer', 'message.returnRequest', 'message.returnAnswer', 'payment.stop', 'payment.release'] as const;
export type MessageMutationType = (typeof MESSAGE_MUTATION_TYPES)[number];
export const isMessageMutationType = (type: string): type is MessageMutationType => (MESSAGE_MUTATION_TYPES as readonly string[]).includes(type);

const actionReasonSchema = z.string().trim().min(1).max(140);

/** Payload of payment.cancel and payment.return: the operator's reason, kept in the house audit log. */
export const paymentActionPayloadSchema = z.object({ reason: actionReasonSchema }).strict();
export type PaymentActionPayload = z.infer<typeof paymentActionPayloadSchema>;

/** Payload of payment.reprioritise: the new priority (0 特急, 1 紧急, 2 普通) and the operator's reason. */
export const paymentReprioritisePayloadSchema = z.object({ priority: paymentPrioritySchema, reason: actionReasonSchema }).strict();
export type PaymentReprioritisePayload = z.infer<typeof paymentReprioritisePayloadSchema>;

/** Payload of payment.reorder. */
export const paymentReorderPayloadSchema = z.object({ to: z.enum(['top', 'bottom']), reason: actionReasonSchema.optional() }).strict();
export type PaymentReorderPayload = z.infer<typeof paymentReorderPayloadSchema>;

/** Payload of liquidity.reserve: floors for urgent and for urgent + high (missing = 0). */
export const liquidityReservePayloadSchema = z.object({ urgent: decimalAmountSchema.optional(), high: decimalAmountSchema.optional() }).strict();
/** Payload of liquidity.limits: replaces all of the participant's sender limits (normal payments). */
export const liquidityLimitsPayloadSchema = z
  .object({ bilateral: z.record(participantIdSchema, decimalAmountSchema).default({}), multilateral: decimalAmountSchema.optional() })
  .strict();
/** Payload of liquidity.warning: 头寸预警 threshold on available; absent switches it off. */
export const liquidityWarningPayloadSchema = z.object({ threshold: decimalAmountSchema.optional() }).strict();

export const mutationSchema = z.discriminatedUnion('type', [
  paymentSubmitMutationSchema,
  paymentCancelMutationSchema,
  paymentReturnMutationSchema,
  paymentReprioritiseMutationSchema,
  paymentReorderMutationSchema,
  liquidityReserveMutationSchema,
  liquidityLimitsMutationSchema,
  liquidityWarningMutationSchema,
  messageMutation('message.inquire'),
  messageMutation('message.answer'),
  messageMutation('message.returnRequest'),
  messageMutation('message.returnAnswer'),
  messageMutation('payment.stop'),
  messageMutation('payment.release'),
]);
export type Mutation = z.infer<typeof mutationSchema>;
export type MutationType = Mutation['type'];
export const MUTATION_TYPES = [
  'payment.submit',
  'payment.cancel',
  'payment.return',
  'payment.reprioritise',
  'payment.reorder',
  'liquidity.reserve',
  'liquidity.limits',
  'liquidity.warning',
  ...MESSAGE_MUTATION_TYPES,
] as const satisfies readonly MutationType[];
/** The mutations that act on an existing payment (cancel, return, reprioritise); reorder is handled beside them. */
export type PaymentActionType = 'payment.cancel' | 'payment.return' | 'payment.reprioritise';
/** The mutations that set one of the participant's liquidity controls. */
export type LiquidityMutationType = 'liquidity.reserve' | 'liquidity.limits' | 'liquidity.warning';

export const pushRequestSchema = z
  .object({
    protocolVersion: z.literal(PROTOCOL_VERSION),
    deviceId: deviceIdSchema,
    mutations: z.array(mutationSchema).min(1).max(MAX_MUTATIONS_PER_PUSH),
  })
  .strict()
  .superRefine((request, ctx) => {
    // A push carries a contiguous run of one device's sequence; anything else is a console bug.
    for (let i = 1; i < request.mutations.length; i += 1) {
      const previous = request.mutations[i - 1];
      const current = request.mutations[i];
      if (previous && current && current.seq !== previous.seq + 1) {
        ctx.addIssue({ code: 'custom', path: ['mutations', i, 'seq'], message: 'mutation seqs in one push must be consecutive' });
        return;
      }
    }
  });
export type PushRequest = z.infer<typeof pushRequestSchema>;

/** Re-export: the payload of a payment.submit mutation. */
export { paymentPayloadSchema };

export const mutationOutcomeSchema = z.enum(['accepted', 'rejected']);

export const pushResultSchema = z
  .object({
    seq: mutationSeqSchema,
    id: z.string(),
    status: z.enum(['accepted', 'duplicate', 'rejected']),
    /** Reason code (REASON_CODES key) when rejected, or the original's code for a duplicate. */
    code: z.string().optional(),
    message: z.string().optional(),
    /** For a duplicate: what the house answered the first time. */
    original: mutationOutcomeSchema.optional(),
  })
  .strict();
export type PushResult = z.infer<typeof pushResultSchema>;

export const pushResponseSchema = z
  .object({
    lastSeq: z.number().int().nonnegative(),
    results: z.array(pushResultSchema),
  })
  .strict();
export type PushResponse = z.infer<typeof pushResponseSchema>;

/** 409 body: the device must resend from `lastSeq + 1`. */
export const gapResponseSchema = z
  .object({ error: z.literal('gap'), lastSeq: z.number().int().nonnegative(), message: z.string() })
  .strict();
export type GapResponse = z.infer<typeof gapResponseSchema>;

export const errorResponseSchema = z.object({ error: z.string(), message: z.string() }).passthrough();
export type ErrorResponse = z.infer<typeof errorResponseSchema>;

// ---- pull ----

/**
 * Statuses the house may tell a console about. `held` is a console's own risk stop: a held
 * payment never reaches the house, and a house answer must not strand one in it.
 */
export const houseStatusSchema = paymentStatusSchema.exclude(['held']);

export const paymentStatusChangeSchema = z
  .object({
    id: paymentIdSchema,
    status: houseStatusSchema,
    reason: z.string().optional(),
    /** House business date the payment was received on. */
    businessDate: z.string().optional(),
    /** DNS payments: the cycle it was admitted to (see cycle.closed). */
    cycleId: z.string().optional(),
  })
  .strict();

export const inboundPaymentSchema = z
  .object({
    id: paymentIdSchema,
    from: participantIdSchema,
    to: participantIdSchema,
    amount: positiveAmountSchema,
    currency: currencySchema,
    kind: paymentKindSchema,
    debtor: partySchema,
    creditor: partySchema,
    purpose: z.string(),
    status: houseStatusSchema,
    reason: z.string().optional(),
    businessDate: z.string().optional(),
    presentedBy: billDetailsSchema.optional(),
    cycleId: z.string().optional(),
  })
  .strict();
export type InboundPayment = z.infer<typeof inboundPaymentSchema>;

/**
 * A closed cycle as one participant sees it: its own multilateral net (`net` holds only its
 * own id) and its bilateral net with each counterparty, positive = it receives.
 */
export const cycleClosedSchema = z
  .object({
    cycleId: z.string(),
    businessDate: z.string().optional(),
    net: z.record(z.string(), signedDecimalAmountSchema),
    bilateral: z.record(z.string(), signedDecimalAmountSchema),
  })
  .strict();

/**
 * One line of the participant's settlement account statement (camt.053-like): a cycle's net
 * settlement ('net'), central-bank liquidity ('liquidity') or the day's close ('closing', with
 * opening balance and turnover). Gross settlements are not repeated here: a payment.status or
 * payment.inbound change with status 'settled' is that statement line.
 */
export const statementEntrySchema = z
  .object({
    entryId: z.string(),
    businessDate: z.string(),
    /** Signed: positive credits the participant's settlement account. For 'closing', the day's change. */
    amount: signedDecimalAmountSchema,
    kind: z.enum(['net', 'liquidity', 'closing']),
    cycleId: z.string().optional(),
    balanceAfter: signedDecimalAmountSchema.optional(),
    openingBalance: signedDecimalAmountSchema.optional(),
    credits: decimalAmountSchema.optional(),
    creditCount: z.number().int().nonnegative().optional(),
    debits: decimalAmountSchema.optional(),
    debitCount: z.number().int().nonnegative().optional(),
  })
  .strict();
export type StatementEntry = z.infer<typeof statementEntrySchema>;

/** Reference data: a participant as every console may see it (no balances of others). */
export const participantReferenceSchema = participantSchema.pick({ id: true, name: true, bankCode: true }).extend({
  bankCode: bankCodeSchema,
  active: z.boolean(),
});

/** A participant's liquidity controls (DESIGN 4.1), as the house holds them. */
export const liquidityControlsSchema = z
  .object({
    creditLine: decimalAmountSchema,
    reservations: z.object({ urgent: decimalAmountSchema, high: decimalAmountSchema }).strict(),
    limits: z.object({ bilateral: z.record(z.string(), decimalAmountSchema), multilateral: decimalAmountSchema.optional() }).strict(),
    warningThreshold: decimalAmountSchema.optional(),
  })
  .strict();
export type LiquidityControls = z.infer<typeof liquidityControlsSchema>;

/**
 * `liquidity` change: the controls after a change (credit line, reservation, limits, warning
 * threshold), and for a position warning (头寸预警) the crossing itself in `warning`.
 */
export const liquidityChangeSchema = liquidityControlsSchema
  .extend({
    businessDate: z.string(),
    warning: z.object({ below: z.boolean(), available: signedDecimalAmountSchema, threshold: decimalAmountSchema }).strict().optional(),
  })
  .strict();
export type LiquidityChange = z.infer<typeof liquidityChangeSchema>;

export const changeSchema = z.discriminatedUnion('type', [
  z.object({ seq: z.number().int().positive(), type: z.literal('payment.status'), data: paymentStatusChangeSchema }).strict(),
  z.object({ seq: z.number().int().positive(), type: z.literal('payment.inbound'), data: inboundPaymentSchema }).strict(),
  z.object({ seq: z.number().int().positive(), type: z.literal('cycle.closed'), data: cycleClosedSchema }).strict(),
  z.object({ seq: z.number().int().positive(), type: z.literal('statement.entry'), data: statementEntrySchema }).strict(),
  z.object({ seq: z.number().int().positive(), type: z.literal('participant'), data: participantReferenceSchema }).strict(),
  // The participant's liquidity controls as they now stand, or a position warning (docs/sync.md).
  z.object({ seq: z.number().int().positive(), type: z.literal('liquidity'), data: liquidityChangeSchema }).strict(),
  // Reference data: one year of the working-day calendar, replacing that year (docs/calendar.md).
  z.object({ seq: z.number().int().positive(), type: z.literal('calendar'), data: calendarYearSchema }).strict(),
  // The centre's business-day schedule for every day ('default') or one date (docs/centre.md).
  z.object({ seq: z.number().int().positive(), type: z.literal('schedule'), data: scheduleChangeSchema }).strict(),
  // A message thread (inquiry, return request, stop) as it now stands (docs/messages.md).
  z.object({ seq: z.number().int().positive(), type: z.literal('message'), data: messageThreadSchema }).strict(),
  // A broadcast (公告) from the clearing centre to every bank or to this one.
  z.object({ seq: z.number().int().positive(), type: z.literal('broadcast'), data: broadcastSchema }).strict(),
]);
export type Change = z.infer<typeof changeSchema>;
export type ChangeType = Change['type'];

/**
 * Cursors are opaque to the console. The house writes `<epoch>.<seq>`; an empty cursor means
 * "from the beginning". A cursor from another epoch (database rebuilt) gets `resync`.
 */
export const cursorSchema = z.string().max(80).regex(/^$|^[A-Za-z0-9_-]+\.\d+$/, { message: 'malformed cursor' });

export const pullQuerySchema = z
  .object({
    cursor: cursorSchema.default(''),
    limit: z.coerce.number().int().min(1).max(MAX_PULL_LIMIT).default(DEFAULT_PULL_LIMIT),
  })
  .strict();
export type PullQuery = z.infer<typeof pullQuerySchema>;

export const pullResponseSchema = z
  .object({
    cursor: cursorSchema,
    hasMore: z.boolean(),
    changes: z.array(changeSchema),
  })
  .strict();
export type PullResponse = z.infer<typeof pullResponseSchema>;

/** Answer to a cursor the house no longer has: drop local house data and pull from `cursor`. */
export const resyncResponseSchema = z
  .object({ resync: z.literal(true), cursor: cursorSchema, message: z.string() })
  .strict();
export type ResyncResponse = z.infer<typeof resyncResponseSchema>;

export const pullAnswerSchema = z.union([pullResponseSchema, resyncResponseSchema]);
export type PullAnswer = z.infer<typeof pullAnswerSchema>;

// ---- accounts ----

export const accountResponseSchema = z
  .object({
    participant: participantIdSchema,
    currency: currencySchema,
    businessDate: z.string(),
    /** Negative while intraday credit is drawn (DESIGN 4.1). */
    balance: signedDecimalAmountSchema,
    /** balance + creditLine - netDebit. */
    available: signedDecimalAmountSchema,
    netDebit: decimalAmountSchema,
    netDebitCap: decimalAmountSchema,
    creditLine: decimalAmountSchema.optional(),
    reservations: z.object({ urgent: decimalAmountSchema, high: decimalAmountSchema }).strict().optional(),
    limits: z.object({ bilateral: z.record(z.string(), decimalAmountSchema), multilateral: decimalAmountSchema.optional() }).strict().optional(),
    warningThreshold: decimalAmountSchema.optional(),
    /** The business clock "HH:MM" (UTC+8). */
    clock: z.string().optional(),
    /** Today's bilateral RTGS positions: counterparty -> what it paid us minus what we paid it. */
    positions: z.record(z.string(), signedDecimalAmountSchema).optional(),
  })
  .strict();
export type AccountResponse = z.infer<typeof accountResponseSchema>;
