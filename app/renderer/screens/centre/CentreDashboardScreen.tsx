import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HandlerOutput } from '../../../shared/contract';
import { useBridge } from '../../state/bridge-context';
import { useAppSelector } from '../../state/store';
import { localized } from '../../i18n/i18n';
import { EChart } from '../../components/EChart';
import { centreDateTime, groupedAmount } from '../../components/amount-text';
import { addSample, gridlockShare, liquidityOption, perMinuteOption, queuesOption, settledOption, storeSize, transitOption, type SettledSample } from './dashboard-model';
import { dayLine } from './day-phase';
import { AlertRulesPanel } from './AlertRulesPanel';
import './centre.css';

type Dashboard = HandlerOutput<'centre.dashboard'>;
/** The house answers a refresh from memory (docs/monitoring.md), so every 5 s is cheap. */
const REFRESH_MS = 5_000;

function Tile(props: { label: string; value: string; sub?: string; title?: string; testId: string; tone?: 'warn' | 'bad' }) {
  return (
    <div className={`centre-tile${props.tone ? ` tone-${props.tone}` : ''}`} data-testid={props.testId} title={props.title}>
      <span className="centre-tile-label">{props.label}</span>
      <span className="mono centre-tile-value">{props.value}</span>
      {props.sub !== undefined && <span className="muted centre-tile-sub">{props.sub}</span>}
    </div>
  );
}

const seconds = (s: number | null) => (s === null ? '—' : s < 10 ? `${s.toFixed(2)} s` : `${Math.round(s)} s`);
const ms = (v: number | null) => (v === null ? '—' : `${v.toFixed(1)} ms`);

