import { describe, expect, it } from 'vitest';
import { dayPhaseView, formatCountdown } from './day-phase';

const DAY = { opening: '08:30', customerCutoff: '16:00', interbankCutoff: '17:00', cycleTimes: ['10:00', '14:00'], endOfDay: '17:30' };
// 2026-11-26 at HH:MM Beijing time (UTC+8).
const beijing = (hhmm: string) => Date.parse(`2026-11-26T${hhmm}:00+08:00`);

describe('the status bar’s business day', () => {
  it('names the phase and counts down to the next cut-off, skipping cycle times', () => {
    expect(dayPhaseView(DAY, '2026-11-26', beijing('08:00'))).toEqual({ phase: 'pre-open', cutoff: { kind: 'customerCutoff', time: '16:00', remainingMs: 8 * 3_600_000 } });
    expect(dayPhaseView(DAY, '2026-11-26', beijing('13:59'))).toEqual({ phase: 'open', cutoff: { kind: 'customerCutoff', time: '16:00', remainingMs: 121 * 60_000 } });
    expect(dayPhaseView(DAY, '2026-11-26', beijing('16:00'))).toEqual({ phase: 'customer-cut-off', cutoff: { kind: 'interbankCutoff', time: '17:00', remainingMs: 3_600_000 } });
    expect(dayPhaseView(DAY, '2026-11-26', beijing('17:10'))).toEqual({ phase: 'interbank-cut-off', cutoff: { kind: 'endOfDay', time: '17:30', remainingMs: 20 * 60_000 } });
    expect(dayPhaseView(DAY, '2026-11-26', beijing('17:30'))).toEqual({ phase: 'end-of-day-due', cutoff: null });
  });

  it('counts in the house’s zone whatever the desktop’s zone: the instant is absolute', () => {
    // 07:59:30 UTC is 15:59:30 in Beijing: thirty seconds to the customer cut-off.
    expect(dayPhaseView(DAY, '2026-11-26', Date.parse('2026-11-26T07:59:30Z')).cutoff?.remainingMs).toBe(30_000);
  });

  it('writes the time left as H:MM:SS, rounding up to the whole second', () => {
    expect(formatCountdown(0)).toBe('0:00:00');
    expect(formatCountdown(1)).toBe('0:00:01');
    expect(formatCountdown(3_600_000 + 61_000)).toBe('1:01:01');
    expect(formatCountdown(15 * 3_600_000)).toBe('15:00:00');
    expect(formatCountdown(-5)).toBe('0:00:00');
  });
});
