import { useTranslation } from 'react-i18next';
import { localized } from '../i18n/i18n';
import { centreDateTime } from './amount-text';
import { uiSlice, useAppDispatch, useAppSelector } from '../state/store';

/** One line above the status bar: the newest unacknowledged alert and how many wait. */
export function AlertStrip() {
  const { t, i18n } = useTranslation();
  const dispatch = useAppDispatch();
  const unread = useAppSelector((s) => s.alerts.items.filter((a) => !a.acknowledged));
  const newest = unread[0];
  return (
    <div className={`alert-strip ${newest ? `sev-${newest.severity}` : ''}`} role="status" data-testid="alert-strip">
      {newest === undefined ? (
        <span className="sb-muted">{t('alerts.empty')}</span>
      ) : (
        <button type="button" className="link-button" onClick={() => dispatch(uiSlice.actions.show('alerts'))}>
          <span className="alert-sev">{t(`alerts.severity.${newest.severity}`)}</span>
          {/* Local time of day, as on the alerts screen and the grids (the stored time is UTC). */}
          <span className="mono">{centreDateTime(newest.at).slice(11)}</span> {localized(i18n.language, newest)}
          {unread.length > 1 && <span className="sb-muted"> · {t('alerts.unread', { count: unread.length })}</span>}
        </button>
      )}
    </div>
  );
}
