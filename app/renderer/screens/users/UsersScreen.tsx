import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { HandlerOutput } from '../../../shared/contract';
import { ROLES, type Role } from '../../../shared/domain/operator';
import type { PaymentKind } from '../../../shared/domain/payment';
import { useBridge } from '../../state/bridge-context';
import { useAppSelector } from '../../state/store';
import { useRefreshKey } from '../../state/use-refresh-key';
import { localized } from '../../i18n/i18n';
import { groupedAmount } from '../../components/amount-text';
import { OperatorLimitsPanel } from './OperatorLimitsPanel';

type OperatorRow = HandlerOutput<'operators.list'>['operators'][number];
/** The words are made when shown, so a language switch changes a message already on screen. */
type Message = { kind: 'ok' | 'err'; text: () => string };

function RolePicks({ value, onChange, idPrefix }: { value: Role[]; onChange: (roles: Role[]) => void; idPrefix: string }) {
  const { t } = useTranslation();
  return (
    <div className="role-picks" role="group" aria-label={t('users.roles')}>
      {ROLES.map((r) => (
        <label key={r}>
          <input
            type="checkbox"
            data-testid={`${idPrefix}-role-${r}`}
            checked={value.includes(r)}
            onChange={(e) => onChange(e.target.checked ? [...value, r] : value.filter((x) => x !== r))}
          />
          {t(`roles.${r}`)}
        </label>
      ))}
    </div>
  );
}

/**
 * The administrator's main screen: who may sign in, with which roles, who is locked out; new
 * operators and lost passwords get a one-time password shown here once (the operator must
 * replace it at first sign-in); the four-eyes amount of the risk desk.
 */
