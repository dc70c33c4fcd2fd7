import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RuleSetDetail } from '../../../shared/contract/handlers/risk-rules';
import type { DecisionBands } from '../../../shared/risk/rules/decision-bands';
import type { RuleParamsInput } from '../../../shared/risk/rules/rule-params';
import { buildRuleSet, checkField, choicesOf, groupAmount, initialTexts, type RuleField, ruleFields } from './rule-form-model';
import { useFieldLabel } from './RuleTable';

/**
 * A new version from the one in force: every value editable, checked as typed (amounts with
 * the shared money parser, grouped when the field is left), changed values marked. Tab walks
 * the fields; Ctrl+Enter proposes, Esc cancels. The back end's per-field issues land on the field.
 */
export function RuleEditor(props: {
  base: RuleSetDetail;
  busy: boolean;
  serverErrors: Readonly<Record<string, string>>;
  formError: string | null;
  onSubmit: (change: { params: RuleParamsInput; bands: DecisionBands; note: string }) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const label = useFieldLabel();
  const fields = useMemo(() => ruleFields(props.base.params, props.base.bands), [props.base]);
  const [texts, setTexts] = useState<Record<string, string>>(() => initialTexts(fields));
  const [note, setNote] = useState('');
  const [tried, setTried] = useState(false);
  const firstRef = useRef<HTMLInputElement | null>(null);
  useEffect(() => firstRef.current?.focus(), []);
  const original = useMemo(() => initialTexts(fields), [fields]);
  const result = buildRuleSet(props.base, fields, texts);
  const localErrors = result.ok ? {} : result.errors;
  const changedCount = fields.filter((f) => (texts[f.key] ?? '') !== original[f.key]).length;
  const ready = result.ok && note.trim() !== '' && changedCount > 0 && !props.busy;

  const submit = () => {
    setTried(true);
    if (result.ok && ready) props.onSubmit({ params: result.params, bands: result.bands, note: note.trim() });
  };
  const set = (key: string, value: string) => setTexts((s) => ({ ...s, [key]: value }));
  const errorText = (f: RuleField): string | null => {
    const local = localErrors[f.key];
    if (local !== undefined) return t(`riskRules.errors.${local.error}`);
    return props.serverErrors[f.key] ?? null;
  };

  let firstInput = true;
  return (
    <form
      className="rr-editor"
      data-testid="rr-editor"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          e.stopPropagation();
          props.onCancel();
        } else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
          e.preventDefault();
          submit();
        }
      }}
    >
      <h3>{t('riskRules.edit.title', { version: props.base.version.version })}</h3>
      <p className="muted small-text">{t('riskRules.edit.hint')}</p>
      <table className="dense-table rr-table rr-edit-table">
        <thead>
          <tr>
            <th className="rr-col-rule">{t('riskRules.table.rule')}</th>
            <th>{t('riskRules.table.param')}</th>
            <th className="num rr-col-value">{t('riskRules.table.inForce', { version: props.base.version.version })}</th>
            <th className="rr-col-input">{t('riskRules.edit.newValue')}</th>
          </tr>
        </thead>
        <tbody>
          {fields.map((f, i) => {
            const first = i === 0 || fields[i - 1]?.rule !== f.rule;
            const text = texts[f.key] ?? '';
            const changed = text !== original[f.key];
            const error = errorText(f);
            const id = `rr-f-${f.key}`;
            const refProp = firstInput ? { ref: firstRef } : {};
            firstInput = false;
            return (
              <tr key={f.key} className={`${first ? 'rr-first' : ''} ${changed ? 'rr-changed' : ''}`}>
                <td className="rr-rule">{first ? (f.rule === 'bands' ? t('riskRules.bands') : t(`risk.rules.${f.rule}`)) : ''}</td>
                <td><label htmlFor={id}>{label(f)}</label></td>
                <td className="num mono rr-before">{f.kind === 'bool' ? (f.text === 'true' ? t('riskRules.yes') : t('riskRules.no')) : choicesOf(f) !== null ? t(`riskRules.values.${f.text}`, { defaultValue: f.text }) : f.text}</td>
                <td className="rr-input-cell">
                  {f.kind === 'bool' ? (
                    <input id={id} type="checkbox" data-testid={id} checked={text === 'true'} onChange={(e) => set(f.key, e.target.checked ? 'true' : 'false')} {...refProp} />
                  ) : choicesOf(f) !== null ? (
                    // Coded values are chosen by their words (全部 / 个人 / 单位), as the read view shows them.
                    <select id={id} data-testid={id} value={text} onChange={(e) => set(f.key, e.target.value)}>
                      {choicesOf(f)!.map((code) => (
                        <option key={code} value={code}>{t(`riskRules.values.${code}`, { defaultValue: code })}</option>
                      ))}
                    </select>
                  ) : (
                    <input
                      id={id}
                      data-testid={id}
                      className={`mono ${f.kind === 'amount' || f.kind === 'score' || f.kind === 'int' || f.kind === 'ratio' ? 'num' : ''}`}
                      inputMode={f.kind === 'text' || f.kind === 'list' ? 'text' : 'decimal'}
                      spellCheck={false}
                      maxLength={f.kind === 'list' ? 800 : 24}
                      value={text}
                      aria-invalid={error !== null}
                      onChange={(e) => set(f.key, e.target.value)}
                      onBlur={() => {
                        if (f.kind !== 'amount') return;
                        const check = checkField(f, text);
                        if (check.ok) set(f.key, groupAmount(String(check.value)));
                      }}
                      {...refProp}
                    />
                  )}
                  {error !== null && (tried || changed || props.serverErrors[f.key] !== undefined) && <span className="rr-field-error" role="alert">{error}</span>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <label className="field rr-note">
        <span className="field-label">{t('riskRules.edit.note')}</span>
        <textarea rows={2} maxLength={500} data-testid="rr-edit-note" value={note} placeholder={t('riskRules.edit.notePlaceholder')} onChange={(e) => setNote(e.target.value)} />
      </label>
      {props.formError !== null && <p className="notice notice-error" role="alert" data-testid="rr-edit-error">{props.formError}</p>}
      {tried && !ready && props.formError === null && (
        <p className="notice notice-error" role="alert">{!result.ok ? t('riskRules.edit.fixFields') : changedCount === 0 ? t('riskRules.edit.nothingChanged') : t('riskRules.edit.noteMissing')}</p>
      )}
      <div className="dialog-actions rr-edit-actions">
        <span className="muted">{t('riskRules.edit.changed', { count: changedCount })}</span>
        <button type="button" onClick={props.onCancel}>{t('riskRules.dialog.cancel')}</button>
        <button type="submit" className="primary" disabled={props.busy} data-testid="rr-edit-submit">{t('riskRules.edit.submit')} <span className="rr-key">Ctrl+Enter</span></button>
      </div>
    </form>
  );
}
