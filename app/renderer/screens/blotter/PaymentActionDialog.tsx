import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ModalForm, useFocusOnOpen } from '../../components/ModalForm';
import type { PaymentRow } from '../../../shared/contract';
import { groupedAmount } from '../../components/amount-text';
import type { PaymentAction } from './payment-action-rules';

/**
 * Asks for the reason of a cancel (撤销) or bill return (退票). Keyboard first: the reason box
 * has the caret, Ctrl+Enter submits, Esc closes without doing anything.
 */
export function PaymentActionDialog(props: {
  action: PaymentAction;
  row: PaymentRow;
  error: string | null;
  busy: boolean;
  onSubmit: (reason: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const boxRef = useFocusOnOpen<HTMLTextAreaElement>();
  const ready = reason.trim() !== '' && !props.busy;
  const submit = () => {
    if (ready) props.onSubmit(reason.trim());
  };
  const r = props.row;
  return (
    <ModalForm titleId="pa-title" testId="payment-action-dialog" backdropClassName="pa-backdrop" className="pa-dialog" onSubmit={submit} onCancel={props.onCancel}>
      <h2 id="pa-title" className="pa-title">{t(`paymentActions.${props.action}.title`)}</h2>
      <dl className="pa-facts">
        <dt>{t('columns.id')}</dt>
        <dd className="mono">{r.id}</dd>
        <dt>{t('paymentActions.counterparty')}</dt>
        <dd>{r.counterpartyName || r.counterparty}</dd>
        <dt>{t('columns.amount')}</dt>
        <dd className="mono">¥{groupedAmount(r.amount)}</dd>
      </dl>
      <label className="pa-field">
        <span>{t('paymentActions.reason')}</span>
        <textarea
          ref={boxRef}
          data-testid="payment-action-reason"
          rows={3}
          maxLength={140}
          value={reason}
          placeholder={t(`paymentActions.${props.action}.placeholder`)}
          onChange={(e) => setReason(e.target.value)}
        />
      </label>
      <p className="muted pa-note">{t(`paymentActions.${props.action}.note`)}</p>
      {props.error !== null && (
        <p className="notice notice-error" role="alert" data-testid="payment-action-error">
          {props.error}
        </p>
      )}
      <div className="pa-actions">
        <span className="keys-hint">{t('paymentActions.keys')}</span>
        <button type="button" onClick={props.onCancel}>{t('paymentActions.close')}</button>
        <button type="submit" className="primary" disabled={!ready} data-testid="payment-action-submit">
          {t(`paymentActions.${props.action}.submit`)}
        </button>
      </div>
    </ModalForm>
  );
}
