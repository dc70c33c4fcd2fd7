import type { HandlerImpls } from './handler-context';
import { requireSession } from './handler-context';
import { participantNames } from '../payments/payment-repository';
import { toPaymentRow } from '../payments/payment-record';
import { requestPaymentAction, type PaymentActionType } from '../sync/payment-actions';

export const paymentActionImpls: HandlerImpls<'payments.requestCancel' | 'payments.requestReturn'> = {
  'payments.requestCancel'(ctx, input) {
    return act(ctx, 'payment.cancel', input);
  },
  'payments.requestReturn'(ctx, input) {
    return act(ctx, 'payment.return', input);
  },
};

function act(ctx: Parameters<(typeof paymentActionImpls)['payments.requestCancel']>[0], type: PaymentActionType, input: { id: string; reason: string }) {
  const { db } = ctx.services;
  const row = requestPaymentAction(db, { type, id: input.id, reason: input.reason, username: requireSession(ctx).username, at: ctx.at });
  ctx.services.emit('payments.changed', { ids: [row.id], all: false });
  return { payment: toPaymentRow(row, participantNames(db)) };
}
