import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { uiSlice, useAppDispatch, useAppSelector } from '../../state/store';
import { broadcastToShow } from '../../state/broadcasts-slice';
import { centreDateTime, CENTRE_ZONE_LABEL } from '../../components/amount-text';
import { useMarkBroadcastRead } from './use-mark-read';
import './broadcasts.css';

/** Marks the shown broadcast read from anywhere: Alt+R (阅), a key no screen uses. */
export const isMarkReadKey = (event: Pick<KeyboardEvent, 'key' | 'altKey' | 'ctrlKey' | 'metaKey'>): boolean =>
  event.altKey && !event.ctrlKey && !event.metaKey && event.key.toLowerCase() === 'r';

/**
 * A broadcast (公告) from the clearing centre, shown the moment it is pulled and until this
 * operator marks it read: the most urgent unread first. A compact card (urgency, title, the
 * body's first line) in the bottom-right corner, above the alert strip, low enough to stay
 * clear of the entry form's fields; the full text is in the history. It does not take the focus: a clerk keying a voucher finishes the field, then
 * reads, and marks it read with Alt+R (or Esc once the focus is in the card).
 */
export function BroadcastAlert() {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const items = useAppSelector((s) => s.broadcasts.items);
  const markRead = useMarkBroadcastRead();
  const shown = broadcastToShow(items);
  const shownId = shown?.id;
  const markReadRef = useRef(markRead);
  markReadRef.current = markRead;

  useEffect(() => {
    if (shownId === undefined) return undefined;
    const onKey = (event: KeyboardEvent) => {
      if (!isMarkReadKey(event)) return;
      event.preventDefault();
      markReadRef.current(shownId);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [shownId]);

  if (shown === undefined) return null;
  const more = items.filter((b) => b.readAt === null).length - 1;
  return (
    <aside
      className={`broadcast-alert urgency-${shown.urgency}`}
      role={shown.urgency === 'info' ? 'status' : 'alert'}
      aria-labelledby="broadcast-alert-title"
      data-testid="broadcast-alert"
      data-urgency={shown.urgency}
      onKeyDown={(event) => {
        if (event.key !== 'Escape') return;
        event.preventDefault();
        event.stopPropagation();
        markRead(shown.id);
      }}
    >
      <div className="broadcast-alert-head">
        <span className={`urgency-chip urgency-${shown.urgency}`}>{t(`bankCentre.broadcasts.urgency.${shown.urgency}`)}</span>
        <h3 id="broadcast-alert-title" title={shown.title}>{shown.title}</h3>
      </div>
      <p className="broadcast-body" title={shown.body}>{shown.body}</p>
      <div className="broadcast-alert-actions">
        <span className="broadcast-from muted">
          {t('bankCentre.broadcasts.fromShort')} {centreDateTime(shown.at).slice(5, 16)} {CENTRE_ZONE_LABEL}
        </span>
        <button type="button" className="primary" data-testid="broadcast-read" aria-keyshortcuts="Alt+R" onClick={() => markRead(shown.id)}>
          {t('bankCentre.broadcasts.markRead')} <span className="key-hint">Alt+R</span>
        </button>
        <button type="button" className="link-button" onClick={() => dispatch(uiSlice.actions.show('broadcasts'))}>
          {more > 0 ? t('bankCentre.broadcasts.more', { count: more }) : t('bankCentre.broadcasts.history')}
        </button>
      </div>
    </aside>
  );
}
