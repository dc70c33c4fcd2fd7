import type { HandlerImpls } from '../handler-context';
import { participantNames } from '../payments/payment-repository';
import { toPaymentRow } from '../payments/payment-record';
import { findArchivedConsolePayment } from './console-archive';

export const archiveImpls: HandlerImpls<'payments.archived'> = {
  'payments.archived'(ctx, input) {
    const { db } = ctx.services;
    const found = findArchivedConsolePayment(db, input.id);
    if (!found) return { archived: null };
    return {
      archived: {
        businessDate: found.businessDate,
        archivedAt: found.archivedAt,
        location: found.location,
        payment: found.row ? toPaymentRow(found.row, participantNames(db)) : null,
        problem: found.problem ?? null,
      },
    };
  },
};
