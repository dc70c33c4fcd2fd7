import type { HandlerContext, HandlerImpls } from '../handler-context';
import { requireSession } from '../handler-context';
import { listParticipants, selfParticipant } from '../settings/participants';
import { decideReturnDecision, decisionsFor, proposeReturnDecision, sendAnswer, sendInquiry, sendReturnRequest, sendStop, type Actor } from './message-actions';
import { findThread, isOverdue, listThreads, threadsForPayment } from './thread-store';
import { pendingMessages } from './pending-messages';
import { decisionView, inboxFor, markThreadRead } from './inbox';
import { writeInvestigation } from '../../shared/iso20022/write-investigation';
import type { MessageThread } from '../../shared/contract/message-protocol';
import type { ThreadView } from '../../shared/contract/handlers/messages';
import { UserError } from '../user-error';

type MessageHandlerName =
  | 'messages.forPayment'
  | 'messages.list'
  | 'messages.inbox'
  | 'messages.markRead'
  | 'messages.inquire'
  | 'messages.answer'
  | 'messages.requestReturn'
  | 'messages.proposeReturnDecision'
  | 'messages.decideReturnDecision'
  | 'messages.exportXml'
  | 'payments.requestStop'
  | 'payments.requestRelease';

const actor = (ctx: HandlerContext): Actor => ({ username: requireSession(ctx).username, at: ctx.at });
const selfId = (ctx: HandlerContext): string => selfParticipant(ctx.services.db).id;
const view = (thread: MessageThread, nowMs: number): ThreadView => ({ ...thread, overdue: isOverdue(thread, nowMs) });

/** The blotter and the payment's detail refresh on payments.changed. */
function changed(ctx: HandlerContext, paymentId: string): void {
  ctx.services.emit('payments.changed', { ids: [paymentId], all: false });
}

/** Messages between banks (contract: app/shared/contract/handlers/messages.ts). */
export const messageImpls: HandlerImpls<MessageHandlerName> = {
  'messages.forPayment': (ctx, input) => {
    const { db } = ctx.services;
    const nowMs = ctx.services.now().getTime();
    const threads = threadsForPayment(db, input.paymentId);
    return {
      threads: threads.map((t) => view(t, nowMs)),
      decisions: threads.filter((t) => t.kind === 'return').flatMap((t) => decisionsFor(db, t.id).map(decisionView)),
      pending: pendingMessages(db, input.paymentId),
    };
  },
  'messages.list': (ctx) => {
    const nowMs = ctx.services.now().getTime();
    return { threads: listThreads(ctx.services.db).map(({ overdueNoticed: _noticed, ...t }) => view(t, nowMs)) };
  },
  'messages.inbox': (ctx) => inboxFor(ctx.services.db, requireSession(ctx).username, selfId(ctx), ctx.services.now().getTime()),
  'messages.markRead': (ctx, input) => {
    if (!markThreadRead(ctx.services.db, requireSession(ctx).username, findThread(ctx.services.db, input.threadId), ctx.at)) {
      throw new UserError('not_found', `No thread ${input.threadId}.`, `查询或申请 ${input.threadId} 不存在。`);
    }
    return {};
  },
  'messages.inquire': (ctx, input) => {
    const id = sendInquiry(ctx.services.db, ctx.services.actionLink, input, selfId(ctx), actor(ctx));
    changed(ctx, input.paymentId);
    return { id };
  },
  'messages.answer': (ctx, input) => {
    const id = sendAnswer(ctx.services.db, ctx.services.actionLink, input, selfId(ctx), actor(ctx));
    const thread = findThread(ctx.services.db, id);
    if (thread) changed(ctx, thread.paymentId);
    return { id };
  },
  'messages.requestReturn': (ctx, input) => {
    const id = sendReturnRequest(ctx.services.db, ctx.services.actionLink, input, selfId(ctx), actor(ctx));
    changed(ctx, input.paymentId);
    return { id };
  },
  'messages.proposeReturnDecision': (ctx, input) => {
    const id = proposeReturnDecision(ctx.services.db, input, selfId(ctx), actor(ctx));
    const thread = findThread(ctx.services.db, input.threadId);
    if (thread) changed(ctx, thread.paymentId);
    return { id };
  },
  'messages.decideReturnDecision': (ctx, input) => {
    decideReturnDecision(ctx.services.db, ctx.services.actionLink, input, actor(ctx));
    ctx.services.emit('payments.changed', { ids: [], all: true });
    return {};
  },
  'messages.exportXml': (ctx, input) => {
    const { db } = ctx.services;
    const thread = findThread(db, input.threadId);
    if (thread === undefined) throw new UserError('not_found', `No thread ${input.threadId}.`, `查询或申请 ${input.threadId} 不存在。`);
    const codes = new Map(listParticipants(db).map((p) => [p.id, p.bankCode]));
    return { files: writeInvestigation(thread, (id) => codes.get(id) ?? id) };
  },
  'payments.requestStop': (ctx, input) => {
    sendStop(ctx.services.db, ctx.services.actionLink, { ...input, release: false }, selfId(ctx), actor(ctx));
    changed(ctx, input.id);
    return {};
  },
  'payments.requestRelease': (ctx, input) => {
    sendStop(ctx.services.db, ctx.services.actionLink, { ...input, release: true }, selfId(ctx), actor(ctx));
    changed(ctx, input.id);
    return {};
  },
};
