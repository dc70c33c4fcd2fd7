import { useTranslation } from 'react-i18next';
import type { HandlerOutput } from '../../../shared/contract';
import { StatusChip } from '../../components/StatusChip';
import { capitalsOfWire, groupedAmount, centreDateTime } from '../../components/amount-text';
import { NameCompare } from './NameCompare';
import { fourEyesReason, slaCountdown } from './desk-format';

export type AlertDetails = HandlerOutput<'risk.alerts.get'>;

/** Everything an officer needs to decide one alert, top to bottom in the order they read it. */
export function AlertDetail(props: {
  details: AlertDetails;
  nowMs: number;
  me: string;
  /** Risk officers who may be assigned; empty when the operator may not assign. */
  officers: readonly { username: string; displayName: string }[];
  onAssign: (assignee: string | null) => void;
  /** The desk's four-eyes amount, to say why a second officer is needed (null until read). */
  fourEyesAmount: string | null;
}) {
  const { details, nowMs, me, officers, onAssign, fourEyesAmount } = props;
  const { t, i18n } = useTranslation();
  const zh = i18n.language.startsWith('zh');
  const { alert, payment } = details;
  const closed = alert.closedAt !== null;
  const sla = slaCountdown(alert.slaDueAt, nowMs);
  return (
    <div className="alert-detail" data-testid="alert-detail" data-alert-id={alert.id}>
      <div className="alert-summary">
        <span className={`score-big score-${alert.decision}`} title={t('risk.detail.ruleSet', { version: details.ruleSetVersion })}>{alert.score}</span>
        <span className={`rec rec-${alert.decision}`}>{t(`risk.decisions.${alert.decision}`)}</span>
        <span className={`astatus astatus-${alert.status}`} data-testid="alert-status">{t(`risk.alertStatuses.${alert.status}`)}</span>
        {!closed && <span className={`sla sla-${sla.state}`} title={centreDateTime(alert.slaDueAt)}>{t('risk.detail.sla')} {sla.text}</span>}
        <span className="assign-group">
          <span className="muted">{t('risk.detail.assignee')}</span>
          {closed || officers.length === 0 ? (
            <span data-testid="alert-assignee">{alert.assignee ?? t('risk.detail.unassigned')}</span>
          ) : (
            <>
              <select className="assignee-select" data-testid="alert-assignee" aria-label={t('risk.detail.assignee')} value={alert.assignee ?? ''} onChange={(e) => onAssign(e.target.value === '' ? null : e.target.value)}>
                <option value="">{t('risk.detail.unassigned')}</option>
                {officers.map((o) => <option key={o.username} value={o.username}>{o.displayName} ({o.username})</option>)}
              </select>
              {alert.assignee !== me && <button type="button" className="small" onClick={() => onAssign(me)}>{t('risk.detail.assignMe')}</button>}
            </>
          )}
        </span>
      </div>
      {details.fourEyesRequired && !closed && (
        <p className="notice notice-warn" data-testid="four-eyes-reason">
          {t(fourEyesReason(payment.amount, fourEyesAmount, details.screening.length > 0) === 'sanctions' ? 'risk.detail.fourEyesSanctions' : 'risk.detail.fourEyes')}
        </p>
      )}
      {alert.pendingBy !== null && <p className="notice" data-testid="pending-by">{t('risk.detail.pendingBy', { user: alert.pendingBy })}</p>}

      <h3>{t('risk.detail.hits')}</h3>
      <table className="dense-table hits-table">
        <colgroup><col style={{ width: '7.5em' }} /><col style={{ width: '3em' }} /><col /></colgroup>
        <tbody>
          {details.hits.map((hit, i) => (
            <tr key={i}>
              <td>{t(`risk.rules.${hit.rule}`, { defaultValue: hit.rule })}</td>
              <td className="num">{hit.score}</td>
              <td className="wrap">{zh ? hit.explanation.zh : hit.explanation.en}</td>
            </tr>
          ))}
        </tbody>
      </table>

      {details.screening.length > 0 && (
        <>
          <h3>{t('risk.detail.screening')}</h3>
          {details.screening.map((m, i) => <NameCompare key={i} match={m} />)}
        </>
      )}

      <h3>{t('risk.detail.payment')}</h3>
      <dl className="details-grid">
        <dt>{t('columns.id')}</dt><dd className="mono">{payment.id}</dd>
        <dt>{t('risk.paymentStatus')}</dt><dd><StatusChip status={payment.status} />{payment.reason !== null && <span className="muted"> {payment.reason}</span>}</dd>
        <dt>{t('columns.amount')}</dt><dd><span className="amount-big">¥{groupedAmount(payment.amount)}</span> <span className="capitals-inline">{capitalsOfWire(payment.amount)}</span></dd>
        <dt>{t('columns.kind')}</dt><dd>{t(`kinds.${payment.kind}`)} · {t(`priorities.${payment.priority}`)}</dd>
        <dt>{t('columns.debtorName')}</dt><dd>{payment.debtorName} <span className="mono muted">{payment.debtorAccount}</span></dd>
        <dt>{t('columns.creditorName')}</dt><dd>{payment.creditorName} <span className="mono muted">{payment.creditorAccount}</span></dd>
        <dt>{t('columns.to')}</dt><dd>{payment.toName}</dd>
        <dt>{t('columns.purpose')}</dt><dd>{payment.purpose || '—'}</dd>
        <dt>{t('risk.detail.maker')}</dt><dd>{payment.maker} / {payment.checker ?? '—'}</dd>
        <dt>{t('risk.detail.created')}</dt><dd className="mono">{centreDateTime(payment.createdAt)}</dd>
      </dl>

      <h3>{t('risk.detail.history')}</h3>
      {details.history.length <= 1 ? (
        <p className="muted small-text">{t('risk.detail.noHistory')}</p>
      ) : (
        <table className="dense-table history-table">
          <colgroup><col style={{ width: '8.5em' }} /><col style={{ width: '8.5em' }} /><col /><col style={{ width: '5.5em' }} /><col style={{ width: '3.5em' }} /></colgroup>
          <tbody>
            {details.history.map((h) => (
              <tr key={h.id} className={h.id === payment.id ? 'this-payment' : undefined}>
                <td className="mono">{centreDateTime(h.createdAt).slice(5, 16)}</td>
                <td className="num">{groupedAmount(h.amount)}</td>
                <td title={h.creditorName}>{h.creditorName}</td>
                <td><StatusChip status={h.status} /></td>
                <td className="num">{h.score ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h3>{t('risk.detail.decisions')}</h3>
      {details.decisions.length === 0 ? (
        <p className="muted small-text">{t('risk.detail.noDecisions')}</p>
      ) : (
        <ol className="history" data-testid="alert-decisions">
          {details.decisions.map((d, i) => (
            <li key={i}>
              <span className="mono">{centreDateTime(d.at).slice(5)}</span> {d.actor} · {t(`risk.actions.${d.action}`, { defaultValue: d.action })} → {t(`risk.alertStatuses.${d.statusAfter}`, { defaultValue: d.statusAfter })}
              <div className="decision-note">{d.note}</div>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
