import { useTranslation } from 'react-i18next';
import { uiSlice, useAppDispatch, useAppSelector } from '../../state/store';
import { broadcastToShow } from '../../state/broadcasts-slice';
import { centreDateTime, CENTRE_ZONE_LABEL } from '../../components/amount-text';
import { useMarkBroadcastRead } from './use-mark-read';
import './broadcasts.css';

/**
 * A broadcast (公告) from the clearing centre, shown over any screen the moment it is pulled and
 * until this operator marks it read: the most urgent unread first. It does not take the focus:
 * a clerk keying a voucher finishes the field, then reads.
 */
export function BroadcastAlert() {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const items = useAppSelector((s) => s.broadcasts.items);
  const markRead = useMarkBroadcastRead();
  const shown = broadcastToShow(items);
  if (shown === undefined) return null;
  const more = items.filter((b) => b.readAt === null).length - 1;
  return (
    <aside
      className={`broadcast-alert urgency-${shown.urgency}`}
      role={shown.urgency === 'info' ? 'status' : 'alert'}
      aria-labelledby="broadcast-alert-title"
      data-testid="broadcast-alert"
      data-urgency={shown.urgency}
    >
      <div className="broadcast-alert-head">
        <span className={`urgency-chip urgency-${shown.urgency}`}>{t(`bankCentre.broadcasts.urgency.${shown.urgency}`)}</span>
        <span className="broadcast-from">{t('bankCentre.broadcasts.from')}</span>
        <span className="mono muted">{centreDateTime(shown.at).slice(5, 16)} {CENTRE_ZONE_LABEL}</span>
      </div>
      <h3 id="broadcast-alert-title">{shown.title}</h3>
      <p className="broadcast-body">{shown.body}</p>
      <div className="broadcast-alert-actions">
        <button type="button" className="primary" data-testid="broadcast-read" onClick={() => markRead(shown.id)}>
          {t('bankCentre.broadcasts.markRead')}
        </button>
        <button type="button" className="link-button" onClick={() => dispatch(uiSlice.actions.show('broadcasts'))}>
          {more > 0 ? t('bankCentre.broadcasts.more', { count: more }) : t('bankCentre.broadcasts.history')}
        </button>
      </div>
    </aside>
  );
}
