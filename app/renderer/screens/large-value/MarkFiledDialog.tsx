import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ModalForm, useFocusOnOpen } from '../../components/ModalForm';
import type { LargeValueRow } from '../../../shared/contract/handlers/large-value';
import { groupedAmount } from '../../components/amount-text';

/** Records the PBoC system's receipt number for one report; the number is required. Esc cancels. */
export function MarkFiledDialog(props: { report: LargeValueRow; error: string | null; busy: boolean; onSubmit: (ref: string) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const [ref, setRef] = useState('');
  const inputRef = useFocusOnOpen<HTMLInputElement>();
  const submit = () => {
    if (ref.trim() !== '' && !props.busy) props.onSubmit(ref.trim());
  };
  const r = props.report;
  return (
    <ModalForm titleId="lv-file-title" testId="lv-file-dialog" onSubmit={submit} onCancel={props.onCancel}>
      <h2 id="lv-file-title" className="dialog-title">{t('largeValue.file.title')}</h2>
      <dl className="details-grid">
        <dt>{t('largeValue.columns.customer')}</dt>
        <dd>{r.customerName}</dd>
        <dt>{t('largeValue.columns.category')}</dt>
        <dd>{t(`largeValue.categoryLong.${r.category}`)} · {t(`largeValue.directions.${r.direction}`)}</dd>
        <dt>{t('largeValue.detail.total')}</dt>
        <dd className="lv-amount">{groupedAmount(r.totalAmount)}</dd>
        <dt>{t('largeValue.detail.reportId')}</dt>
        <dd className="mono">{r.reportId}</dd>
      </dl>
      <label className="field">
        <span className="field-label">{t('largeValue.file.ref')}</span>
        <input ref={inputRef} name="filingRef" data-testid="lv-file-ref" maxLength={64} spellCheck={false} value={ref} placeholder={t('largeValue.file.refPlaceholder')} onChange={(e) => setRef(e.target.value)} />
      </label>
      <p className="muted small-text">{t('largeValue.file.note')}</p>
      {props.error !== null && <p className="notice notice-error" role="alert" data-testid="lv-file-error">{props.error}</p>}
      <div className="dialog-actions">
        <button type="button" onClick={props.onCancel}>{t('largeValue.file.cancel')}</button>
        <button type="submit" className="primary" disabled={ref.trim() === '' || props.busy} data-testid="lv-file-submit">{t('largeValue.file.submit')}</button>
      </div>
    </ModalForm>
  );
}
