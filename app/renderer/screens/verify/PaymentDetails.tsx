import { useTranslation } from 'react-i18next';
import type { HandlerOutput, PaymentRow } from '../../../shared/contract';
import { StatusChip } from '../../components/StatusChip';
import { useAppSelector } from '../../state/store';
import { capitalsOfWire, groupedAmount, centreDateTime } from '../../components/amount-text';

type Details = HandlerOutput<'payments.get'>;

/** A payment laid out like a voucher, for the checker to compare field by field. */
/**
 * `blind`: blind double entry (复核双录) for this kind: amount and payee account are not shown;
 * the checker keys them from the voucher instead.
 */
export function PaymentDetails({ row, details, blind = false }: { row: PaymentRow; details: Details | null; blind?: boolean }) {
  const { t } = useTranslation();
  const toBankCode = useAppSelector((s) => s.session.participants.find((p) => p.id === row.to)?.bankCode ?? row.to);
  const line = (label: string, value: React.ReactNode, className = '') => (
    <>
      <dt>{label}</dt>
      <dd className={className}>{value}</dd>
    </>
  );
  return (
    <div className="details" data-testid="verify-details">
      <dl>
        {line(t('columns.id'), row.id, 'mono')}
        {line(t('columns.status'), <StatusChip status={row.status} />)}
        {line(t('columns.kind'), `${t(`kinds.${row.kind}`)} · ${t(`priorities.${row.priority}`)}`)}
        {line(t('columns.to'), <>{row.toName} <span className="mono muted">{toBankCode}</span></>)}
        {line(t('columns.amount'), blind ? <span className="muted" data-testid="verify-blind-amount">{t('verify.blind.hidden')}</span> : <span className="amount-big">¥{groupedAmount(row.amount)}</span>)}
        {!blind && line(t('entry.capitals'), <span className="capitals">{capitalsOfWire(row.amount)}</span>)}
        {line(t('columns.debtorName'), row.debtorName)}
        {line(t('columns.debtorAccount'), row.debtorAccount, 'mono')}
        {line(t('columns.creditorName'), row.creditorName)}
        {line(t('columns.creditorAccount'), blind ? <span className="muted">{t('verify.blind.hidden')}</span> : row.creditorAccount, blind ? '' : 'mono')}
        {line(t('columns.purpose'), row.purpose || '—')}
        {details?.bill && line(t('entry.billNumber'), details.bill.billNumber, 'mono')}
        {details?.bill && line(t('entry.issueDate'), details.bill.issueDate, 'mono')}
        {details?.bill && line(t('entry.drawer'), details.bill.drawer)}
        {line(t('columns.maker'), <strong data-testid="verify-maker">{row.maker}</strong>)}
        {line(t('columns.createdAt'), centreDateTime(row.createdAt), 'mono')}
      </dl>
      {details !== null && details.history.length > 0 && (
        <>
          <h3>{t('verify.history')}</h3>
          <ol className="history">
            {details.history.map((h, i) => (
              <li key={i}>
                <span className="mono">{centreDateTime(h.at)}</span> {h.actor} · {t(`historyActions.${h.action}`, { defaultValue: h.action })}
              </li>
            ))}
          </ol>
        </>
      )}
    </div>
  );
}
