import { z } from 'zod';
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
  })
  .strict();
export type LiquidityState = z.infer<typeof liquidityStateSchema>;

const proposalOut = z.object({ proposal: liquidityProposalRowSchema }).strict();

export const liquidityHandlers = {
  'liquidity.state': { input: z.object({}).strict(), output: liquidityStateSchema, roles: LIQUIDITY_READERS },
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
  /** 排队管理: a queued own RTGS payment to the top or bottom of its priority class. Errors as payments.requestReprioritise. */
  'payments.requestReorder': {
    input: z.object({ id: z.string().min(1).max(64), to: z.enum(['top', 'bottom']), reason: z.string().trim().min(1).max(140) }).strict(),
    output: z.object({ payment: paymentRowSchema }).strict(),
    roles: LIQUIDITY_SUPERVISORS, activity: true,
  },
} as const satisfies Record<string, HandlerSpec>;
