import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HandlerOutput } from '../../../shared/contract';
import { useBridge } from '../../state/bridge-context';
import { useAppSelector } from '../../state/store';
import { localized } from '../../i18n/i18n';
import { StatusChip } from '../../components/StatusChip';
import { capitalsOfWire, groupedAmount, centreDateTime, CENTRE_ZONE_LABEL } from '../../components/amount-text';
import { PaymentReceipt } from './PaymentReceipt';
import { PaymentVoucher } from './PaymentVoucher';
import { historyWithHouseStep, houseStepStatus, isHouseStep, settledAtOf } from './payment-detail-facts';
import { reasonMessage } from '../../../shared/domain/reason-codes';
import type { PaymentPriority } from '../../../shared/domain/payment';
import { availableActions, type PaymentAction } from './payment-action-rules';
import { PaymentActionDialog, type ActionChoice } from './PaymentActionDialog';
import { PaymentMessages } from '../messages/PaymentMessages';
import './blotter-detail.css';

type Details = HandlerOutput<'payments.get'>;

/**
 * The selected payment under the blotter: its status, the facts an operator checks before
 * acting, its history (requests and the house's answers) and, for a supervisor, 撤销 /
 * 调整优先级 / 退票.
 * Reloads whenever payments change (push answers and pulled statuses arrive as events).
 */
