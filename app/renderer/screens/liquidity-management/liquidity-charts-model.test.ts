import { describe, it, expect } from 'vitest';
import type { LiquidityIntraday } from '../../../shared/contract/handlers/liquidity';
import { businessHours, clockLabel, compactYuan, curveOption, queueDayOption, throughputOption } from './liquidity-charts-model';

const t = (key: string) => key;
const day: LiquidityIntraday = {
  businessDate: '2026-11-26',
  openingBalance: '10050.00',
  reservationFloor: '3000.00',
  curve: [
    { at: null, netFlow: '0.00', balance: '10050.00', available: '11550.00' },
    { at: '2026-11-26T01:30:00Z', netFlow: '-300.00', balance: '9750.00', available: '11250.00' },
  ],
  monitors: { largestUsage: '300.00', largestUsageAt: '2026-11-26T01:30:00Z', sentValue: '300.00', sentCount: 1, receivedValue: '0.00', receivedCount: 0 },
  throughput: [
    { hour: 8, sentValue: '0.00', shareBp: 0, cumulativeShareBp: 0 },
    { hour: 9, sentValue: '300.00', shareBp: 10_000, cumulativeShareBp: 10_000 },
  ],
  queue: [],
  queueDay: [],
};

describe('liquidity charts model', () => {
  it('puts instants on the UTC+8 business clock', () => {
    expect(businessHours('2026-11-26T01:30:00Z')).toBe(9.5);
    expect(clockLabel(9.5)).toBe('09:30');
    expect(clockLabel(18)).toBe('18:00');
  });

  it('labels yuan compactly per language', () => {
    expect(compactYuan(1_250_000, 'zh-CN')).toBe('125万');
    expect(compactYuan(320_000_000, 'zh-CN')).toBe('3.2亿');
    expect(compactYuan(1_250_000, 'en')).toBe('1.25M');
    expect(compactYuan(-4_500, 'en')).toBe('-4.5k');
  });

  it('draws balance, available and the floor over 08:00-18:00, stepping at each settlement', () => {
    const option = curveOption(day, t, 'en');
    const series = option.series as { name: string; data: number[][] }[];
    expect(series.map((s) => s.name)).toEqual(['lmc.balance', 'lmc.available', 'lmc.floor']);
    expect(series[0]?.data).toEqual([[8, 10050], [9.5, 9750], [18, 9750]]);
    expect(series[2]?.data).toEqual([[8, 3000], [18, 3000]]);
  });

  it('without a synced account draws the net flow only', () => {
    const option = curveOption({ ...day, openingBalance: null, curve: day.curve.map((c) => ({ ...c, balance: null, available: null })) }, t, 'en');
    const series = option.series as { name: string; data: number[][] }[];
    expect(series.map((s) => s.name)).toEqual(['lmc.netFlow']);
    expect(series[0]?.data).toEqual([[8, 0], [9.5, -300], [18, -300]]);
  });

  it('throughput bars per hour against the cumulative share, in percent', () => {
    const series = throughputOption(day, t).series as { data: number[] }[];
    expect(series.map((s) => s.data)).toEqual([[0, 100], [0, 100]]);
  });

  it('draws the queue over the day: count and value stepping from zero, run on to the end of the window', () => {
    const option = queueDayOption({ ...day, queueDay: [
      { at: '2026-11-26T02:00:00Z', count: 2, value: '700.00' },
      { at: '2026-11-26T03:00:00Z', count: 0, value: '0.00' },
    ] }, t, 'zh-CN');
    const series = option.series as { name: string; data: number[][]; yAxisIndex?: number }[];
    expect(series.map((s) => s.name)).toEqual(['lmc.queueCount', 'lmc.queueValue']);
    expect(series[0]?.data).toEqual([[8, 0], [10, 2], [11, 0], [18, 0]]);
    expect(series[1]?.data).toEqual([[8, 0], [10, 700], [11, 0], [18, 0]]);
    expect(series[1]?.yAxisIndex).toBe(1);
  });
});
