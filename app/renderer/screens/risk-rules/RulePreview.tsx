import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { RISK_DECISIONS } from '../../../shared/risk/rules/decision-bands';
import type { riskRulesHandlers } from '../../../shared/contract/handlers/risk-rules';

export type PreviewResult = z.infer<(typeof riskRulesHandlers)['risk.rules.preview']['output']>;

/** Counts per decision on recent payments: the version in force beside the one shown. */
export function RulePreview(props: { result: PreviewResult | null; error: string | null; busy: boolean }) {
  const { t } = useTranslation();
  if (props.busy) return <p className="muted">{t('riskRules.preview.running')}</p>;
  if (props.error !== null) return <p className="notice notice-error">{props.error}</p>;
  const r = props.result;
  if (r === null) return null;
  const same = r.active !== null && r.active.version === r.proposed.version;
  return (
    <div className="rr-preview" data-testid="rr-preview-result">
      <table className="dense-table">
        <thead>
          <tr>
            <th>{t('riskRules.preview.decision')}</th>
            {r.active !== null && !same && <th className="num">{t('riskRules.table.inForce', { version: r.active.version })}</th>}
            <th className="num">v{r.proposed.version}</th>
          </tr>
        </thead>
        <tbody>
          {RISK_DECISIONS.map((d) => {
            const before = r.active?.counts[d];
            const after = r.proposed.counts[d];
            return (
              <tr key={d} className={before !== undefined && !same && before !== after ? 'rr-changed' : ''} data-testid={`rr-preview-${d}`}>
                <td>{t(`riskRules.decisions.${d}`)}</td>
                {r.active !== null && !same && <td className="num mono">{before}</td>}
                <td className="num mono">{after}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="muted small-text">
        {t('riskRules.preview.summary', { scored: r.scored, days: r.days, changed: r.changed })}
        {r.sampled ? ` ${t('riskRules.preview.sampled', { inWindow: r.inWindow })}` : ''}
      </p>
    </div>
  );
}
