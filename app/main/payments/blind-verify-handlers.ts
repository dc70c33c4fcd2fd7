import type { HandlerImpls } from '../handler-context';
import { requireSession } from '../handler-context';
import { blindVerifyKinds, checkRekey, setBlindVerifyKinds } from './blind-verify';
import { verifyPayment } from './payment-commands';
import { toPaymentRow } from './payment-record';
import { participantNames } from './payment-repository';

export const blindVerifyImpls: HandlerImpls<'payments.blindVerify.get' | 'payments.blindVerify.set' | 'payments.verifyRekeyed'> = {
  'payments.blindVerify.get'(ctx) {
    return { kinds: blindVerifyKinds(ctx.services.db) };
  },
  'payments.blindVerify.set'(ctx, input) {
    return { kinds: setBlindVerifyKinds(ctx.services.db, input.kinds, requireSession(ctx).username, ctx.at) };
  },
  'payments.verifyRekeyed'(ctx, input) {
    const { db, verify } = ctx.services;
    checkRekey(db, input.id, input);
    const row = verifyPayment(db, input.id, { username: requireSession(ctx).username, at: ctx.at }, verify);
    ctx.services.emit('payments.changed', { ids: [row.id], all: false });
    return { payment: toPaymentRow(row, participantNames(db)) };
  },
};
