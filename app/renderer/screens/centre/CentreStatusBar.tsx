import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HandlerOutput } from '../../../shared/contract';
import { useBridge } from '../../state/bridge-context';
import { useAppSelector } from '../../state/store';
import { CENTRE_ZONE_LABEL, centreDateTime } from '../../components/amount-text';
import { dayLine } from './day-phase';

type Dashboard = HandlerOutput<'centre.dashboard'>;
const POLL_MS = 15_000;

/**
 * The centre console's two bottom lines: the newest open alert of the house's rules, and the
 * status bar (who, role, business day and its phase, the countdown to the next cut-off, the
 * house link). Reads the dashboard every 15 s; the countdown ticks every second.
 */
export function CentreStatusBar() {
  const { t } = useTranslation();
  const bridge = useBridge();
  const centre = useAppSelector((s) => s.session.centre);
  const sessionDate = useAppSelector((s) => s.session.businessDate);
  const [data, setData] = useState<Dashboard | null>(null);
  const [online, setOnline] = useState(true);
  const [nowMs, setNowMs] = useState(() => Date.now());

  useEffect(() => {
    let live = true;
    const load = () =>
      void bridge.invoke('centre.dashboard', {}).then((r) => {
        if (!live) return;
        if (r.ok) setData(r.value);
        setOnline(r.ok || r.error.code !== 'centre.unreachable');
      });
    load();
    const poll = setInterval(load, POLL_MS);
    const tick = setInterval(() => setNowMs(Date.now()), 1000);
    return () => {
      live = false;
      clearInterval(poll);
      clearInterval(tick);
    };
  }, [bridge]);

  const open = data?.alerts.filter((a) => a.clearedAt === null) ?? [];
  const day = dayLine(data?.cycle.day ?? null, nowMs);
  const operator = centre?.operator;
  return (
    <>
      <div className={open.length > 0 ? 'alert-strip sev-warning' : 'alert-strip'} role="status" data-testid="alert-strip">
        {open.length === 0 ? (
          <span className="sb-muted">{t('centre.alerts.noneOpen')}</span>
        ) : (
          <span>
            <span className="alert-sev">{t('centre.alerts.open', { count: open.length })}</span>
            <span className="mono">{centreDateTime(open[0]!.raisedAt).slice(11, 16)}</span> {open[0]!.subject}
          </span>
        )}
      </div>
      <footer className="statusbar" data-testid="statusbar">
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
          <span className="mono">{data?.businessDate ?? sessionDate}</span>
        </span>
        <span className="sb-item" data-testid="sb-day-phase">
          <span className="sb-label">{t('centre.status.phase')}</span>
          {t(day.phaseKey)}
        </span>
        {day.cutoff !== null && (
          <span className="sb-item" data-testid="sb-cutoff">
            <span className="sb-label">{t('centre.status.nextCutoff')}</span>
            {t(day.cutoff.kindKey)} <span className="mono">{day.cutoff.time}</span> · <span className="mono">{day.cutoff.left}</span>
          </span>
        )}
        <span className="sb-item">
          <span className="sb-label">{t('status.house')}</span>
          <span className={`conn conn-${online ? 'online' : 'offline'}`} data-testid="sb-connection">
            ● {t(`status.conn.${online ? 'online' : 'offline'}`)}
          </span>
        </span>
        <span className="sb-spacer" />
        <span className="sb-item" title={t('status.zoneHint')} data-testid="sb-clock">
          <span className="sb-label">{t('status.centreTime')}</span>
          <span className="mono">
            {centreDateTime(new Date(nowMs).toISOString()).slice(11, 16)} {CENTRE_ZONE_LABEL}
          </span>
        </span>
      </footer>
    </>
  );
}
