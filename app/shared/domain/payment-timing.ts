import { MAX_VALUE_DAYS, minuteOf } from '../clearing/clock';
import { EMPTY_WORKING_CALENDAR, addDays, isBusinessDate, isWeekend, nextWorkingDay, type CalendarInput, type WorkingCalendar } from './calendar';

/**
 * Payment timing of DESIGN 4.1, checked as the house checks it (docs/sync.md "Liquidity
 * management"): earliest / latest "HH:MM" on the business clock (UTC+8), hvps only, earliest
 * before latest, a latest not already passed; a value date from today up to MAX_VALUE_DAYS
 * working days ahead on the calendar the console has. Pure: the entry form runs it as you
 * type, the back end again as the authority, and the house has the last word.
 */
export interface PaymentTiming {
  kind: 'hvps' | 'beps' | 'bill';
  earliest?: string;
  latest?: string;
  valueDate?: string;
}

export interface TimingContext {
  businessDate: string;
  calendar?: CalendarInput;
  /** The business clock's minute of the day, when known (UTC+8). */
  nowMinute?: number;
}

export interface TimingIssue {
  path: 'earliest' | 'latest' | 'valueDate';
  code: 'TIME_WINDOW' | 'VALUE_DATE';
  message: string;
  messageZh: string;
}

/**
 * A value date as working days ahead of the business date (0 = today), or undefined when it
 * is not a date, before today, not a working day, or more than MAX_VALUE_DAYS ahead.
 */
export function valueDaysAhead(businessDate: string, valueDate: string, calendar: CalendarInput = EMPTY_WORKING_CALENDAR): number | undefined {
  if (!isBusinessDate(valueDate) || !isBusinessDate(businessDate) || valueDate < businessDate) return undefined;
  let date = businessDate;
  let days = 0;
  while (date < valueDate && days <= MAX_VALUE_DAYS) {
    date = nextWorkingDay(date, calendar);
    days += 1;
  }
  return date === valueDate && days <= MAX_VALUE_DAYS ? days : undefined;
}

export function checkPaymentTiming(timing: PaymentTiming, context: TimingContext): TimingIssue[] {
  const issues: TimingIssue[] = [];
  const windowIssue = (path: 'earliest' | 'latest', message: string, messageZh: string) => issues.push({ path, code: 'TIME_WINDOW', message, messageZh });
  const hasWindow = timing.earliest !== undefined || timing.latest !== undefined;
  if (hasWindow && timing.kind !== 'hvps') {
    windowIssue(timing.earliest !== undefined ? 'earliest' : 'latest', 'settlement times are for HVPS payments only', '仅大额支付可指定清算时间');
  }
  const earliest = timing.earliest === undefined ? undefined : minuteOf(timing.earliest);
  const latest = timing.latest === undefined ? undefined : minuteOf(timing.latest);
  if (timing.earliest !== undefined && earliest === undefined) windowIssue('earliest', 'earliest time must be HH:MM (00:00-23:59)', '最早清算时间须为 HH:MM（00:00-23:59）');
  if (timing.latest !== undefined && latest === undefined) windowIssue('latest', 'latest time must be HH:MM (00:00-23:59)', '最迟清算时间须为 HH:MM（00:00-23:59）');
  if (earliest !== undefined && latest !== undefined && earliest >= latest) windowIssue('latest', 'latest time must be after the earliest time', '最迟清算时间须晚于最早清算时间');
  const today = timing.valueDate === undefined || timing.valueDate === context.businessDate;
  if (latest !== undefined && today && context.nowMinute !== undefined && latest <= context.nowMinute) {
    windowIssue('latest', 'latest time has already passed on the business clock', '最迟清算时间已过');
  }
  if (timing.valueDate !== undefined && valueDaysAhead(context.businessDate, timing.valueDate, context.calendar) === undefined) {
    issues.push({
      path: 'valueDate',
      code: 'VALUE_DATE',
      message: `value date must be a working day from ${context.businessDate} up to ${MAX_VALUE_DAYS} working days ahead`,
      messageZh: `起息日须为 ${context.businessDate} 起 ${MAX_VALUE_DAYS} 个工作日内的工作日`,
    });
  }
  return issues;
}

/** The value dates a payment may take: today, then each working day up to MAX_VALUE_DAYS ahead. */
export function allowedValueDates(businessDate: string, calendar: CalendarInput = EMPTY_WORKING_CALENDAR): string[] {
  const dates = [businessDate];
  for (let i = 0; i < MAX_VALUE_DAYS; i += 1) dates.push(nextWorkingDay(dates[dates.length - 1] ?? businessDate, calendar));
  return dates;
}

/**
 * The calendar of the value-date window, read back from its allowed dates (the entry form has
 * those, not the calendar): a weekday left out is a holiday, a weekend day in is a working one.
 */
export function calendarOfValueDates(businessDate: string, valueDates: readonly string[]): WorkingCalendar {
  const allowed = new Set(valueDates);
  const last = valueDates[valueDates.length - 1] ?? businessDate;
  const holidays = new Map<string, string>();
  const workingWeekends = new Map<string, string>();
  for (let date = businessDate; date <= last; date = addDays(date, 1)) {
    if (allowed.has(date) && isWeekend(date)) workingWeekends.set(date, '');
    if (!allowed.has(date) && !isWeekend(date)) holidays.set(date, '');
  }
  return { holidays, workingWeekends };
}
