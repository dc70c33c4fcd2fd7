import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BulkBatch, BulkLine } from '../../../shared/contract/handlers/bulk';
import { useBridge } from '../../state/bridge-context';
import { useAppSelector } from '../../state/store';
import { EDITABLE_FIELDS, changedFields, isDuplicateOnly, lineEditBlock, lineForm, type LineForm } from './bulk-rules';

type ErrorText = { message: string; messageZh: string };

/** The clerk corrects a line that failed (any field), confirms an intended repeat, or drops it with a note. */
export function BulkLineEditor(props: { batch: BulkBatch; line: BulkLine; onChanged: (next: { batch: BulkBatch }, key: string, params: Record<string, unknown>) => Promise<void>; onError: (e: ErrorText) => void }) {
  const { t, i18n } = useTranslation();
  const bridge = useBridge();
  const roles = useAppSelector((s) => s.session.operator?.roles) ?? [];
  const { line } = props;
  const [form, setForm] = useState<LineForm>(lineForm(line));
  const [dropping, setDropping] = useState(false);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    setForm(lineForm(line));
    setDropping(false);
    setNote('');
  }, [line]);

  const blocked = lineEditBlock(roles, props.batch, line);
  const zh = i18n.language.startsWith('zh');
  const errorOf = (field: string) => line.errors.filter((e) => e.field === field).map((e) => (zh ? e.reasonZh : e.reason)).join('；');
  const changes = changedFields(line, form);
  const changed = Object.keys(changes).length > 0;

  const fix = async (acceptDuplicate?: boolean) => {
    if (busy) return;
    setBusy(true);
    const result = await bridge.invoke('bulk.lines.fix', { batchId: props.batch.id, line: line.line, fields: changes, ...(acceptDuplicate === undefined ? {} : { acceptDuplicate }) });
    setBusy(false);
    if (!result.ok) return props.onError(result.error);
    const state = result.value.line.state;
    await props.onChanged(result.value, state === 'valid' ? 'bulk.line.fixedValid' : 'bulk.line.fixedStill', { line: line.line });
  };

  const drop = async () => {
    if (busy || note.trim() === '') return;
    setBusy(true);
    const result = await bridge.invoke('bulk.lines.drop', { batchId: props.batch.id, line: line.line, note: note.trim() });
    setBusy(false);
    if (!result.ok) return props.onError(result.error);
    await props.onChanged(result.value, 'bulk.line.dropped', { line: line.line });
  };

  return (
    <div className="bulk-line-editor" data-testid="bulk-line-editor">
      <h4>{t('bulk.line.title', { line: line.line })} <span className={`chip line-${line.state}`}>{t(`bulk.lineState.${line.state}`)}</span></h4>
      {line.paymentId !== null && <p className="muted mono" data-testid="bulk-line-payment">{t('bulk.line.payment', { id: line.paymentId })}</p>}
      {line.state === 'dropped' && <p className="muted">{t('bulk.droppedNote', { note: line.note ?? '' })}</p>}
      <form
        className="bulk-line-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (blocked === null && changed) void fix();
        }}
      >
        {EDITABLE_FIELDS.map(([field, fileField]) => {
          const problem = errorOf(fileField);
          return (
            <label key={field} className={problem === '' ? 'field' : 'field invalid'}>
              <span className="field-label">{t(`bulk.field.${field}`)}</span>
              <input
                name={`line-${field}`}
                className={field === 'amount' ? 'mono num' : field.endsWith('Account') || field === 'creditorBankCode' || field === 'reference' ? 'mono' : undefined}
                value={form[field]}
                disabled={blocked !== null}
                maxLength={field === 'creditorName' || field === 'debtorName' || field === 'purpose' ? 140 : 35}
                onChange={(e) => setForm({ ...form, [field]: e.target.value })}
              />
              {problem !== '' && <span className="field-error">{problem}</span>}
            </label>
          );
        })}
        <div className="detail-actions">
          <button type="submit" className="primary" disabled={blocked !== null || busy || !changed} data-testid="bulk-line-fix">{t('bulk.line.fix')}</button>
          {isDuplicateOnly(line) && (
            <button type="button" disabled={blocked !== null || busy} onClick={() => void fix(true)} data-testid="bulk-line-accept">{t('bulk.line.acceptDuplicate')}</button>
          )}
          <button type="button" disabled={blocked !== null || busy} onClick={() => setDropping(true)} data-testid="bulk-line-drop">{t('bulk.line.drop')}</button>
          {blocked !== null && <span className="action-reason" data-testid="bulk-line-blocked">{t(`bulk.blocked.${blocked}`)}</span>}
        </div>
      </form>
      {dropping && blocked === null && (
        <form
          className="reject-form"
          onSubmit={(e) => {
            e.preventDefault();
            void drop();
          }}
        >
          <label className="field wider">
            <span className="field-label">{t('bulk.line.dropNote')}</span>
            <input name="drop-note" autoFocus value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} />
          </label>
          <button type="submit" disabled={note.trim() === '' || busy} data-testid="bulk-line-drop-confirm">{t('bulk.line.dropConfirm')}</button>
          <button type="button" onClick={() => setDropping(false)}>{t('bulk.line.cancel')}</button>
        </form>
      )}
    </div>
  );
}
