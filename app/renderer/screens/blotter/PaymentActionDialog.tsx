import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ModalForm, useFocusOnOpen } from '../../components/ModalForm';
import type { PaymentRow } from '../../../shared/contract';
import { groupedAmount } from '../../components/amount-text';
import type { PaymentPriority } from '../../../shared/domain/payment';
import type { PaymentAction } from './payment-action-rules';
import { PriorityChoice } from './PriorityChoice';

/** What the operator decided: always a reason; for 调整优先级 also the new priority. */
export interface ActionChoice {
  reason: string;
  priority?: PaymentPriority;
}

/** What the dialog shows of the payment: the blotter's row, or a row of 排队管理. */
export type ActionTarget = Pick<PaymentRow, 'id' | 'counterparty' | 'counterpartyName' | 'amount' | 'priority'>;

/** The blotter's actions, and 排队管理's moves to the front or back of the priority class. */
export type DialogAction = PaymentAction | 'reorderTop' | 'reorderBottom';

/** The first priority other than the current one: the likely wish is "more urgent". */
function firstOther(current: number): PaymentPriority {
  return current === 0 ? 1 : 0;
}

/**
 * Asks for the reason of a cancel (撤销), bill return (退票), change of priority (调整优先级,
 * with the new priority) or a move to the front or back of the queue (置顶 / 置底). Keyboard first: the reason box has the caret (for a change of
 * priority the priority buttons have it first, Tab goes on to the reason), Ctrl+Enter submits,
 * Esc closes without doing anything.
 */
export function PaymentActionDialog(props: {
  action: DialogAction;
  row: ActionTarget;
  error: string | null;
  busy: boolean;
  onSubmit: (choice: ActionChoice) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const r = props.row;
  const choosing = props.action === 'reprioritise';
  const [reason, setReason] = useState('');
  const [priority, setPriority] = useState<PaymentPriority>(firstOther(r.priority));
  const boxRef = useFocusOnOpen<HTMLTextAreaElement>();
  const choiceRef = useFocusOnOpen<HTMLInputElement>();
  const ready = reason.trim() !== '' && !props.busy && (!choosing || priority !== r.priority);
  const submit = () => {
    if (ready) props.onSubmit(choosing ? { reason: reason.trim(), priority } : { reason: reason.trim() });
  };
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
        {choosing && (
          <>
            <dt>{t('paymentActions.reprioritise.currentPriority')}</dt>
            <dd data-testid="payment-action-current-priority">{r.priority} {t(`priorities.${r.priority}`)}</dd>
          </>
        )}
      </dl>
      {choosing && <PriorityChoice current={r.priority} value={priority} onChange={setPriority} focusRef={choiceRef} />}
      <label className="pa-field">
        <span>{t('paymentActions.reason')}</span>
        <textarea
          ref={choosing ? undefined : boxRef}
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
