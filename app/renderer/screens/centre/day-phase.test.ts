import { describe, expect, it } from 'vitest';
import { countdown, dayLine } from './day-phase';

describe('the centre status bar: day phase and countdown', () => {
  it('counts down to the next cut-off and stops at zero', () => {
    const now = Date.parse('2026-12-07T07:00:00.000Z');
    expect(countdown('2026-12-07T08:00:00.000Z', now)).toBe('1:00:00');
    expect(countdown('2026-12-07T07:01:05.500Z', now)).toBe('0:01:05');
    expect(countdown('2026-12-07T06:00:00.000Z', now)).toBe('0:00:00');
  });
  it('names the phase and the next cut-off, or says there is no schedule', () => {
    expect(dayLine(null, 0)).toEqual({ phaseKey: 'centre.phase.none', cutoff: null });
    const schedule = { opening: '08:30', customerCutoff: '16:00', interbankCutoff: '17:00', cycleTimes: ['10:00'], endOfDay: '17:30' };
    const state = {
      businessDate: '2026-12-07',
      schedule,
      phase: 'open' as const,
      next: { kind: 'cycle' as const, time: '10:00', at: '2026-12-07T02:00:00.000Z' },
      nextCutoff: { kind: 'customerCutoff' as const, time: '16:00', at: '2026-12-07T08:00:00.000Z' },
    };
    expect(dayLine(state, Date.parse('2026-12-07T07:30:00.000Z'))).toEqual({
      phaseKey: 'centre.phase.open',
      cutoff: { kindKey: 'centre.event.customerCutoff', time: '16:00', left: '0:30:00' },
    });
  });
});
