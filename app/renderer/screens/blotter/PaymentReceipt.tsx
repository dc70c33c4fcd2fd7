import { useTranslation } from 'react-i18next';
import type { HandlerOutput } from '../../../shared/contract';
import { capitalsOfWire, centreDateTime, CENTRE_ZONE_LABEL, groupedAmount } from '../../components/amount-text';
import { useAppSelector } from '../../state/store';
import { houseTimeOf } from './payment-detail-facts';

type Details = HandlerOutput<'payments.get'>;

/**
 * The payment receipt (支付回单) as printed for the customer or filed with the voucher: both
 * parties with their banks, the amount in figures and in capitals, purpose, the house's
 * reference and time, maker and checker. Hidden on screen; the print stylesheet shows only it
 * (window.print; "Save as PDF" in the print dialog makes the PDF).
 */
export function PaymentReceipt({ details, printedAt }: { details: Details; printedAt: string }) {
  const { t } = useTranslation();
  const participants = useAppSelector((s) => s.session.participants);
  const self = useAppSelector((s) => s.session.participant);
  const row = details.payment;
  const bank = (id: string) => {
    const p = participants.find((x) => x.id === id);
    return p === undefined ? id : `${p.name} ${p.bankCode}`;
  };
  const houseAt = houseTimeOf(row);
  const line = (label: string, value: string, className = '') => (
    <tr>
      <th>{label}</th>
      <td className={className}>{value}</td>
    </tr>
  );
  return (
    <div className="receipt-print" data-testid="payment-receipt" lang="zh-CN">
      <h1>{self?.name ?? ''} {t('receipt.title')}</h1>
      <p className="receipt-sub">
        {t('receipt.kind')}: {t(`kinds.${row.kind}`)} · {t(`directions.${row.direction}`)} · {t('receipt.businessDate')}: {row.businessDate}
      </p>
      <table className="receipt-table">
        <tbody>
          {line(t('receipt.id'), row.id, 'mono')}
          {line(t('receipt.debtor'), row.debtorName)}
          {line(t('receipt.debtorAccount'), row.debtorAccount, 'mono')}
          {line(t('receipt.debtorBank'), bank(row.from))}
          {line(t('receipt.creditor'), row.creditorName)}
          {line(t('receipt.creditorAccount'), row.creditorAccount, 'mono')}
          {line(t('receipt.creditorBank'), bank(row.to))}
          {line(t('receipt.amount'), `¥${groupedAmount(row.amount)}`, 'mono receipt-amount')}
          {line(t('receipt.capitals'), `人民币${capitalsOfWire(row.amount)}`, 'receipt-capitals')}
          {line(t('receipt.purpose'), row.purpose || '—')}
          {details.bill !== null && line(t('receipt.bill'), `${details.bill.billNumber} · ${details.bill.issueDate} · ${details.bill.drawer}`)}
          {line(t('receipt.status'), t(`statuses.${row.status}`))}
          {line(t('receipt.houseTime'), houseAt === null ? '—' : `${centreDateTime(houseAt)} (${CENTRE_ZONE_LABEL})`, 'mono')}
          {line(t('receipt.makerChecker'), `${row.maker} / ${row.checker ?? '—'}`)}
        </tbody>
      </table>
      <p className="receipt-foot">
        {t('receipt.printedAt')}: {centreDateTime(printedAt)} ({CENTRE_ZONE_LABEL}) · {t('receipt.stamp')}
      </p>
    </div>
  );
}
