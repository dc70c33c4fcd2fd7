import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LiquidityIntraday } from '../../../shared/contract/handlers/liquidity';
import { useBridge } from '../../state/bridge-context';
import { localized } from '../../i18n/i18n';
import { groupedAmount, centreDateTime } from '../../components/amount-text';
import { EChart } from '../../components/EChart';
import { curveOption, queueDayOption, throughputOption } from './liquidity-charts-model';

const REFRESH_MS = 10_000;

function Figure(props: { label: string; value: string; sub?: string; testId: string }) {
  return (
    <div className="lmc-figure" data-testid={props.testId}>
      <span className="lm-label">{props.label}</span>
      <span className="mono lmc-value">{props.value}</span>
      {props.sub !== undefined && <span className="muted lmc-sub">{props.sub}</span>}
    </div>
  );
}

/** 日内流动性: the intraday curve, the BCBS 248 monitors and the hourly throughput. */
export function LiquidityCharts() {
  const { t, i18n } = useTranslation();
  const bridge = useBridge();
  const [data, setData] = useState<LiquidityIntraday | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const load = () =>
      void bridge.invoke('liquidity.intraday', {}).then((r) => {
        if (r.ok) {
          setData(r.value);
          setError(null);
        } else setError(localized(i18n.language, r.error));
      });
    load();
    const timer = setInterval(load, REFRESH_MS);
    return () => clearInterval(timer);
  }, [bridge, i18n.language]);

  const curve = useMemo(() => (data === null ? null : curveOption(data, t, i18n.language)), [data, t, i18n.language]);
  const throughput = useMemo(() => (data === null ? null : throughputOption(data, t)), [data, t]);
  const queueDay = useMemo(() => (data === null ? null : queueDayOption(data, t, i18n.language)), [data, t, i18n.language]);
  const yuan = (text: string) => `¥${groupedAmount(text)}`;
  const m = data?.monitors;
  const queuedCount = data?.queue.reduce((n, q) => n + q.count, 0) ?? 0;

  return (
    <section className="lm-section lmc" data-testid="lm-charts" aria-label={t('lmc.heading')}>
      <h3>
        {t('lmc.heading')} {data !== null && <span className="muted mono">{data.businessDate}</span>}
      </h3>
      {error !== null && <p className="notice err">{error}</p>}
      {m !== undefined && data !== null && (
        <div className="lmc-figures" data-testid="lmc-monitors">
          <Figure
            testId="lmc-usage"
            label={t('lmc.largestUsage')}
            value={yuan(m.largestUsage)}
            sub={m.largestUsageAt === null ? t('lmc.neverBelow') : t('lmc.at', { time: centreDateTime(m.largestUsageAt).slice(11, 16) })}
          />
          <Figure testId="lmc-sent" label={t('lmc.sent')} value={yuan(m.sentValue)} sub={t('lmc.count', { count: m.sentCount })} />
          <Figure testId="lmc-received" label={t('lmc.received')} value={yuan(m.receivedValue)} sub={t('lmc.count', { count: m.receivedCount })} />
          <Figure testId="lmc-opening" label={t('lmc.opening')} value={data.openingBalance === null ? '—' : yuan(data.openingBalance)} />
          <Figure
            testId="lmc-queued"
            label={t('lmc.queued')}
            value={String(queuedCount)}
            sub={data.queue.map((q) => `${String(q.hour).padStart(2, '0')}:00 ×${q.count}`).join(' · ') || undefined}
          />
        </div>
      )}
      <div className="lmc-charts">
        <div className="lmc-chart">
          <h4>{t('lmc.curveTitle')}</h4>
          {curve !== null && <EChart option={curve} heightPx={260} testId="lmc-curve" label={t('lmc.curveTitle')} />}
        </div>
        <div className="lmc-chart">
          <h4>{t('lmc.throughputTitle')}</h4>
          {throughput !== null && <EChart option={throughput} heightPx={260} testId="lmc-throughput" label={t('lmc.throughputTitle')} />}
        </div>
        <div className="lmc-chart lmc-wide">
          <h4>{t('lmc.queueDayTitle')}</h4>
          {queueDay !== null && data !== null && data.queueDay.length === 0 && <p className="muted" data-testid="lmc-queue-day-empty">{t('lmc.queueDayEmpty')}</p>}
          {queueDay !== null && data !== null && data.queueDay.length > 0 && <EChart option={queueDay} heightPx={220} testId="lmc-queue-day" label={t('lmc.queueDayTitle')} />}
        </div>
      </div>
      <p className="muted lmc-note">{t('lmc.note')}</p>
    </section>
  );
}
