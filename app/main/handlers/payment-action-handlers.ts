import type { HandlerImpls } from './handler-context';
import { requireSession } from './handler-context';
import { participantNames } from '../payments/payment-repository';
import { toPaymentRow } from '../payments/payment-record';
import { requestPaymentAction, type ActionKind } from '../sync/payment-actions';

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
