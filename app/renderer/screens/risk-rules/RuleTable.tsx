import { useTranslation } from 'react-i18next';
import type { RuleField } from './rule-form-model';

/** Label of a parameter: "第 2 档 · 起点金额" for a tier's field, "阈值 1" for a listed threshold. */
export function useFieldLabel() {
  const { t } = useTranslation();
  return (f: RuleField) => {
    const name = t(`riskRules.params.${f.param}`, { defaultValue: f.param });
    if (f.index === null) return name;
    const numbered = t('riskRules.numbered', { name, n: f.index + 1 });
    return f.sub === null ? numbered : `${numbered} · ${t(`riskRules.params.${f.sub}`, { defaultValue: f.sub })}`;
  };
}

export function useFieldValue() {
  const { t } = useTranslation();
  return (f: RuleField | undefined) => {
    if (f === undefined) return '—';
    if (f.kind === 'bool') return f.text === 'true' ? t('riskRules.yes') : t('riskRules.no');
    if (f.sub === 'kind' || f.sub === 'customerType') return t(`riskRules.values.${f.text}`, { defaultValue: f.text });
    return f.text;
  };
}

/**
 * The rule set as a table: rule, parameter, value — and, when comparing, the version in force
 * beside it with the changed values marked. Rows of one rule are grouped under its name.
 */
export function RuleTable(props: { fields: readonly RuleField[]; compare: { fields: readonly RuleField[]; version: number } | null; version: number; changed: ReadonlySet<string> }) {
  const { t } = useTranslation();
  const label = useFieldLabel();
  const show = useFieldValue();
  const before = new Map((props.compare?.fields ?? []).map((f) => [f.key, f]));
  return (
    <table className="dense-table rr-table" data-testid="rr-rules">
      <thead>
        <tr>
          <th className="rr-col-rule">{t('riskRules.table.rule')}</th>
          <th>{t('riskRules.table.param')}</th>
          {props.compare !== null && <th className="num rr-col-value">{t('riskRules.table.inForce', { version: props.compare.version })}</th>}
          <th className="num rr-col-value">{t('riskRules.table.thisVersion', { version: props.version })}</th>
        </tr>
      </thead>
      <tbody>
        {props.fields.map((f, i) => {
          const first = i === 0 || props.fields[i - 1]?.rule !== f.rule;
          const changed = props.changed.has(f.key);
          return (
            <tr key={f.key} className={`${first ? 'rr-first' : ''} ${changed ? 'rr-changed' : ''}`} data-testid={`rr-row-${f.key}`} data-changed={changed ? 'true' : undefined}>
              <td className="rr-rule">{first ? (f.rule === 'bands' ? t('riskRules.bands') : t(`risk.rules.${f.rule}`, { defaultValue: f.rule })) : ''}</td>
              <td>{label(f)}</td>
              {props.compare !== null && <td className="num mono rr-before">{show(before.get(f.key))}</td>}
              <td className="num mono rr-value">{show(f)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
