import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AlertRuleInput } from '../../../shared/contract/centre-api';
import type { HandlerOutput } from '../../../shared/contract';
import { useBridge } from '../../state/bridge-context';
import { messageText, type CentreMessage } from './centre-message';
import { centreDateTime, groupedAmount } from '../../components/amount-text';
import { useCentreRole } from './use-centre-role';

type Rule = HandlerOutput<'centre.alertRules.list'>['rules'][number];
type Raised = HandlerOutput<'centre.dashboard'>['alerts'][number];
type Kind = AlertRuleInput['kind'];

/** A rule in words: "排队超过 5 分钟" / "queued longer than 5 min". */
export function ruleText(rule: AlertRuleInput, t: (key: string, o?: Record<string, unknown>) => string): string {
  switch (rule.kind) {
    case 'queue_age':
      return t('centre.rules.text.queue_age', { minutes: rule.minutes });
    case 'available_below':
      return t('centre.rules.text.available_below', { amount: groupedAmount(rule.amount), bank: rule.participantId ?? t('centre.rules.everyBank') });
    case 'console_silent':
      return t('centre.rules.text.console_silent', { minutes: rule.minutes });
    case 'commit_latency_p99':
      return t('centre.rules.text.commit_latency_p99', { ms: rule.ms });
    case 'archive_failed':
      return t('centre.rules.text.archive_failed');
  }
}

function ruleInput(kind: Kind, threshold: string, participantId: string): AlertRuleInput | null {
  if (kind === 'available_below') {
    if (!/^\d{1,15}(\.\d{1,2})?$/.test(threshold)) return null;
    return participantId === '' ? { kind, amount: threshold } : { kind, amount: threshold, participantId };
  }
  const n = Number(threshold);
  if (!/^\d{1,6}$/.test(threshold) || n < 1) return null;
  return kind === 'commit_latency_p99' ? { kind, ms: n } : { kind, minutes: n };
}

/** 预警规则 and the alerts they raised: operators and supervisors set rules; auditors read. */
export function AlertRulesPanel(props: { raised: readonly Raised[]; banks: readonly string[] }) {
  const { t, i18n } = useTranslation();
  const bridge = useBridge();
  const { may } = useCentreRole();
  const [rules, setRules] = useState<Rule[]>([]);
  const [version, setVersion] = useState(0);
  const [kind, setKind] = useState<Kind>('queue_age');
  const [threshold, setThreshold] = useState('');
  const [bank, setBank] = useState('');
  const [message, setMessage] = useState<CentreMessage | null>(null);
  const canEdit = may('centre.alertRules.create');

  useEffect(() => {
    let live = true;
    void bridge.invoke('centre.alertRules.list', {}).then((r) => {
      if (live && r.ok) setRules(r.value.rules);
    });
    return () => {
      live = false;
    };
  }, [bridge, version]);

  const input = ruleInput(kind, threshold.trim(), bank);
  const add = async (event: FormEvent) => {
    event.preventDefault();
    if (input === null || !canEdit) return;
    const r = await bridge.invoke('centre.alertRules.create', input);
    setMessage(r.ok ? { kind: 'ok', key: 'centre.rules.added' } : { kind: 'err', error: r.error });
    if (r.ok) setThreshold('');
    setVersion((v) => v + 1);
  };
  const act = async (call: Promise<{ ok: boolean; error?: { message: string; messageZh: string } }>) => {
    const r = await call;
    setMessage(r.ok ? null : { kind: 'err', error: r.error! });
    setVersion((v) => v + 1);
  };
  const byId = new Map(rules.map((r) => [r.id, r]));

  return (
    <section className="centre-panel" data-testid="centre-alert-rules" aria-label={t('centre.rules.heading')}>
      <h3>{t('centre.rules.heading')}</h3>
      <form className="centre-inline-form" onSubmit={(e) => void add(e)}>
        <select value={kind} onChange={(e) => setKind(e.target.value as Kind)} disabled={!canEdit} aria-label={t('centre.rules.kind')} data-testid="rule-kind">
          {(['queue_age', 'available_below', 'console_silent', 'commit_latency_p99'] as const).map((k) => (
            <option key={k} value={k}>
              {t(`centre.rules.kinds.${k}`)}
            </option>
          ))}
        </select>
        <input
          className="mono"
          value={threshold}
          onChange={(e) => setThreshold(e.target.value)}
          placeholder={t(`centre.rules.unit.${kind}`)}
          disabled={!canEdit}
          aria-label={t('centre.rules.threshold')}
          data-testid="rule-threshold"
          size={14}
        />
        {kind === 'available_below' && (
          <select value={bank} onChange={(e) => setBank(e.target.value)} disabled={!canEdit} aria-label={t('centre.rules.bank')}>
            <option value="">{t('centre.rules.everyBank')}</option>
            {props.banks.map((b) => (
              <option key={b} value={b}>
                {b}
              </option>
            ))}
          </select>
        )}
        <button type="submit" disabled={!canEdit || input === null} data-testid="rule-add">
          {t('centre.rules.add')}
        </button>
        {!canEdit && <span className="muted">{t('centre.readOnly')}</span>}
      </form>
      {message !== null && <p className={message.kind === 'ok' ? 'notice' : 'notice notice-error'}>{messageText(message, t, i18n.language)}</p>}
      <table className="centre-table">
        <tbody>
          {rules.length === 0 && (
            <tr>
              <td className="muted">{t('centre.rules.none')}</td>
            </tr>
          )}
          {rules.map((rule) => (
            <tr key={rule.id} className={rule.enabled ? '' : 'muted'} data-testid="rule-row">
              <td className="mono">#{rule.id}</td>
              <td>{ruleText(rule.rule, t)}</td>
              <td>{rule.enabled ? t('centre.rules.on') : t('centre.rules.off')}</td>
              <td className="centre-actions">
                <button type="button" disabled={!canEdit} onClick={() => void act(bridge.invoke('centre.alertRules.setEnabled', { id: rule.id, enabled: !rule.enabled }))}>
                  {rule.enabled ? t('centre.rules.disable') : t('centre.rules.enable')}
                </button>
                <button type="button" disabled={!canEdit} onClick={() => void act(bridge.invoke('centre.alertRules.delete', { id: rule.id }))}>
                  {t('centre.rules.delete')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h4>{t('centre.alerts.heading')}</h4>
      <table className="centre-table" data-testid="centre-raised">
        <tbody>
          {props.raised.length === 0 && (
            <tr>
              <td className="muted">{t('centre.alerts.none')}</td>
            </tr>
          )}
          {props.raised.slice(0, 12).map((a) => {
            const rule = byId.get(a.ruleId);
            return (
              <tr key={a.id} className={a.clearedAt === null ? 'centre-alert-open' : 'muted'}>
                <td>{a.clearedAt === null ? t('centre.alerts.stateOpen') : t('centre.alerts.stateCleared')}</td>
                <td className="mono">{a.subject}</td>
                <td>{rule === undefined ? `#${a.ruleId}` : ruleText(rule.rule, t)}</td>
                <td className="mono">{centreDateTime(a.raisedAt).slice(5, 16)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
