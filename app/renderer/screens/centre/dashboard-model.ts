import type { Dashboard } from '../../../shared/contract/centre-api';
import type { EChartOption } from '../../components/EChart';
import { compactYuan } from '../liquidity-management/liquidity-charts-model';
import { centreDateTime } from '../../components/amount-text';

type T = (key: string, options?: Record<string, unknown>) => string;

/** Kinds in the order and colours every centre chart uses. */
const KIND_COLOURS = { hvps: '#1f6fd1', beps: '#2f9e6b', bill: '#c98a16' } as const;
const GRID = { left: 56, right: 16, top: 34, bottom: 28 } as const;

/** An amount string drawn as a number of yuan: the plot is a picture, never a sum. */
const drawn = (yuan: string) => Number(yuan);

/** The centre's clock time of a minute's ISO start: "14:05". */
export const minuteLabel = (iso: string): string => centreDateTime(iso).slice(11, 16);

/** One refresh's settled value, kept by the screen while it is open (the house keeps only the day's total). */
export type SettledSample = { at: string; settledValue: string; settledCount: number };

/** Appends a refresh to the settled-value line; a new business day (total going down) starts it again. At most `max` points. */
export function addSample(samples: readonly SettledSample[], data: Dashboard, max = 720): SettledSample[] {
  const last = samples[samples.length - 1];
  const sample = { at: data.at, settledValue: data.today.settledValue, settledCount: data.today.settledCount };
  if (last !== undefined && last.settledCount > sample.settledCount) return [sample];
  return [...samples, sample].slice(-max);
}

/** Payments admitted per minute, stacked by kind, the last hour. */
export function perMinuteOption(data: Dashboard, t: T): EChartOption {
  const minutes = data.paymentsPerMinute.map((m) => minuteLabel(m.minute));
  return {
    grid: GRID,
    legend: { top: 0, right: 0, itemWidth: 12, itemHeight: 8 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: minutes, axisLabel: { interval: 9 } },
    yAxis: { type: 'value', minInterval: 1, name: t('centre.dash.perMinuteAxis'), nameTextStyle: { align: 'left' } },
    series: (['hvps', 'beps', 'bill'] as const).map((kind) => ({
      type: 'bar' as const,
      name: t(`kinds.${kind}`),
      stack: 'kind',
      color: KIND_COLOURS[kind],
      data: data.paymentsPerMinute.map((m) => m[kind]),
    })),
  };
}

/** Value settled today, at each refresh since the screen opened. */
export function settledOption(samples: readonly SettledSample[], t: T, language: string): EChartOption {
  return {
    grid: { ...GRID, left: 64 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: samples.map((s) => centreDateTime(s.at).slice(11, 19)), boundaryGap: false },
    yAxis: { type: 'value', scale: true, axisLabel: { formatter: (v: number) => compactYuan(v, language) } },
    series: [{ type: 'line', name: t('centre.dash.settledValue'), showSymbol: samples.length < 30, areaStyle: { opacity: 0.12 }, color: '#1f6fd1', data: samples.map((s) => drawn(s.settledValue)) }],
  };
}

/** Submit to settled: the day's counts in the three buckets. */
export function transitOption(data: Dashboard, t: T): EChartOption {
  const { under5s, from5To60s, over60s } = data.transit;
  return {
    grid: { ...GRID, top: 16 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: [t('centre.dash.under5s'), t('centre.dash.from5To60s'), t('centre.dash.over60s')] },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      {
        type: 'bar',
        name: t('centre.dash.settlements'),
        barWidth: '45%',
        data: [
          { value: under5s, itemStyle: { color: '#2f9e6b' } },
          { value: from5To60s, itemStyle: { color: '#c98a16' } },
          { value: over60s, itemStyle: { color: '#c0392b' } },
        ],
        label: { show: true, position: 'top' },
      },
    ],
  };
}

/** The ten banks with the most value queued: value bars, the count in the label. */
export function queuesOption(data: Dashboard, t: T, language: string): EChartOption {
  const rows = [...data.queues].reverse();
  return {
    grid: { ...GRID, left: 52, right: 56, top: 10 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'value', axisLabel: { formatter: (v: number) => compactYuan(v, language) } },
    yAxis: { type: 'category', data: rows.map((q) => q.participantId) },
    series: [
      {
        type: 'bar',
        name: t('centre.dash.queuedValue'),
        color: '#c98a16',
        data: rows.map((q) => drawn(q.value)),
        label: { show: true, position: 'right', formatter: (p: { dataIndex: number }) => t('centre.dash.countShort', { count: rows[p.dataIndex]?.payments ?? 0 }) },
      },
    ],
  };
}

/** Every bank: available liquidity beside its net debit and its cap. */
export function liquidityOption(data: Dashboard, t: T, language: string): EChartOption {
  const banks = data.liquidity;
  return {
    grid: { ...GRID, left: 64 },
    legend: { top: 0, right: 0, itemWidth: 12, itemHeight: 8 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: banks.map((b) => b.participantId), axisLabel: { interval: 0, fontSize: 10 } },
    yAxis: { type: 'value', axisLabel: { formatter: (v: number) => compactYuan(v, language) } },
    series: [
      { type: 'bar', name: t('centre.dash.available'), color: '#1f6fd1', data: banks.map((b) => drawn(b.available)) },
      { type: 'bar', name: t('centre.dash.netDebit'), color: '#c0392b', data: banks.map((b) => drawn(b.netDebit)) },
      { type: 'bar', name: t('centre.dash.netDebitCap'), color: '#9aa5b1', data: banks.map((b) => drawn(b.netDebitCap)) },
    ],
  };
}

/** Gridlock: the share of the queued value a multilateral offset would release now. */
export function gridlockShare(data: Dashboard): number | null {
  const queued = drawn(data.gridlock.queuedValue);
  if (queued === 0) return null;
  return Math.round((drawn(data.gridlock.releasableValue) / queued) * 100);
}

/** Bytes as the health panel shows them: "12.3 MB". */
export function storeSize(bytes: number | null): string {
  if (bytes === null) return '—';
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(1)} GB`;
  if (bytes >= 1024 ** 2) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  return `${Math.round(bytes / 1024)} KB`;
}