/** 监控大屏: the house's day at a glance, redrawn every 5 seconds while it is open. */
export function CentreDashboardScreen() {
  const { t, i18n } = useTranslation();
  const bridge = useBridge();
  const refreshKey = useAppSelector((s) => s.ui.paymentsVersion);
  const [data, setData] = useState<Dashboard | null>(null);
  const [samples, setSamples] = useState<SettledSample[]>([]);
  const [error, setError] = useState<{ message: string; messageZh: string } | null>(null);
  const [nowMs, setNowMs] = useState(() => Date.now());

  useEffect(() => {
    let live = true;
    const load = () =>
      void bridge.invoke('centre.dashboard', {}).then((r) => {
        if (!live) return;
        if (r.ok) {
          setData(r.value);
          setSamples((s) => addSample(s, r.value));
          setError(null);
        } else setError(r.error);
      });
    load();
    const timer = setInterval(load, REFRESH_MS);
    const tick = setInterval(() => setNowMs(Date.now()), 1000);
    return () => {
      live = false;
      clearInterval(timer);
      clearInterval(tick);
    };
  }, [bridge, refreshKey]);

  const lang = i18n.language;
  const perMinute = useMemo(() => (data === null ? null : perMinuteOption(data, t)), [data, t]);
  const settled = useMemo(() => settledOption(samples, t, lang), [samples, t, lang]);
  const transit = useMemo(() => (data === null ? null : transitOption(data, t)), [data, t]);
  const queues = useMemo(() => (data === null ? null : queuesOption(data, t, lang)), [data, t, lang]);
  const liquidity = useMemo(() => (data === null ? null : liquidityOption(data, t, lang)), [data, t, lang]);

  if (data === null) {
    return (
      <div className="screen centre-screen">
        <h2>{t('nav.centreDashboard')}</h2>
        {error !== null ? <p className="notice notice-error">{localized(i18n.language, error)}</p> : <p className="muted">{t('centre.loading')}</p>}
      </div>
    );
  }
  const share = gridlockShare(data);
  const day = dayLine(data.cycle.day, nowMs);
  const overCap = data.liquidity.filter((l) => l.capUsedPercent >= 80).length;
  const yuan = (v: string) => `¥${groupedAmount(v)}`;

  return (
    <div className="screen centre-screen centre-dashboard" data-testid="centre-dashboard">
      <div className="centre-head">
        <h2>{t('nav.centreDashboard')}</h2>
        <span className="muted">
          {t('centre.dash.asOf', { time: centreDateTime(data.at).slice(11, 19) })} · {t('centre.dash.every', { seconds: REFRESH_MS / 1000 })}
        </span>
        {error !== null && <span className="notice notice-error">{localized(i18n.language, error)}</span>}
      </div>
      <div className="centre-tiles">
        <Tile testId="tile-payments" label={t('centre.dash.paymentsToday')} value={data.today.payments.toLocaleString()} sub={t('centre.dash.rejected', { count: data.today.rejected })} />
        <Tile testId="tile-settled" label={t('centre.dash.settledToday')} value={yuan(data.today.settledValue)} sub={t('centre.dash.count', { count: data.today.settledCount })} />
        <Tile testId="tile-transit" label={t('centre.dash.transit')} value={`${seconds(data.transit.p50Seconds)} / ${seconds(data.transit.p99Seconds)}`} sub={t('centre.dash.p50p99')} />
        <Tile
          testId="tile-gridlock"
          label={t('centre.dash.gridlock')}
          value={yuan(data.gridlock.releasableValue)}
          sub={t('centre.dash.gridlockSub', { queued: groupedAmount(data.gridlock.queuedValue) })}
          title={t('centre.dash.gridlockTitle', { count: data.gridlock.releasablePayments })}
          tone={share !== null && share > 0 ? 'warn' : undefined}
        />
        <Tile
          testId="tile-cycle"
          label={t('centre.dash.cycle')}
          value={data.cycle.openCycleId === null ? '—' : `#${data.cycle.openCycleId}`}
          sub={t(day.phaseKey)}
        />
        <Tile
          testId="tile-cutoff"
          label={t('centre.dash.nextCutoff')}
          value={day.cutoff === null ? '—' : day.cutoff.left}
          sub={day.cutoff === null ? t('centre.dash.noSchedule') : `${t(day.cutoff.kindKey)} ${day.cutoff.time}`}
        />
        <Tile testId="tile-caps" label={t('centre.dash.capsHigh')} value={String(overCap)} sub={t('centre.dash.capsHighSub', { total: data.liquidity.length })} tone={overCap > 0 ? 'warn' : undefined} />
      </div>
      <div className="centre-charts">
        <div className="centre-chart centre-chart-wide">
          <h4>{t('centre.dash.perMinute')}</h4>
          {perMinute !== null && <EChart option={perMinute} heightPx={190} testId="chart-per-minute" label={t('centre.dash.perMinute')} />}
        </div>
        <div className="centre-chart">
          <h4>{t('centre.dash.settledLine')}</h4>
          <EChart option={settled} heightPx={190} testId="chart-settled" label={t('centre.dash.settledLine')} />
        </div>
        <div className="centre-chart">
          <h4>
            {t('centre.dash.transitChart')} <span className="muted">p50 {seconds(data.transit.p50Seconds)} · p99 {seconds(data.transit.p99Seconds)}</span>
          </h4>
          {transit !== null && <EChart option={transit} heightPx={190} testId="chart-transit" label={t('centre.dash.transitChart')} />}
        </div>
        <div className="centre-chart">
          <h4>{t('centre.dash.queues')}</h4>
          {data.queues.length === 0 ? (
            <p className="muted centre-empty">{t('centre.dash.noQueue')}</p>
          ) : (
            queues !== null && <EChart option={queues} heightPx={210} testId="chart-queues" label={t('centre.dash.queues')} />
          )}
        </div>
        <div className="centre-chart centre-chart-wide2">
          <h4>{t('centre.dash.liquidity')}</h4>
          {liquidity !== null && <EChart option={liquidity} heightPx={210} testId="chart-liquidity" label={t('centre.dash.liquidity')} />}
        </div>
      </div>
      <div className="centre-lower">
        <section className="centre-panel" data-testid="centre-health" aria-label={t('centre.health.heading')}>
          <h3>{t('centre.health.heading')}</h3>
          <dl className="centre-facts">
            <dt>{t('centre.health.commit')}</dt>
            <dd className="mono">
              {ms(data.health.commitP50Ms)} / {ms(data.health.commitP99Ms)}
            </dd>
            <dt>{t('centre.health.batch')}</dt>
            <dd className="mono">{data.health.batchSizeAvg === null ? '—' : data.health.batchSizeAvg.toFixed(1)}</dd>
            <dt>{t('centre.health.store')}</dt>
            <dd className="mono">{storeSize(data.health.storeBytes)}</dd>
            <dt>{t('centre.health.inputQueue')}</dt>
            <dd className="mono">{data.health.inputQueueDepth}</dd>
          </dl>
          <h4>{t('centre.health.consoles', { count: data.health.consoles.length })}</h4>
          <table className="centre-table" data-testid="centre-consoles">
            <tbody>
              {data.health.consoles.length === 0 && (
                <tr>
                  <td className="muted">{t('centre.health.noConsoles')}</td>
                </tr>
              )}
              {data.health.consoles.map((c) => (
                <tr key={c.participantId} className={c.secondsAgo > 300 ? 'centre-alert-open' : ''}>
                  <td className="mono">{c.participantId}</td>
                  <td className="mono">{centreDateTime(c.lastSyncAt).slice(11, 19)}</td>
                  <td>{t('centre.health.ago', { seconds: Math.round(c.secondsAgo) })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <AlertRulesPanel raised={data.alerts} banks={data.liquidity.map((l) => l.participantId)} />
      </div>
    </div>
  );
}
