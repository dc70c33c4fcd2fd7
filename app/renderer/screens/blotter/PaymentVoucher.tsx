import { useTranslation } from 'react-i18next';
import type { HandlerOutput } from '../../../shared/contract';
import { capitalsOfWire, centreDateTime, CENTRE_ZONE_LABEL, groupedAmount } from '../../components/amount-text';
import { useAppSelector } from '../../state/store';

type Details = HandlerOutput<'payments.get'>;

/**
 * The bank's accounting voucher (记账凭证) of a payment, filed with the day's books: which account
 * is debited and which credited, the amount in figures and capitals, the summary, and the
 * signature boxes of the four hands a branch voucher carries. An outgoing payment debits the
 * customer's account and credits the bank's clearing account at the centre; an incoming one the
 * reverse. Hidden on screen like the receipt; printed instead of it when chosen.
 */
export function PaymentVoucher({ details, printedAt }: { details: Details; printedAt: string }) {
  const { t } = useTranslation();
  const self = useAppSelector((s) => s.session.participant);
  const row = details.payment;
  const clearing = { account: t('voucher.clearingAccount'), name: t('voucher.clearingName'), mono: false };
  const customerOut = { account: row.debtorAccount, name: row.debtorName, mono: true };
  const customerIn = { account: row.creditorAccount, name: row.creditorName, mono: true };
  // An incoming payment was made by the sending bank and entered by the house, not by a clerk here.
  const hand = (name: string | null) => (name === null ? '＿＿＿' : name === 'house' ? t('receipt.house') : name);
  const [debit, credit] = row.direction === 'out' ? [customerOut, clearing] : [clearing, customerIn];
  const amount = `¥${groupedAmount(row.amount)}`;
  return (
    <div className="receipt-print voucher-print" data-testid="payment-voucher" lang="zh-CN">
      <h1>{self?.name ?? ''} {t('voucher.title')}</h1>
      <p className="receipt-sub">
        {t('receipt.businessDate')}: {row.businessDate} · {t('voucher.number')}: <span className="mono">{row.id}</span>
      </p>
      <table className="receipt-table voucher-table">
        <thead>
          <tr>
            <th>{t('voucher.summary')}</th>
            <th>{t('voucher.side')}</th>
            <th>{t('voucher.account')}</th>
            <th>{t('voucher.accountName')}</th>
            <th>{t('receipt.amount')}</th>
          </tr>
        </thead>
        <tbody>
          <tr data-testid="voucher-debit">
            <td rowSpan={2}>{row.purpose || t(`kinds.${row.kind}`)}</td>
            <td>{t('voucher.debit')}</td>
            <td className={debit.mono ? 'mono' : ''}>{debit.account}</td>
            <td>{debit.name}</td>
            <td className="mono receipt-amount">{amount}</td>
          </tr>
          <tr data-testid="voucher-credit">
            <td>{t('voucher.credit')}</td>
            <td className={credit.mono ? 'mono' : ''}>{credit.account}</td>
            <td>{credit.name}</td>
            <td className="mono receipt-amount">{amount}</td>
          </tr>
          <tr>
            <th colSpan={2}>{t('receipt.capitals')}</th>
            <td colSpan={3} className="receipt-capitals">人民币{capitalsOfWire(row.amount)}</td>
          </tr>
        </tbody>
      </table>
      <p className="voucher-hands">
        <span>{t('voucher.chief')}: ＿＿＿</span>
        <span>{t('voucher.bookkeeper')}: ＿＿＿</span>
        <span>{t('voucher.checker')}: {hand(row.checker)}</span>
        <span>{t('voucher.maker')}: {hand(row.maker)}</span>
      </p>
      <p className="receipt-foot">
        {t('voucher.attachments')} · {t('receipt.printedAt')}: {centreDateTime(printedAt)} ({CENTRE_ZONE_LABEL})
      </p>
    </div>
  );
}
