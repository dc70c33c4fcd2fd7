import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CENTRE_ZONE_LABEL } from './amount-text';
import { CUTOFF_WARNING_MS, dayPhaseView, formatCountdown } from './day-phase';
import type { BusinessSchedule } from '../../shared/domain/business-day';
import '../screens/broadcasts/broadcasts.css';

const TICK_MS = 1_000;

/**
 * The status bar's business day: the phase and a live countdown to the next cut-off, in the
 * clearing centre's zone (UTC+8) and labelled so. From the schedule last pulled, so it goes on
 * offline; without one it says so rather than guess.
 */
export function DayPhaseItem({ schedule, businessDate }: { schedule: BusinessSchedule | null | undefined; businessDate: string | null | undefined }) {
  const { t } = useTranslation();
  const [nowMs, setNowMs] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNowMs(Date.now()), TICK_MS);
    return () => clearInterval(timer);
  }, []);
  if (!schedule || !businessDate) {
    return (
      <span className="sb-item sb-muted" data-testid="sb-day-phase" data-phase="none" title={t('bankCentre.day.noScheduleHint')}>
        <span className="sb-label">{t('bankCentre.day.label')}</span>
        {t('bankCentre.day.noSchedule')}
      </span>
    );
  }
  const view = dayPhaseView(schedule, businessDate, nowMs);
  const near = view.cutoff !== null && view.cutoff.remainingMs <= CUTOFF_WARNING_MS;
  return (
    <span className="sb-item" data-testid="sb-day-phase" data-phase={view.phase}>
      <span className="sb-label">{t('bankCentre.day.label')}</span>
      <span className={`day-phase phase-${view.phase}`}>{t(`bankCentre.day.phase.${view.phase}`)}</span>
      {view.cutoff !== null && (
        <span className={near ? 'day-countdown near' : 'day-countdown'} data-testid="sb-countdown" title={t('bankCentre.day.zoneHint')}>
          {t('bankCentre.day.countdown', { what: t(`bankCentre.day.kind.${view.cutoff.kind}`), time: view.cutoff.time, zone: CENTRE_ZONE_LABEL })}{' '}
          <span className="mono">{formatCountdown(view.cutoff.remainingMs)}</span>
        </span>
      )}
    </span>
  );
}
