import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useBridge } from '../state/bridge-context';
import { alertsSlice, useAppDispatch, useAppSelector } from '../state/store';
import { localized } from '../i18n/i18n';
import { useKeptState } from '../state/use-kept-state';
import { useRefreshKey } from '../state/use-refresh-key';
import { centreDateTime } from '../components/amount-text';

/** The alert area in full: ↑/↓ to choose, A to acknowledge. */
export function AlertsScreen() {
  const { t, i18n } = useTranslation();
  const bridge = useBridge();
  const dispatch = useAppDispatch();
  const alerts = useAppSelector((s) => s.alerts.items);
  // The chosen alert by id, kept in the store: a new alert arriving at the top, or coming back to
  // the screen, never moves A onto another alert.
  const [chosenId, setChosenId] = useKeptState<string | null>('alerts.selectedId', null);
  const found = chosenId === null ? -1 : alerts.findIndex((a) => a.id === chosenId);
  const selected = found >= 0 ? found : 0;
  const setSelected = (next: (previous: number) => number) => setChosenId(alerts[next(selected)]?.id ?? null);
  // Someone else's acknowledgement (data.changed) and F5 reload the list.
  const refreshKey = useRefreshKey('alerts');
  const listRef = useRef<HTMLDivElement | null>(null);

  useEffect(() => {
    listRef.current?.focus();
  }, []);
  useEffect(() => {
    void bridge.invoke('notices.list', {}).then((r) => {
      if (r.ok) dispatch(alertsSlice.actions.loaded(r.value.notices));
    });
  }, [bridge, dispatch, refreshKey]);

  const ack = (id: string) =>
    void bridge.invoke('notices.ack', { id }).then((r) => {
      if (r.ok) dispatch(alertsSlice.actions.acknowledged(id));
    });

  const onKey = (event: React.KeyboardEvent) => {
    if (event.key === 'ArrowDown') setSelected((s) => Math.min(s + 1, alerts.length - 1));
    else if (event.key === 'ArrowUp') setSelected((s) => Math.max(s - 1, 0));
    else if (event.key === 'a' || event.key === 'A') {
      const current = alerts[selected];
      if (current !== undefined && !current.acknowledged) ack(current.id);
    } else return;
    event.preventDefault();
  };

  return (
    <section className="screen" aria-labelledby="alerts-heading">
      <div className="screen-head">
        <h2 id="alerts-heading">{t('alerts.heading')}</h2>
        <span className="muted">{t('alerts.unread', { count: alerts.filter((a) => !a.acknowledged).length })}</span>
      </div>
      <div className="queue-list" tabIndex={0} ref={listRef} onKeyDown={onKey}>
        {alerts.length === 0 ? (
          <p className="empty">{t('alerts.empty')}</p>
        ) : (
          <table className="dense-table">
            <tbody>
              {alerts.map((a, index) => (
                <tr key={a.id} className={`${index === selected ? 'selected' : ''} ${a.acknowledged ? 'muted' : ''}`} onClick={() => setChosenId(a.id)}>
                  <td className="mono">{centreDateTime(a.at)}</td>
                  <td className={`sev sev-${a.severity}`}>{t(`alerts.severity.${a.severity}`)}</td>
                  <td>{localized(i18n.language, a)}</td>
                  <td className="mono">{a.paymentId ?? ''}</td>
                  <td>
                    {a.acknowledged ? (
                      <span className="muted">{t('alerts.acked')}</span>
                    ) : (
                      <button type="button" className="small" onClick={() => ack(a.id)}>{t('alerts.ack')}</button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </section>
  );
}
