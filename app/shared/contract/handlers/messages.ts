import { z } from 'zod';
import type { Role } from '../../domain/operator';
import { paymentIdSchema } from '../../domain/payment';
import { positiveAmountSchema } from '../../domain/amount-schema';
import { PAYMENT_READERS, type HandlerSpec } from './common';
import { inquiryReasonSchema, MAX_MESSAGE_TEXT_CHARS, messageThreadSchema, refusalReasonSchema, returnReasonSchema } from '../message-protocol';

/**
 * Messages between banks about a payment (docs/messages.md): 查询查复, 退回申请 (the receiving
 * side answers maker-checker: a clerk proposes, a supervisor approves) and 止付 (a supervisor
 * stops or releases an own waiting payment). Each goes to the outbox; the thread comes back
 * from the house through the pull.
 */
const WRITERS: readonly Role[] = ['clerk', 'supervisor'];
const text = z.string().trim().min(1).max(MAX_MESSAGE_TEXT_CHARS);
const threadId = z.string().min(1).max(80);

export const threadViewSchema = messageThreadSchema.extend({
  /** An open inquiry past its reply time (查复超时). */
  overdue: z.boolean(),
}).strict();
export type ThreadView = z.infer<typeof threadViewSchema>;

/** A thread in the inbox: also whether another bank wrote in it since this operator last opened it. */
export const inboxThreadSchema = threadViewSchema.extend({ unread: z.boolean() }).strict();
export type InboxThread = z.infer<typeof inboxThreadSchema>;

export const returnDecisionSchema = z
  .object({
    id: z.string(),
    threadId: z.string(),
    decision: z.enum(['accept', 'refuse']),
    reasonCode: z.string().nullable(),
    text: z.string().nullable(),
    status: z.enum(['proposed', 'approved', 'rejected']),
    maker: z.string(),
    proposedAt: z.string(),
    checker: z.string().nullable(),
  })
  .strict();
export type ReturnDecision = z.infer<typeof returnDecisionSchema>;

/** A message this console sent that the house has not answered yet (待发送). */
export const pendingMessageSchema = z.object({ type: z.string(), id: z.string(), createdAt: z.string(), payload: z.record(z.string(), z.unknown()) }).strict();

const idOut = z.object({ id: z.string() }).strict();

export const messageHandlers = {
  'messages.forPayment': {
    input: z.object({ paymentId: paymentIdSchema }).strict(),
    output: z.object({ threads: z.array(threadViewSchema), decisions: z.array(returnDecisionSchema), pending: z.array(pendingMessageSchema) }).strict(),
    roles: PAYMENT_READERS,
  },
  'messages.list': {
    input: z.object({}).strict(),
    output: z.object({ threads: z.array(threadViewSchema) }).strict(),
    roles: PAYMENT_READERS,
  },
  /**
   * The inbox (查询查复): every thread of the bank, newest first, with this operator's unread
   * marks; the return decisions of requests still waiting and the unsent steps, from which the
   * screen works out what needs this operator's action. Those who handle messages only.
   */
  'messages.inbox': {
    input: z.object({}).strict(),
    output: z.object({ threads: z.array(inboxThreadSchema), decisions: z.array(returnDecisionSchema), pending: z.array(pendingMessageSchema) }).strict(),
    roles: WRITERS,
  },
  /** This operator opened the thread (a read mark, not an operator action: not audited). Errors: 'not_found'. */
  'messages.markRead': { input: z.object({ threadId }).strict(), output: z.object({}).strict(), roles: WRITERS },
  /** Errors: 'not_found', 'messages.not_sent', 'messages.no_house_link'. */
  'messages.inquire': { input: z.object({ paymentId: paymentIdSchema, reasonCode: inquiryReasonSchema, text }).strict(), output: idOut, roles: WRITERS, activity: true },
  /** Errors: 'not_found', 'messages.already_answered', 'messages.no_house_link'. */
  'messages.answer': { input: z.object({ threadId, text }).strict(), output: idOut, roles: WRITERS, activity: true },
  /** Errors: 'messages.not_returnable', 'messages.return_pending', 'messages.amount_too_large', 'messages.no_house_link'. */
  'messages.requestReturn': {
    input: z.object({ paymentId: paymentIdSchema, amount: positiveAmountSchema.optional(), reasonCode: returnReasonSchema, text }).strict(),
    output: idOut,
    roles: WRITERS,
    activity: true,
  },
  /** The maker's answer to a return request. Errors: 'messages.decision_pending', 'messages.already_answered', 'messages.reason_required'. */
  'messages.proposeReturnDecision': {
    input: z.object({ threadId, decision: z.enum(['accept', 'refuse']), reasonCode: refusalReasonSchema.optional(), text: text.optional() }).strict(),
    output: idOut,
    roles: ['clerk'],
    activity: true,
  },
  /** The checker's approval (the answer goes to the house) or rejection. Errors: 'messages.same_operator', 'not_found'. */
  'messages.decideReturnDecision': { input: z.object({ decisionId: z.string().min(1).max(64), approve: z.boolean() }).strict(), output: z.object({}).strict(), roles: ['supervisor'], activity: true },
  /** camt.026/027/029/056 of the thread, one file per step. */
  'messages.exportXml': {
    input: z.object({ threadId }).strict(),
    output: z.object({ files: z.array(z.object({ fileName: z.string(), content: z.string() }).strict()) }).strict(),
    roles: PAYMENT_READERS,
  },
  /** 止付. Errors: 'messages.not_stoppable', 'messages.already_stopped', 'payments.action_pending', 'messages.no_house_link'. */
  'payments.requestStop': { input: z.object({ id: paymentIdSchema, reason: z.string().trim().min(1).max(140) }).strict(), output: z.object({}).strict(), roles: ['supervisor'], activity: true },
  /** 解除止付. Errors: 'messages.not_stopped', 'messages.centre_stop', 'payments.action_pending'. */
  'payments.requestRelease': { input: z.object({ id: paymentIdSchema, reason: z.string().trim().min(1).max(140) }).strict(), output: z.object({}).strict(), roles: ['supervisor'], activity: true },
} as const satisfies Record<string, HandlerSpec>;
