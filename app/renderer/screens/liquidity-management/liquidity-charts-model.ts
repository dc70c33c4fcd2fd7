import type { LiquidityIntraday } from '../../../shared/contract/handlers/liquidity';
import type { EChartOption } from '../../components/EChart';

type T = (key: string, options?: Record<string, unknown>) => string;
const UTC8_MS = 8 * 3_600_000;

/** An instant as hours of the business day on the centre's clock (UTC+8): 09:30 -> 9.5. */
export function businessHours(iso: string): number {
  const d = new Date(Date.parse(iso) + UTC8_MS);
  return d.getUTCHours() + d.getUTCMinutes() / 60 + d.getUTCSeconds() / 3600;
}

/** "9.5" -> "09:30" for the time axis. */
export function clockLabel(hours: number): string {
  const minutes = Math.round(hours * 60);
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/**
 * Axis figures in yuan, compact for the language: 1,250,000 -> "125万" / "1.25M". The plot is a
 * picture: amounts become numbers here only to be drawn, never to be added up.
 */
export function compactYuan(value: number, language: string): string {
  const abs = Math.abs(value);
  const fixed = (n: number) => String(Number(n.toFixed(2)));
  if (language === 'en') {
    if (abs >= 1e9) return `${fixed(value / 1e9)}B`;
    if (abs >= 1e6) return `${fixed(value / 1e6)}M`;
    if (abs >= 1e3) return `${fixed(value / 1e3)}k`;
    return fixed(value);
  }
  if (abs >= 1e8) return `${fixed(value / 1e8)}亿`;
  if (abs >= 1e4) return `${fixed(value / 1e4)}万`;
  return fixed(value);
}

const drawn = (yuan: string) => Number(yuan);

/** The day's window on the time axis: 08:00-18:00 widened to every point. */
function window(points: number[]): { min: number; max: number } {
  return { min: Math.floor(Math.min(8, ...points)), max: Math.ceil(Math.max(18, ...points)) };
}

/**
 * The intraday curve: balance (or, before any account was synced, the cumulative net flow),
 * available funds, and the reservations floor, stepping at each settlement.
 */
export function curveOption(data: LiquidityIntraday, t: T, language: string): EChartOption {
  const settledAt = data.curve.slice(1).map((c) => businessHours(c.at ?? ''));
  const span = window(settledAt);
  const xs = [span.min, ...settledAt];
  const known = data.openingBalance !== null;
  const balance = data.curve.map((c, i) => [xs[i] ?? span.min, drawn(known ? (c.balance ?? '0') : c.netFlow)]);
  // The curve runs on flat to the end of the window. Balance is drawn on top: with no credit
  // line drawn, available equals it and would hide it.
  balance.push([span.max, balance[balance.length - 1]?.[1] ?? 0]);
  const series: NonNullable<EChartOption['series']> = [
    { type: 'line', name: known ? t('lmc.balance') : t('lmc.netFlow'), step: 'end', showSymbol: false, data: balance, lineStyle: { width: 2 }, z: 3 },
  ];
  if (data.curve.every((c) => c.available !== null) && known) {
    const available = data.curve.map((c, i) => [xs[i] ?? span.min, drawn(c.available ?? '0')]);
    available.push([span.max, available[available.length - 1]?.[1] ?? 0]);
    series.push({ type: 'line', name: t('lmc.available'), step: 'end', showSymbol: false, data: available, lineStyle: { width: 1.5, type: 'dotted' }, z: 2 });
  }
  if (data.reservationFloor !== null && known) {
    const floor = drawn(data.reservationFloor);
    series.push({ type: 'line', name: t('lmc.floor'), showSymbol: false, data: [[span.min, floor], [span.max, floor]], lineStyle: { type: 'dashed', width: 1.5 } });
  }
  return {
    color: ['#1f5fa8', '#2e8b57', '#c0392b'],
    grid: { left: 64, right: 24, top: 36, bottom: 40 },
    legend: { top: 0 },
    tooltip: { trigger: 'axis' },
    xAxis: {
      type: 'value',
      min: span.min,
      max: span.max,
      interval: 1,
      name: t('lmc.hourAxis'),
      nameLocation: 'middle',
      nameGap: 26,
      axisLabel: { formatter: (v: number) => clockLabel(v) },
    },
    yAxis: { type: 'value', name: t('lmc.yuanAxis'), scale: true, axisLabel: { formatter: (v: number) => compactYuan(v, language) } },
    series,
  };
}

/** Throughput: the share of the day's sent value settled in each hour, and the cumulative share by its end. */
export function throughputOption(data: LiquidityIntraday, t: T): EChartOption {
  const hours = data.throughput.map((h) => `${clockLabel(h.hour)}`);
  return {
    color: ['#6a8fc7', '#c77c1f'],
    grid: { left: 48, right: 24, top: 36, bottom: 40 },
    legend: { top: 0 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: hours, name: t('lmc.hourAxis'), nameLocation: 'middle', nameGap: 26 },
    yAxis: { type: 'value', min: 0, max: 100, name: '%', axisLabel: { formatter: '{value}%' } },
    series: [
      { type: 'bar', name: t('lmc.hourShare'), data: data.throughput.map((h) => h.shareBp / 100) },
      { type: 'line', name: t('lmc.cumulativeShare'), data: data.throughput.map((h) => h.cumulativeShareBp / 100), symbolSize: 5 },
    ],
  };
}

/**
 * Queue over the day: how many own payments waited (step line, left axis) and for how much
 * (right axis), from the statuses the pull told (each change at the time it was told).
 */
export function queueDayOption(data: LiquidityIntraday, t: T, language: string): EChartOption {
  const at = data.queueDay.map((p) => businessHours(p.at));
  const span = window(at);
  const counts: number[][] = [[span.min, 0], ...data.queueDay.map((p, i) => [at[i] ?? span.min, p.count])];
  const values: number[][] = [[span.min, 0], ...data.queueDay.map((p, i) => [at[i] ?? span.min, drawn(p.value)])];
  // The last state runs on to the end of the window.
  counts.push([span.max, counts[counts.length - 1]?.[1] ?? 0]);
  values.push([span.max, values[values.length - 1]?.[1] ?? 0]);
  return {
    color: ['#6b4fa0', '#c77c1f'],
    grid: { left: 48, right: 64, top: 36, bottom: 40 },
    legend: { top: 0 },
    tooltip: { trigger: 'axis' },
    xAxis: {
      type: 'value',
      min: span.min,
      max: span.max,
      interval: 1,
      name: t('lmc.hourAxis'),
      nameLocation: 'middle',
      nameGap: 26,
      axisLabel: { formatter: (v: number) => clockLabel(v) },
    },
    yAxis: [
      { type: 'value', name: t('lmc.countAxis'), minInterval: 1, min: 0 },
      { type: 'value', name: t('lmc.yuanAxis'), min: 0, axisLabel: { formatter: (v: number) => compactYuan(v, language) }, splitLine: { show: false } },
    ],
    series: [
      { type: 'line', name: t('lmc.queueCount'), step: 'end', showSymbol: false, data: counts, lineStyle: { width: 2 }, areaStyle: { opacity: 0.12 } },
      { type: 'line', name: t('lmc.queueValue'), step: 'end', showSymbol: false, yAxisIndex: 1, data: values, lineStyle: { width: 1.5, type: 'dashed' } },
    ],
  };
}
