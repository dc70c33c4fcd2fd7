import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CENTRE_ZONE_LABEL, centreDateTime } from './amount-text';
import { useAppSelector } from '../state/store';
import { storeHealthNoticeKey } from './store-health-notice';
import { DayPhaseItem } from './DayPhaseItem';

export function StatusBar() {
  const { t } = useTranslation();
  const operator = useAppSelector((s) => s.session.operator);
  const businessDate = useAppSelector((s) => s.status.app?.businessDate ?? s.session.businessDate);
  const app = useAppSelector((s) => s.status.app);
  const link = useAppSelector((s) => s.status.link);
  // The host link comes first: if it is down, the back end's own state is unknown.
  const connection = link === 'open' ? (app?.connection ?? 'local') : link;
  const outbox = app?.pendingOutbox ?? 0;
  const storeNotice = storeHealthNoticeKey(app?.storeHealth);
  // The clearing centre's clock, named: every time on the screens is in this zone.
  const [now, setNow] = useState(() => new Date().toISOString());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date().toISOString()), 15_000);
    return () => clearInterval(timer);
  }, []);
  return (
    <footer className="statusbar" data-testid="statusbar">
      {/* First and in red: work is not being saved, which matters more than anything else here. */}
      {storeNotice !== undefined && (
        <span className="sb-item sb-store-alert" role="alert" data-testid="sb-store-health">
          ⚠ {t(storeNotice)}
        </span>
      )}
      <span className="sb-item">
        <span className="sb-label">{t('status.operator')}</span>
        <span data-testid="sb-operator">
          {operator?.displayName} ({operator?.username})
        </span>
      </span>
      <span className="sb-item">
        <span className="sb-label">{t('status.role')}</span>
        {operator?.roles.map((r) => t(`roles.${r}`)).join('、')}
      </span>
      <span className="sb-item">
        <span className="sb-label">{t('status.businessDate')}</span>
        <span className="mono">{businessDate}</span>
      </span>
      <DayPhaseItem schedule={app?.daySchedule} businessDate={businessDate} />
      <span className="sb-item">
        {/* Host link down: that is what matters; otherwise the clearing house link. */}
        <span className="sb-label">{t(link === 'open' ? 'status.house' : 'status.connection')}</span>
        <span className={`conn conn-${connection}`} data-testid="sb-connection">
          ● {t(`status.conn.${connection}`)}
        </span>
      </span>
      <span className="sb-item">
        <span className="sb-label">{t('status.outbox')}</span>
        <span className={outbox > 0 ? 'mono warn' : 'mono'}>{outbox}</span>
      </span>
      {app?.positionWarning === true && (
        <span className="sb-item sb-store-alert" role="status" data-testid="sb-position-warning">
          ⚠ {t('lm.statusWarning')}
        </span>
      )}
      <span className="sb-spacer" />
      <span className="sb-item" title={t('status.zoneHint')} data-testid="sb-clock">
        <span className="sb-label">{t('status.centreTime')}</span>
        <span className="mono">{centreDateTime(now).slice(11, 16)} {CENTRE_ZONE_LABEL}</span>
      </span>
      <span className="sb-item sb-muted">
        {t('status.version')} <span className="mono">{app?.version}</span>
      </span>
    </footer>
  );
}
