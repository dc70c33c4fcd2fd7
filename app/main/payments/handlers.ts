import type { HandlerImpls } from '../handler-context';
import { requireSession } from '../handler-context';
import { capturePayment, rejectDraft, verifyPayment } from './payment-commands';
import { draftsOldestFirst, findPayment, participantNames } from './payment-repository';
import { toPaymentRow } from './payment-record';
import { requestPaymentAction, type ActionKind } from './payment-actions';
import { auditHistory } from '../audit/audit-log';
import { houseSteps, withHouseSteps } from './house-steps';
import { countPayments, pagePayments } from './blotter/blotter';
import { requireNoRekey } from './blind-verify';
import { UserError } from '../user-error';

/** Most drafts the verification queue shows at once. */
export const MAX_QUEUE_ROWS = 500;

export const paymentImpls: HandlerImpls<
  | 'payments.capture'
  | 'payments.verify'
  | 'payments.rejectDraft'
  | 'payments.verificationQueue'
  | 'payments.get'
  | 'payments.page'
  | 'payments.count'
> = {
  'payments.capture'(ctx, input) {
    const { db } = ctx.services;
    const row = capturePayment(db, input, { username: requireSession(ctx).username, at: ctx.at });
    ctx.services.emit('payments.changed', { ids: [row.id], all: false });
    return { payment: toPaymentRow(row, participantNames(db)) };
  },
  'payments.verify'(ctx, input) {
    const { db, verify } = ctx.services;
    // Kinds under blind double entry verify only with the checker's own keying (payments.verifyRekeyed).
    requireNoRekey(db, input.id);
    const row = verifyPayment(db, input.id, { username: requireSession(ctx).username, at: ctx.at }, verify);
    ctx.services.emit('payments.changed', { ids: [row.id], all: false });
    return { payment: toPaymentRow(row, participantNames(db)) };
  },
  'payments.rejectDraft'(ctx, input) {
    const { db } = ctx.services;
    const row = rejectDraft(db, input.id, input.note, { username: requireSession(ctx).username, at: ctx.at });
    ctx.services.emit('payments.changed', { ids: [row.id], all: false });
    return { payment: toPaymentRow(row, participantNames(db)) };
  },
  'payments.verificationQueue'(ctx) {
    const { db } = ctx.services;
    const names = participantNames(db);
    return { rows: draftsOldestFirst(db, MAX_QUEUE_ROWS).map((r) => toPaymentRow(r, names)) };
  },
  'payments.get'(ctx, input) {
    const { db } = ctx.services;
    const row = findPayment(db, input.id);
    if (row === undefined) throw new UserError('not_found', `No payment ${input.id}.`, `支付 ${input.id} 不存在。`);
    const bill =
      row.bill_number === null ? null : { billNumber: row.bill_number, issueDate: row.bill_issue_date ?? '', drawer: row.bill_drawer ?? '' };
    return {
      payment: toPaymentRow(row, participantNames(db)),
      bill,
      // The console's audited entries and the house's steps (pushed answer, pulled statuses) in time order.
      history: withHouseSteps(
        auditHistory(db, 'payment', row.id).map((e) => ({ at: e.at, actor: e.actor, action: e.action, detail: e.detail })),
        houseSteps(db, row.id),
      ),
    };
  },
  'payments.page'(ctx, input) {
    const page = pagePayments(ctx.services.db, ctx.blotter, input);
    return { rows: page.rows, lastRow: page.lastRow };
  },
  'payments.count'(ctx, input) {
    return { count: countPayments(ctx.services.db, ctx.blotter, input.filterModel) };
  },
};

// Cancel, return and reprioritise: requests to the house through the action link.
type ActionName = 'payments.requestCancel' | 'payments.requestReturn' | 'payments.requestReprioritise';

export const paymentActionImpls: HandlerImpls<ActionName> = {
  'payments.requestCancel'(ctx, input) {
    return act(ctx, { type: 'payment.cancel' }, input);
  },
  'payments.requestReturn'(ctx, input) {
    return act(ctx, { type: 'payment.return' }, input);
  },
  'payments.requestReprioritise'(ctx, input) {
    return act(ctx, { type: 'payment.reprioritise', priority: input.priority }, input);
  },
};

function act(ctx: Parameters<(typeof paymentActionImpls)['payments.requestCancel']>[0], action: ActionKind, input: { id: string; reason: string }) {
  const { db } = ctx.services;
  const row = requestPaymentAction(db, ctx.services.actionLink, { ...action, id: input.id, reason: input.reason, username: requireSession(ctx).username, at: ctx.at });
  ctx.services.emit('payments.changed', { ids: [row.id], all: false });
  return { payment: toPaymentRow(row, participantNames(db)) };
}
