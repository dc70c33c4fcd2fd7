import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HandlerOutput } from '../../../shared/contract';
import { useBridge } from '../../state/bridge-context';
import { useAppSelector } from '../../state/store';
import { localized } from '../../i18n/i18n';

type OperatorRow = HandlerOutput<'operators.list'>['operators'][number];
type Message = { kind: 'ok' | 'err'; text: string };

/** The administrator's main screen: who may sign in, with which roles, and who is locked out. */
export function UsersScreen() {
  const { t, i18n } = useTranslation();
  const bridge = useBridge();
  const paymentsVersion = useAppSelector((s) => s.ui.paymentsVersion);
  const [rows, setRows] = useState<OperatorRow[]>([]);
  const [message, setMessage] = useState<Message | null>(null);

  const load = useCallback(async () => {
    const result = await bridge.invoke('operators.list', {});
    if (result.ok) setRows(result.value.operators);
    else setMessage({ kind: 'err', text: localized(i18n.language, result.error) });
  }, [bridge, i18n.language]);

  // F5 (and any change elsewhere) reloads the list.
  useEffect(() => {
    void load();
  }, [load, paymentsVersion]);

  const unlock = async (username: string) => {
    const result = await bridge.invoke('operators.unlock', { username });
    setMessage(result.ok ? { kind: 'ok', text: t('users.unlocked', { user: username }) } : { kind: 'err', text: localized(i18n.language, result.error) });
    await load();
  };

  return (
    <section className="screen users-screen" aria-labelledby="users-heading">
      <div className="screen-head">
        <h2 id="users-heading">{t('users.heading')}</h2>
        <span className="muted">{t('users.count', { count: rows.length })}</span>
      </div>
      {message !== null && (
        <p className={message.kind === 'ok' ? 'notice notice-ok' : 'notice notice-error'} role="alert" data-testid="users-message">
          {message.text}
        </p>
      )}
      <div className="queue-list">
        <table className="dense-table" data-testid="users-table">
          <thead>
            <tr>
              <th>{t('users.username')}</th>
              <th>{t('users.displayName')}</th>
              <th>{t('users.roles')}</th>
              <th>{t('users.state')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.username} data-user={row.username}>
                <td className="mono">{row.username}</td>
                <td>{row.displayName}</td>
                <td>{row.roles.map((r) => t(`roles.${r}`)).join('、')}</td>
                <td className={row.locked ? 'err' : undefined}>
                  {row.locked ? t('users.locked') : row.failedLogins > 0 ? t('users.failures', { n: row.failedLogins }) : t('users.active')}
                </td>
                <td>
                  {row.locked && (
                    <button type="button" className="small" onClick={() => void unlock(row.username)}>
                      {t('users.unlock')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