export function UsersScreen() {
  const { t, i18n } = useTranslation();
  const bridge = useBridge();
  const me = useAppSelector((s) => s.session.operator?.username ?? '');
  const refreshKey = useRefreshKey('operators');
  const [rows, setRows] = useState<OperatorRow[]>([]);
  const [picked, setPicked] = useState<string | null>(null);
  const [pickedRoles, setPickedRoles] = useState<Role[]>([]);
  const [message, setMessage] = useState<Message | null>(null);
  const [oneTime, setOneTime] = useState<{ username: string; password: string } | null>(null);
  const [draft, setDraft] = useState<{ username: string; displayName: string; roles: Role[] }>({ username: '', displayName: '', roles: ['clerk'] });
  const [fourEyes, setFourEyes] = useState('');
  const [fourEyesNow, setFourEyesNow] = useState<string | null>(null);
  const [blindKinds, setBlindKinds] = useState<PaymentKind[]>([]);
  const [totpAll, setTotpAll] = useState(false);
  const fail = useCallback((e: { message: string; messageZh: string }) => setMessage({ kind: 'err', text: () => localized(i18n.language, e) }), [i18n]);

  const load = useCallback(async () => {
    const result = await bridge.invoke('operators.list', {});
    if (result.ok) {
      setRows(result.value.operators);
      setTotpAll(result.value.totpRequiredForAll ?? false);
    } else fail(result.error);
  }, [bridge, fail]);

  // F5, and any administrator's change elsewhere, reloads the list.
  useEffect(() => {
    void load();
    void bridge.invoke('payments.blindVerify.get', {}).then((r) => {
      if (r.ok) setBlindKinds(r.value.kinds);
    });
  }, [bridge, load, refreshKey]);

  const saveBlind = async (event: FormEvent) => {
    event.preventDefault();
    const result = await bridge.invoke('payments.blindVerify.set', { kinds: blindKinds });
    if (!result.ok) return fail(result.error);
    setBlindKinds(result.value.kinds);
    const kinds = result.value.kinds;
    setMessage({ kind: 'ok', text: () => i18n.t('users.blind.saved', { kinds: kinds.length === 0 ? i18n.t('users.blind.none') : kinds.map((k) => i18n.t(`kinds.${k}`)).join('、') }) });
  };

  const current = rows.find((r) => r.username === picked) ?? null;
  useEffect(() => {
    setPickedRoles(current?.roles ?? []);
  }, [current]);

  const unlock = async (username: string) => {
    const result = await bridge.invoke('operators.unlock', { username });
    if (result.ok) setMessage({ kind: 'ok', text: () => i18n.t('users.unlocked', { user: username }) });
    else fail(result.error);
    await load();
  };

  const reset = async (username: string) => {
    const result = await bridge.invoke('operators.resetPassword', { username });
    if (!result.ok) return fail(result.error);
    setOneTime({ username, password: result.value.oneTimePassword });
    setMessage({ kind: 'ok', text: () => i18n.t('users.resetDone', { user: username }) });
    await load();
  };

  const resetTotp = async (username: string) => {
    const result = await bridge.invoke('operators.resetTotp', { username });
    if (!result.ok) return fail(result.error);
    setMessage({ kind: 'ok', text: () => i18n.t('bankCentre.totpAdmin.resetDone', { username }) });
    await load();
  };

  const saveTotpPolicy = async (event: FormEvent) => {
    event.preventDefault();
    const result = await bridge.invoke('operators.setTotpPolicy', { requiredForAll: totpAll });
    if (!result.ok) return fail(result.error);
    setMessage({ kind: 'ok', text: () => i18n.t('bankCentre.totpAdmin.saved') });
    await load();
  };

  const saveRoles = async () => {
    if (current === null) return;
    const result = await bridge.invoke('operators.setRoles', { username: current.username, roles: pickedRoles });
    if (!result.ok) return fail(result.error);
    setMessage({ kind: 'ok', text: () => i18n.t('users.rolesSaved', { user: current.username }) });
    await load();
  };

  const create = async (event: FormEvent) => {
    event.preventDefault();
    const result = await bridge.invoke('operators.create', { username: draft.username.trim(), displayName: draft.displayName.trim(), roles: draft.roles });
    if (!result.ok) return fail(result.error);
    setOneTime({ username: result.value.username, password: result.value.oneTimePassword });
    setMessage({ kind: 'ok', text: () => i18n.t('users.created', { user: result.value.username }) });
    setDraft({ username: '', displayName: '', roles: ['clerk'] });
    setPicked(result.value.username);
    await load();
  };

  const saveFourEyes = async (event: FormEvent) => {
    event.preventDefault();
    const result = await bridge.invoke('risk.settings.set', { fourEyesAmount: fourEyes.replace(/[,，\s]/g, '') });
    if (!result.ok) return fail(result.error);
    setFourEyesNow(result.value.fourEyesAmount);
    setFourEyes('');
    setMessage({ kind: 'ok', text: () => i18n.t('users.fourEyesSaved', { amount: groupedAmount(result.value.fourEyesAmount) }) });
  };

  const ownAdmin = current !== null && current.username === me && current.roles.includes('admin') && !pickedRoles.includes('admin');
  const rolesChanged = current !== null && [...pickedRoles].sort().join() !== [...current.roles].sort().join();

  return (
    <section className="screen users-screen" aria-labelledby="users-heading">
      <div className="screen-head">
        <h2 id="users-heading">{t('users.heading')}</h2>
        <span className="muted">{t('users.count', { count: rows.length })}</span>
      </div>
      {message !== null && (
        <p className={message.kind === 'ok' ? 'notice notice-ok' : 'notice notice-error'} role="alert" data-testid="users-message">
          {message.text()}
        </p>
      )}
      {oneTime !== null && (
        <p className="notice" data-testid="users-one-time">
          {t('users.oneTime', { user: oneTime.username })} <span className="one-time" data-testid="users-one-time-password">{oneTime.password}</span>{' '}
          <button type="button" className="small" onClick={() => setOneTime(null)}>{t('users.oneTimeDone')}</button>
        </p>
      )}
      <div className="users-layout">
        <div className="queue-list">
          <table className="dense-table" data-testid="users-table">
            <colgroup>
              <col style={{ width: '8em' }} />
              <col style={{ width: '8em' }} />
              <col />
              <col style={{ width: '9em' }} />
              <col style={{ width: '15em' }} />
              <col style={{ width: '11em' }} />
            </colgroup>
            <thead>
              <tr>
                <th>{t('users.username')}</th>
                <th>{t('users.displayName')}</th>
                <th>{t('users.roles')}</th>
                <th>{t('users.state')}</th>
                <th>{t('bankCentre.totpAdmin.column')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.username} data-user={row.username} className={row.username === picked ? 'picked' : undefined} onClick={() => setPicked(row.username)}>
                  <td className="mono">{row.username}</td>
                  <td>{row.displayName}</td>
                  <td>{row.roles.map((r) => t(`roles.${r}`)).join('、')}</td>
                  <td className={row.locked ? 'err' : undefined}>
                    {row.locked ? t('users.locked') : row.failedLogins > 0 ? t('users.failures', { n: row.failedLogins }) : t('users.active')}
                  </td>
                  <td data-testid={`totp-${row.username}`}>
                    {t(`bankCentre.totpAdmin.${row.totp === 'enrolled' ? 'enrolled' : row.totp === 'pending' ? 'pending' : 'notRequired'}`)}{' '}
                    {row.totp === 'enrolled' && (
                      <button
                        type="button"
                        className="small"
                        data-testid={`reset-totp-${row.username}`}
                        disabled={row.username === me}
                        title={row.username === me ? t('bankCentre.totpAdmin.resetOwn') : undefined}
                        onClick={() => void resetTotp(row.username)}
                      >
                        {t('bankCentre.totpAdmin.reset')}
                      </button>
                    )}
                  </td>
                  <td>
                    {row.locked && (
                      <button type="button" className="small" data-testid={`unlock-${row.username}`} onClick={() => void unlock(row.username)}>
                        {t('users.unlock')}
                      </button>
                    )}{' '}
                    <button type="button" className="small" data-testid={`reset-${row.username}`} onClick={() => void reset(row.username)}>
                      {t('users.reset')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div className="users-side">
          <div className="users-panel" data-testid="users-roles-panel">
            <h3>{current === null ? t('users.pickHint') : t('users.rolesOf', { user: current.username, name: current.displayName })}</h3>
            {current !== null && (
              <>
                <RolePicks value={pickedRoles} onChange={setPickedRoles} idPrefix="edit" />
                <button type="button" className="primary" data-testid="users-save-roles" disabled={!rolesChanged || ownAdmin || pickedRoles.length === 0} onClick={() => void saveRoles()}>
                  {t('users.saveRoles')}
                </button>
                {ownAdmin && <span className="action-reason">{t('users.ownAdmin')}</span>}
              </>
            )}
          </div>
          {current !== null && <OperatorLimitsPanel key={current.username} username={current.username} onDone={(kind, text) => setMessage({ kind, text: () => text })} />}
          <form className="users-panel" onSubmit={(e) => void create(e)} data-testid="users-create">
            <h3>{t('users.create')}</h3>
            <label className="field">
              <span className="field-label">{t('users.username')}</span>
              <input className="mono" name="new-username" value={draft.username} maxLength={32} onChange={(e) => setDraft({ ...draft, username: e.target.value.toLowerCase() })} />
            </label>
            <label className="field">
              <span className="field-label">{t('users.displayName')}</span>
              <input name="new-display-name" value={draft.displayName} maxLength={64} onChange={(e) => setDraft({ ...draft, displayName: e.target.value })} />
            </label>
            <RolePicks value={draft.roles} onChange={(roles) => setDraft({ ...draft, roles })} idPrefix="new" />
            <button type="submit" className="primary" data-testid="users-create-submit" disabled={!/^[a-z0-9_.-]{2,32}$/.test(draft.username.trim()) || draft.displayName.trim() === '' || draft.roles.length === 0}>
              {t('users.createSubmit')}
            </button>
          </form>
          <form className="users-panel" onSubmit={(e) => void saveTotpPolicy(e)} data-testid="users-totp">
            <h3>{t('bankCentre.totpAdmin.heading')}</h3>
            <p className="muted">{t('bankCentre.totpAdmin.policyNote')}</p>
            <div className="role-picks">
              <label>
                <input type="checkbox" data-testid="totp-all" checked={totpAll} onChange={(e) => setTotpAll(e.target.checked)} /> {t('bankCentre.totpAdmin.policyAll')}
              </label>
            </div>
            <button type="submit" data-testid="totp-save">{t('bankCentre.totpAdmin.save')}</button>
          </form>
          <form className="users-panel" onSubmit={(e) => void saveBlind(e)} data-testid="users-blind">
            <h3>{t('users.blind.title')}</h3>
            <p className="muted">{t('users.blind.hint')}</p>
            <div className="role-picks">
              {(['hvps', 'beps', 'bill'] as const).map((k) => (
                <label key={k}>
                  <input type="checkbox" data-testid={`blind-${k}`} checked={blindKinds.includes(k)} onChange={(e) => setBlindKinds(e.target.checked ? [...blindKinds, k] : blindKinds.filter((x) => x !== k))} />
                  {t(`kinds.${k}`)}
                </label>
              ))}
            </div>
            <button type="submit" data-testid="blind-save">{t('users.blind.save')}</button>
          </form>
          <form className="users-panel" onSubmit={(e) => void saveFourEyes(e)} data-testid="users-four-eyes">
            <h3>{t('users.fourEyes')}</h3>
            <p className="muted">{t('users.fourEyesHint')}{fourEyesNow !== null ? ` ${t('users.fourEyesNow', { amount: groupedAmount(fourEyesNow) })}` : ''}</p>
            <label className="field">
              <span className="field-label">{t('users.fourEyesAmount')}</span>
              <input className="mono num" inputMode="decimal" value={fourEyes} maxLength={20} onChange={(e) => setFourEyes(e.target.value)} />
            </label>
            <button type="submit" disabled={fourEyes.trim() === ''}>{t('users.fourEyesSave')}</button>
          </form>
        </div>
      </div>
    </section>
  );
}
