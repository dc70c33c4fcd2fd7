import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { HandlerOutput } from '../../../shared/contract';
import { CENTRE_ROLES, type CentreRole } from '../../../shared/contract/centre-api';
import { useBridge } from '../../state/bridge-context';
import { useAppSelector } from '../../state/store';
import { centreDateTime, CENTRE_ZONE_LABEL } from '../../components/amount-text';
import { useCentreRole } from './use-centre-role';
import { messageText, type CentreMessage } from './centre-message';
import { operatorState } from './operator-state';
import './centre.css';

type Operator = HandlerOutput<'centre.operators.list'>['operators'][number];
type Change = 'lock' | 'unlock' | 'resetTotp';

/**
 * 操作员管理: the centre's operators with role and state; a supervisor creates one (the one-time
 * password is shown once, here), disables and enables an account, lifts a lock after failed
 * sign-ins and resets a lost second factor. Operators and auditors see the list, and the buttons
 * disabled with the reason.
 */
export function CentreOperatorsScreen() {
  const { t, i18n } = useTranslation();
  const bridge = useBridge();
  const refreshKey = useAppSelector((s) => s.ui.paymentsVersion);
  const { may, username: me } = useCentreRole();
  const canManage = may('centre.operators.create');
  const readOnlyReason = canManage ? undefined : t('centre.operators.supervisorsOnly');
  const [operators, setOperators] = useState<Operator[]>([]);
  const [version, setVersion] = useState(0);
  const [username, setUsername] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<CentreRole>('centre-operator');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<CentreMessage | null>(null);
  const [issued, setIssued] = useState<{ username: string; password: string } | null>(null);
  const [nowMs, setNowMs] = useState(() => Date.now());

  useEffect(() => {
    let live = true;
    void bridge.invoke('centre.operators.list', {}).then((r) => {
      if (!live) return;
      setNowMs(Date.now());
      if (r.ok) setOperators(r.value.operators);
      else setMessage({ kind: 'err', error: r.error });
    });
    return () => {
      live = false;
    };
  }, [bridge, version, refreshKey]);

  const ready = username.trim() !== '' && name.trim() !== '';
  const create = async (event: FormEvent) => {
    event.preventDefault();
    if (!canManage || !ready || busy) return;
    setBusy(true);
    const r = await bridge.invoke('centre.operators.create', { username: username.trim(), name: name.trim(), role });
    setBusy(false);
    if (r.ok) {
      setIssued({ username: r.value.operator.username, password: r.value.oneTimePassword });
      setMessage({ kind: 'ok', key: 'centre.operators.created', params: { username: r.value.operator.username } });
      setUsername('');
      setName('');
    } else {
      setIssued(null);
      setMessage({ kind: 'err', error: r.error });
    }
    setVersion((v) => v + 1);
  };
  const change = async (operator: Operator, what: Change) => {
    if (!canManage || busy) return;
    setBusy(true);
    const handler = what === 'lock' ? 'centre.operators.lock' : what === 'unlock' ? 'centre.operators.unlock' : 'centre.operators.resetTotp';
    const r = await bridge.invoke(handler, { username: operator.username });
    setBusy(false);
    setMessage(r.ok ? { kind: 'ok', key: `centre.operators.done.${what}`, params: { username: operator.username } } : { kind: 'err', error: r.error });
    setVersion((v) => v + 1);
  };

  return (
    <div className="screen centre-screen" data-testid="centre-operators">
      <div className="centre-head">
        <h2>{t('nav.centreOperators')}</h2>
        <span className="muted">{t('centre.operators.intro')}</span>
      </div>
      <div className="centre-split">
        <form className="centre-panel centre-form" onSubmit={(e) => void create(e)} aria-label={t('centre.operators.new')}>
          <h3>{t('centre.operators.new')}</h3>
          {!canManage && <p className="notice" data-testid="co-read-only">{readOnlyReason}</p>}
          <label className="field">
            <span className="field-label">{t('centre.operators.username')}</span>
            <input value={username} maxLength={32} onChange={(e) => setUsername(e.target.value.toLowerCase())} disabled={!canManage} placeholder="zhang.san" data-testid="co-username" />
          </label>
          <label className="field">
            <span className="field-label">{t('centre.operators.name')}</span>
            <input value={name} maxLength={80} onChange={(e) => setName(e.target.value)} disabled={!canManage} data-testid="co-name" />
          </label>
          <label className="field">
            <span className="field-label">{t('centre.operators.role')}</span>
            <select value={role} onChange={(e) => setRole(e.target.value as CentreRole)} disabled={!canManage} data-testid="co-role">
              {CENTRE_ROLES.map((r) => (
                <option key={r} value={r}>
                  {t(`roles.${r}`)}
                </option>
              ))}
            </select>
          </label>
          <div className="centre-buttons">
            <button type="submit" className="primary" disabled={!canManage || !ready || busy} title={readOnlyReason} data-testid="co-create">
              {t('centre.operators.create')}
            </button>
          </div>
          {issued !== null && (
            <div className="notice notice-ok co-issued" role="status" data-testid="co-issued">
              <div>{t('centre.operators.oneTime', { username: issued.username })}</div>
              <div className="mono co-password" data-testid="co-password">{issued.password}</div>
              <div className="muted">{t('centre.operators.oneTimeHint')}</div>
              <button type="button" className="small" onClick={() => setIssued(null)} data-testid="co-issued-done">
                {t('centre.operators.handedOver')}
              </button>
            </div>
          )}
          {message !== null && (
            <p className={message.kind === 'ok' ? 'notice' : 'notice notice-error'} role="status" data-testid="co-message">
              {messageText(message, t, i18n.language)}
            </p>
          )}
        </form>
        <section className="centre-panel centre-list" aria-label={t('centre.operators.list')}>
          <div className="centre-list-head">
            <h3>{t('centre.operators.list')}</h3>
          </div>
          <table className="centre-table co-table" data-testid="co-table">
            <thead>
              <tr>
                <th>{t('centre.operators.username')}</th>
                <th>{t('centre.operators.name')}</th>
                <th>{t('centre.operators.role')}</th>
                <th>{t('centre.operators.state')}</th>
                <th>{t('centre.operators.createdAt', { zone: CENTRE_ZONE_LABEL })}</th>
                <th>{t('centre.operators.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {operators.map((o) => {
                const state = operatorState(o, nowMs);
                const self = o.username === me;
                const lockReason = readOnlyReason ?? (self ? t('centre.operators.notSelf') : undefined);
                return (
                  <tr key={o.username} data-testid="co-row" data-username={o.username} data-state={state}>
                    <td className="mono">{o.username}</td>
                    <td>{o.name}</td>
                    <td>{t(`roles.${o.role}`)}</td>
                    <td>
                      <span className={`chip co-state co-${state}`}>{t(`centre.operators.states.${state}`)}</span>
                      {state === 'locked' && o.lockedUntil !== null && <span className="muted"> {t('centre.operators.until', { at: centreDateTime(o.lockedUntil).slice(11, 16) })}</span>}
                      {!o.enrolled && state !== 'disabled' && <span className="muted"> · {t('centre.operators.notEnrolled')}</span>}
                    </td>
                    <td className="mono">
                      {centreDateTime(o.createdAt).slice(0, 16)} <span className="muted">{o.createdBy}</span>
                    </td>
                    <td className="co-actions">
                      {state === 'active' ? (
                        <button type="button" className="small" disabled={lockReason !== undefined || busy} title={lockReason} onClick={() => void change(o, 'lock')} data-testid="co-lock">
                          {t('centre.operators.lock')}
                        </button>
                      ) : (
                        <button type="button" className="small" disabled={readOnlyReason !== undefined || busy} title={readOnlyReason} onClick={() => void change(o, 'unlock')} data-testid="co-unlock">
                          {t(state === 'locked' ? 'centre.operators.unlockLocked' : 'centre.operators.unlock')}
                        </button>
                      )}
                      <button type="button" className="small" disabled={readOnlyReason !== undefined || busy || !o.enrolled} title={readOnlyReason ?? (o.enrolled ? undefined : t('centre.operators.notEnrolled'))} onClick={() => void change(o, 'resetTotp')} data-testid="co-reset-totp">
                        {t('centre.operators.resetTotp')}
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </section>
      </div>
    </div>
  );
}