export function BlotterPaymentDetail({ paymentId }: { paymentId: string }) {
  const { t, i18n } = useTranslation();
  const bridge = useBridge();
  const roles = useAppSelector((s) => s.session.operator?.roles ?? []);
  const participants = useAppSelector((s) => s.session.participants);
  const paymentsVersion = useAppSelector((s) => s.ui.paymentsVersion);
  const [details, setDetails] = useState<Details | null>(null);
  const [dialog, setDialog] = useState<PaymentAction | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [printedAt, setPrintedAt] = useState(() => new Date().toISOString());
  // Which paper the print stylesheet shows: the customer's receipt or the bank's voucher.
  const [printForm, setPrintForm] = useState<'receipt' | 'voucher'>('receipt');
  const print = (form: 'receipt' | 'voucher') => {
    setPrintForm(form);
    setPrintedAt(new Date().toISOString());
    // After React has written the form and the print time.
    setTimeout(() => window.print(), 0);
  };

  useEffect(() => {
    let live = true;
    void bridge.invoke('payments.get', { id: paymentId }).then((r) => {
      if (live && r.ok) setDetails(r.value);
    });
    return () => {
      live = false;
    };
  }, [bridge, paymentId, paymentsVersion]);

  useEffect(() => setNotice(null), [paymentId]);

  const submit = useCallback(
    async (choice: ActionChoice) => {
      if (dialog === null) return;
      setBusy(true);
      setError(null);
      const input = { id: paymentId, reason: choice.reason };
      const result =
        dialog === 'reprioritise'
          ? // The dialog always sends a priority with this action; the handler checks it is 0-2.
            await bridge.invoke('payments.requestReprioritise', { ...input, priority: choice.priority as PaymentPriority })
          : await bridge.invoke(dialog === 'cancel' ? 'payments.requestCancel' : 'payments.requestReturn', input);
      setBusy(false);
      if (!result.ok) {
        setError(localized(i18n.language, result.error));
        return;
      }
      setNotice(t(`paymentActions.${dialog}.sent`));
      setDialog(null);
      const again = await bridge.invoke('payments.get', { id: paymentId });
      if (again.ok) setDetails(again.value);
    },
    [bridge, dialog, i18n.language, paymentId, t],
  );

  if (details === null) return <div className="blotter-detail muted" data-testid="blotter-detail">{t('blotter.loading')}</div>;
  const row = details.payment;
  const actions = availableActions(row, roles);
  const settledAt = settledAtOf(row, details.history);
  const bankCode = (id: string) => participants.find((p) => p.id === id)?.bankCode ?? id;
  const fact = (label: string, value: React.ReactNode, testId?: string) => (
    <>
      <dt>{label}</dt>
      <dd data-testid={testId}>{value}</dd>
    </>
  );
  return (
    <div className="blotter-detail" data-testid="blotter-detail">
      <div className="bd-head">
        <span className="mono bd-id">{row.id}</span>
        <span data-testid="blotter-detail-status">
          <StatusChip status={row.status} />
        </span>
        {row.reason !== null && <span className="muted">{reasonMessage(row.reason, i18n.language.startsWith('zh') ? 'zh' : 'en')}</span>}
        <span className="bd-facts">
          {t(`kinds.${row.kind}`)} · <span data-testid="blotter-detail-priority">{t(`priorities.${row.priority}`)}</span> · {t(`directions.${row.direction}`)} · {row.counterpartyName || row.counterparty} · <span className="mono">¥{groupedAmount(row.amount)}</span>
        </span>
        <span className="bd-actions">
          <button type="button" data-testid="payment-print" title={t('receipt.printHint')} onClick={() => print('receipt')}>
            {t('receipt.print')}
          </button>
          <button type="button" data-testid="payment-print-voucher" title={t('voucher.printHint')} onClick={() => print('voucher')}>
            {t('voucher.print')}
          </button>
          {actions.includes('cancel') && (
            <button type="button" data-testid="payment-cancel" onClick={() => { setError(null); setDialog('cancel'); }}>
              {t('paymentActions.cancel.button')}
            </button>
          )}
          {actions.includes('reprioritise') && (
            <button type="button" data-testid="payment-reprioritise" onClick={() => { setError(null); setDialog('reprioritise'); }}>
              {t('paymentActions.reprioritise.button')}
            </button>
          )}
          {actions.includes('return') && (
            <button type="button" data-testid="payment-return" onClick={() => { setError(null); setDialog('return'); }}>
              {t('paymentActions.return.button')}
            </button>
          )}
        </span>
      </div>
      {notice !== null && details.history.at(-1)?.action.endsWith('_requested') === true && <p className="notice bd-notice" role="status" data-testid="blotter-detail-notice">{notice}</p>}
      {/* What an operator checks before answering a customer: both sides, amount in words, the house's reference and time. */}
      <dl className="bd-facts-grid" data-testid="blotter-detail-facts">
        {fact(t('columns.debtorName'), <>{row.debtorName} <span className="mono muted">{row.debtorAccount}</span> <span className="mono muted">{bankCode(row.from)}</span></>)}
        {fact(t('columns.creditorName'), <>{row.creditorName} <span className="mono muted">{row.creditorAccount}</span> <span className="mono muted">{bankCode(row.to)}</span></>)}
        {fact(t('receipt.capitals'), <span className="capitals-inline">{capitalsOfWire(row.amount)}</span>)}
        {fact(t('columns.purpose'), row.purpose || '—')}
        {fact(t('receipt.houseRef'), <span className="mono">{row.id}</span>, 'blotter-detail-house-ref')}
        {fact(t('receipt.settledAt'), <span className="mono">{settledAt === null ? '—' : centreDateTime(settledAt)}</span>, 'blotter-detail-settled-at')}
        {fact(t('receipt.makerChecker'), `${row.maker} / ${row.checker ?? '—'}`)}
        {fact(t('columns.businessDate'), <span className="mono">{row.businessDate}</span>)}
      </dl>
      <PaymentMessages row={row} />
      <div className="bd-history-head muted" data-testid="blotter-detail-history-zone">{t('receipt.historyZone', { zone: CENTRE_ZONE_LABEL })}</div>
      <ol className="bd-history" data-testid="blotter-detail-history">
        {historyWithHouseStep(row, details.history).map((h, i) => {
          const house = isHouseStep(h);
          const stepStatus = houseStepStatus(h);
          return (
            <li key={i} className={house ? 'bd-house-step' : undefined} data-step={house ? stepStatus : undefined}>
              <span className="mono">{centreDateTime(h.at)}</span> {house || h.actor === 'house' ? t('receipt.house') : h.actor} ·{' '}
              {house
                ? stepStatus === 'accepted'
                  ? t('receipt.houseAccepted')
                  : t('receipt.houseStep', { status: t(`statuses.${stepStatus}`, { defaultValue: stepStatus }) })
                : t(`historyActions.${h.action}`, { defaultValue: h.action })}
              {'detail' in h && house && typeof h.detail.cycleId === 'string' && <span> · {t('receipt.houseCycle', { cycle: h.detail.cycleId })}</span>}
              {'detail' in h && h.action.startsWith('payment.reprioritise') && typeof h.detail.priority === 'number' && (
                <span> → {h.detail.priority} {t(`priorities.${h.detail.priority}`)}</span>
              )}
              {'detail' in h && typeof h.detail.reason === 'string' && (
                <span className="muted"> — {house ? reasonMessage(h.detail.reason, i18n.language.startsWith('zh') ? 'zh' : 'en') : h.detail.reason}</span>
              )}
              {'detail' in h && typeof h.detail.code === 'string' && <span className="muted"> — {h.detail.code}</span>}
            </li>
          );
        })}
      </ol>
      {printForm === 'receipt' ? <PaymentReceipt details={details} printedAt={printedAt} /> : <PaymentVoucher details={details} printedAt={printedAt} />}
      {dialog !== null && (
        <PaymentActionDialog action={dialog} row={row} error={error} busy={busy} onSubmit={(c) => void submit(c)} onCancel={() => setDialog(null)} />
      )}
    </div>
  );
}
