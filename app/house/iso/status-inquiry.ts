import { formatAmount } from '../../shared/money/format';
import { isCurrencyCode } from '../../shared/money/currency';
import type { PaymentMessage, StatusRequestItem } from '../../shared/iso20022';
import type { HouseStore } from '../store/sql-client';
import { toBigInt } from '../store/sql-client';
import { findIsoTransactions, readPaymentStatuses, type PaymentStatusRow } from '../store/iso-queries';
import { isoStatusOf } from './iso-status';

type Line = PaymentMessage['transactions'][number];

/** More lines than this for one inquiry item (an end-to-end id reused across messages) are not listed. */
const MAX_LINES_PER_ITEM = 100;

function line(endToEndId: string | null, uetr: string | null, payment: PaymentStatusRow | undefined, stored?: { txStatus: string; reasonCode: string | null }): Line {
  const iso = payment ? isoStatusOf(payment.status, payment.reason) : stored;
  const currency = payment && isCurrencyCode(payment.currency) ? payment.currency : null;
  return {
    endToEndId,
    uetr,
    amount: payment && currency ? formatAmount(toBigInt(payment.amountMinor), currency) : null,
    currency,
    debtor: null,
    creditor: null,
    debtorAgent: null,
    creditorAgent: null,
    remittance: null,
    status: iso?.txStatus ?? 'RJCT',
    reasonCode: iso ? iso.reasonCode : 'NOT_FOUND',
  };
}

/**
 * Answers a pacs.028 item with the current status of the bank's own payments it names:
 * OrgnlTxId is read as a house payment id; OrgnlEndToEndId (with OrgnlMsgId when given) or
 * OrgnlUETR finds transactions the bank sent as pacs.008; an end-to-end id that matches none
 * is tried as a payment id (a console's payment). Payments of other banks are answered exactly
 * like unknown ones (RJCT NOT_FOUND), so an inquiry reveals nothing about them.
 */
export async function answerInquiry(store: HouseStore, participantId: string, item: StatusRequestItem): Promise<Line[]> {
  const ownPayment = async (id: string) => {
    const payment = (await readPaymentStatuses(store, [id])).get(id);
    return payment && payment.submitterId === participantId ? payment : undefined;
  };
  if (item.originalTransactionId !== null) {
    const payment = await ownPayment(item.originalTransactionId);
    return [line(item.originalEndToEndId ?? item.originalTransactionId, item.originalUetr, payment)];
  }
  const rows = await findIsoTransactions(store, participantId, { endToEndId: item.originalEndToEndId, messageId: item.originalMessageId, uetr: item.originalUetr });
  if (rows.length > 0) {
    const payments = await readPaymentStatuses(store, rows.map((r) => r.paymentId));
    return rows.slice(0, MAX_LINES_PER_ITEM).map((r) => {
      const payment = payments.get(r.paymentId);
      return line(r.endToEndId, r.uetr, payment?.submitterId === participantId ? payment : undefined, r);
    });
  }
  const byId = item.originalEndToEndId === null ? undefined : await ownPayment(item.originalEndToEndId);
  return [line(item.originalEndToEndId, item.originalUetr, byId)];
}
