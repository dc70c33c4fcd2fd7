import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ModalForm, useFocusOnOpen } from '../../components/ModalForm';

/**
 * The note for an approval (optional) or a rejection (required). Ctrl+Enter submits, Esc cancels,
 * as on the review desk.
 */
export function RuleNoteDialog(props: { action: 'approve' | 'reject'; version: number; author: string; error: string | null; busy: boolean; onSubmit: (note: string) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const [note, setNote] = useState('');
  const ref = useFocusOnOpen<HTMLTextAreaElement>();
  const required = props.action === 'reject';
  const ready = !props.busy && (!required || note.trim() !== '');
  const submit = () => {
    if (ready) props.onSubmit(note.trim());
  };
  return (
    <ModalForm titleId="rr-dialog-title" testId="rr-dialog" onSubmit={submit} onCancel={props.onCancel}>
      <h2 id="rr-dialog-title" className="dialog-title">{t(`riskRules.dialog.${props.action}Title`, { version: props.version })}</h2>
      <p className="muted small-text">{t(`riskRules.dialog.${props.action}Hint`, { author: props.author, version: props.version })}</p>
      <label className="field">
        <span className="field-label">{required ? t('riskRules.dialog.noteRequired') : t('riskRules.dialog.noteOptional')}</span>
        <textarea ref={ref} rows={4} maxLength={2000} data-testid="rr-dialog-note" value={note} onChange={(e) => setNote(e.target.value)} />
      </label>
      {props.error !== null && <p className="notice notice-error" role="alert" data-testid="rr-dialog-error">{props.error}</p>}
      <div className="dialog-actions">
        <button type="button" onClick={props.onCancel}>{t('riskRules.dialog.cancel')}</button>
        <button type="submit" className={props.action === 'approve' ? 'primary' : 'rr-danger'} disabled={!ready} data-testid="rr-dialog-submit">
          {t(`riskRules.dialog.${props.action}`)} <span className="rr-key">Ctrl+Enter</span>
        </button>
      </div>
    </ModalForm>
  );
}
