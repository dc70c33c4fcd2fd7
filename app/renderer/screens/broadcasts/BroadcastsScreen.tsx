import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useBridge } from '../../state/bridge-context';
import { broadcastsSlice, useAppDispatch, useAppSelector } from '../../state/store';
import { centreDateTime, CENTRE_ZONE_LABEL } from '../../components/amount-text';
import { useMarkBroadcastRead } from './use-mark-read';
import './broadcasts.css';

/**
 * 公告: every broadcast the clearing centre sent this bank, newest first, kept offline. ↑/↓
 * choose, Enter marks the chosen one read (it is shown in full beside the list).
 */
export function BroadcastsScreen() {
  const { t } = useTranslation();
  const bridge = useBridge();
  const dispatch = useAppDispatch();
  const items = useAppSelector((s) => s.broadcasts.items);
  const markRead = useMarkBroadcastRead();
  const [selected, setSelected] = useState(0);
  const listRef = useRef<HTMLDivElement | null>(null);

  useEffect(() => {
    listRef.current?.focus();
    void bridge.invoke('broadcasts.list', {}).then((r) => {
      if (r.ok) dispatch(broadcastsSlice.actions.loaded(r.value.broadcasts));
    });
  }, [bridge, dispatch]);

  const current = items[Math.min(selected, items.length - 1)];
  const unread = items.filter((b) => b.readAt === null).length;

  const onKey = (event: React.KeyboardEvent) => {
    if (event.key === 'ArrowDown') setSelected((s) => Math.min(s + 1, items.length - 1));
    else if (event.key === 'ArrowUp') setSelected((s) => Math.max(s - 1, 0));
    else if (event.key === 'Enter' && current !== undefined && current.readAt === null) markRead(current.id);
    else return;
    event.preventDefault();
  };

  return (
    <section className="screen broadcasts-screen" aria-labelledby="broadcasts-heading">
      <div className="screen-head">
        <h2 id="broadcasts-heading">{t('bankCentre.broadcasts.heading')}</h2>
        <span className="muted" data-testid="broadcasts-unread">{t('bankCentre.broadcasts.unread', { count: unread })}</span>
        <span className="keys-hint">{t('bankCentre.broadcasts.keys')}</span>
      </div>
      <div className="broadcasts-layout">
        <div className="queue-list broadcasts-list" tabIndex={0} ref={listRef} onKeyDown={onKey} data-testid="broadcasts-list">
          {items.length === 0 ? (
            <p className="empty">{t('bankCentre.broadcasts.empty')}</p>
          ) : (
            <table className="dense-table">
              <thead>
                <tr>
                  <th>{t('bankCentre.broadcasts.at', { zone: CENTRE_ZONE_LABEL })}</th>
                  <th>{t('bankCentre.broadcasts.urgencyLabel')}</th>
                  <th>{t('bankCentre.broadcasts.title')}</th>
                  <th>{t('bankCentre.broadcasts.to')}</th>
                  <th>{t('bankCentre.broadcasts.state')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((b, index) => (
                  <tr key={b.id} className={`${b === current ? 'selected' : ''} ${b.readAt === null ? 'unread' : 'muted'}`} onClick={() => setSelected(index)} data-broadcast-id={b.id}>
                    <td className="mono">{centreDateTime(b.at).slice(0, 16)}</td>
                    <td><span className={`urgency-chip urgency-${b.urgency}`}>{t(`bankCentre.broadcasts.urgency.${b.urgency}`)}</span></td>
                    <td className="broadcast-title-cell">{b.title}</td>
                    <td>{b.participantId === null ? t('bankCentre.broadcasts.toAll') : t('bankCentre.broadcasts.toUs')}</td>
                    <td>{b.readAt === null ? <strong>{t('bankCentre.broadcasts.unreadOne')}</strong> : t('bankCentre.broadcasts.readAt', { at: centreDateTime(b.readAt).slice(5, 16) })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
        {current !== undefined && (
          <article className={`broadcast-detail urgency-${current.urgency}`} data-testid="broadcast-detail">
            <div className="broadcast-alert-head">
              <span className={`urgency-chip urgency-${current.urgency}`}>{t(`bankCentre.broadcasts.urgency.${current.urgency}`)}</span>
              <span className="mono muted">{centreDateTime(current.at)} {CENTRE_ZONE_LABEL}</span>
            </div>
            <h3>{current.title}</h3>
            <p className="broadcast-body">{current.body}</p>
            <p className="muted">{t('bankCentre.broadcasts.sender', { sender: current.sender })}</p>
            {current.readAt === null ? (
              <button type="button" className="primary" onClick={() => markRead(current.id)}>{t('bankCentre.broadcasts.markRead')}</button>
            ) : (
              <p className="muted">{t('bankCentre.broadcasts.readAt', { at: centreDateTime(current.readAt).slice(5, 16) })}</p>
            )}
          </article>
        )}
      </div>
    </section>
  );
}
