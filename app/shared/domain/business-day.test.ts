import { describe, expect, it } from 'vitest';
import { admissionRefusal, businessScheduleSchema, dayPhase, nextScheduleEvents, scheduleInstantMs } from './business-day';

const SCHEDULE = { opening: '08:30', customerCutoff: '16:00', interbankCutoff: '17:00', cycleTimes: ['10:00', '14:00'], endOfDay: '17:30' };
const at = (beijing: string) => Date.parse(`${beijing}+08:00`);

describe('business-day schedule', () => {
  it('places times on the business date in Beijing time', () => {
    expect(new Date(scheduleInstantMs('2026-12-07', '08:30')).toISOString()).toBe('2026-12-07T00:30:00.000Z');
  });

  it('walks the phases and names the next cut-off', () => {
    expect(dayPhase(SCHEDULE, '2026-12-07', at('2026-12-07T08:29:59'))).toBe('pre-open');
    expect(dayPhase(SCHEDULE, '2026-12-07', at('2026-12-07T08:30:00'))).toBe('open');
    expect(dayPhase(SCHEDULE, '2026-12-07', at('2026-12-07T16:00:00'))).toBe('customer-cut-off');
    expect(dayPhase(SCHEDULE, '2026-12-07', at('2026-12-07T17:00:00'))).toBe('interbank-cut-off');
    expect(dayPhase(SCHEDULE, '2026-12-07', at('2026-12-07T17:30:00'))).toBe('end-of-day-due');
    const { next, nextCutoff } = nextScheduleEvents(SCHEDULE, '2026-12-07', at('2026-12-07T10:00:00'));
    expect([next?.kind, next?.time, nextCutoff?.kind, nextCutoff?.time]).toEqual(['cycle', '14:00', 'customerCutoff', '16:00']);
  });

  it('holds HVPS to the interbank cut-off and BEPS and bills to the customer cut-off, not warehoused payments', () => {
    const late = at('2026-12-07T16:30:00');
    expect(admissionRefusal(SCHEDULE, '2026-12-07', late, 'hvps')).toBeUndefined();
    expect(admissionRefusal(SCHEDULE, '2026-12-07', late, 'beps')).toBe('AFTER_CUT_OFF');
    expect(admissionRefusal(SCHEDULE, '2026-12-07', late, 'bill')).toBe('AFTER_CUT_OFF');
    expect(admissionRefusal(SCHEDULE, '2026-12-07', late, 'beps', '2026-12-08')).toBeUndefined();
    expect(admissionRefusal(SCHEDULE, '2026-12-07', at('2026-12-07T07:00:00'), 'hvps')).toBe('DAY_NOT_OPEN');
  });

  it('refuses a schedule out of order with the field that is wrong', () => {
    const bad = businessScheduleSchema.safeParse({ ...SCHEDULE, interbankCutoff: '15:00' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(['interbankCutoff']);
    expect(businessScheduleSchema.safeParse({ ...SCHEDULE, cycleTimes: ['14:00', '10:00'] }).success).toBe(false);
    expect(businessScheduleSchema.safeParse({ ...SCHEDULE, cycleTimes: ['18:00'] }).success).toBe(false);
    expect(businessScheduleSchema.safeParse({ ...SCHEDULE, opening: '8:30' }).success).toBe(false);
  });
});
