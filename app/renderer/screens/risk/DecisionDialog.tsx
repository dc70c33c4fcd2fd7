import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ModalForm, useFocusOnOpen } from '../../components/ModalForm';
import type { DeskAction } from '../../../shared/contract/handlers/risk';
import { groupedAmount } from '../../components/amount-text';

/** The note every decision needs, asked for in a small modal; Ctrl+Enter submits, Esc cancels. */
export function DecisionDialog(props: {
  action: DeskAction;
  alertId: string;
  fourEyesAmount: string | null;
  error: string | null;
  busy: boolean;
  onSubmit: (note: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [note, setNote] = useState('');
  const noteRef = useFocusOnOpen<HTMLTextAreaElement>();
  const submit = () => {
    if (note.trim() !== '' && !props.busy) props.onSubmit(note.trim());
  };
  return (
    <ModalForm titleId="decision-title" testId="decision-dialog" onSubmit={submit} onCancel={props.onCancel}>
      <h2 id="decision-title" className={`dialog-title action-${props.action}`}>
        {t('risk.dialog.title', { action: t(`risk.actions.${props.action}`), id: props.alertId })}
      </h2>
      {props.fourEyesAmount !== null && (props.action === 'release' || props.action === 'reject') && (
        <p className="notice notice-warn">{t('risk.dialog.fourEyes', { amount: groupedAmount(props.fourEyesAmount) })}</p>
      )}
      <label className="field">
        <span className="field-label">{t('risk.dialog.note')}</span>
        <textarea
          ref={noteRef}
          name="note"
          rows={4}
          maxLength={2000}
          value={note}
          placeholder={t('risk.dialog.notePlaceholder')}
          onChange={(e) => setNote(e.target.value)}
        />
      </label>
      {props.error !== null && <p className="notice notice-error" role="alert" data-testid="decision-error">{props.error}</p>}
      <div className="dialog-actions">
        <span className="keys-hint">{t('risk.dialog.hint')}</span>
        <button type="button" onClick={props.onCancel}>{t('risk.dialog.cancel')}</button>
        <button type="submit" className="primary" disabled={note.trim() === '' || props.busy} data-testid="decision-submit">
          {t('risk.dialog.submit')}
        </button>
      </div>
    </ModalForm>
  );
}
