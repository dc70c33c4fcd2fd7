/** Business dates are ISO dates (YYYY-MM-DD) assigned by the house; arithmetic is in UTC days. */
export type BusinessDate = string;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isBusinessDate(text: string): text is BusinessDate {
  if (!ISO_DATE.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

export function addDays(date: BusinessDate, days: number): BusinessDate {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The clearing centre keeps China Standard Time (UTC+8, no daylight saving). */
export const CLEARING_CENTRE_UTC_OFFSET_MS = 8 * 3_600_000;

/**
 * The clearing centre's working-day calendar. China's public holidays move every year and come
 * with adjusted working weekends (调休): a Saturday or Sunday declared a working day. Both come
 * from the State Council's annual notice; the operator loads them (calendar-file.ts). A date in
 * neither map follows the plain rule: Monday to Friday work, Saturday and Sunday do not.
 */
export interface WorkingCalendar {
  /** Dates that are not working days, with the holiday's name (春节, 国庆节, ...). */
  readonly holidays: ReadonlyMap<BusinessDate, string>;
  /** Saturdays and Sundays that are working days, with their name (调休上班). */
  readonly workingWeekends: ReadonlyMap<BusinessDate, string>;
}

export const EMPTY_WORKING_CALENDAR: WorkingCalendar = { holidays: new Map(), workingWeekends: new Map() };

/**
 * What the calendar functions accept: a WorkingCalendar, or (older callers) a bare set of
 * holiday dates with no working weekends.
 */
export type CalendarInput = WorkingCalendar | ReadonlySet<BusinessDate>;

function asCalendar(input: CalendarInput): WorkingCalendar {
  if ('workingWeekends' in input) return input;
  return { holidays: new Map([...input].map((d) => [d, ''])), workingWeekends: new Map() };
}

export function isWeekend(date: BusinessDate): boolean {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday === 0 || weekday === 6;
}

/**
 * The business date a new console store or a new house starts on: the clearing centre's date
 * at `now`, moved back to the last working day. Console and house use this one rule, so a
 * console's demo history and a freshly started house agree on the date.
 */
export function initialBusinessDate(now: Date, calendar: CalendarInput = EMPTY_WORKING_CALENDAR): BusinessDate {
  const cal = asCalendar(calendar);
  let date = new Date(now.getTime() + CLEARING_CENTRE_UTC_OFFSET_MS).toISOString().slice(0, 10);
  while (!isWorkingDay(date, cal)) date = addDays(date, -1);
  return date;
}

/**
 * A holiday is never a working day; a declared working weekend day always is; otherwise
 * Monday to Friday. (A date in both lists is refused when a calendar file is read.)
 */
export function isWorkingDay(date: BusinessDate, calendar: CalendarInput = EMPTY_WORKING_CALENDAR): boolean {
  const cal = asCalendar(calendar);
  if (cal.holidays.has(date)) return false;
  if (cal.workingWeekends.has(date)) return true;
  return !isWeekend(date);
}

/** The first working day after `date` (end of day rolls to it). */
export function nextWorkingDay(date: BusinessDate, calendar: CalendarInput = EMPTY_WORKING_CALENDAR): BusinessDate {
  return addWorkingDays(date, 1, calendar);
}

/** The date `count` working days after `date` (used for report deadlines). */
export function addWorkingDays(date: BusinessDate, count: number, calendar: CalendarInput = EMPTY_WORKING_CALENDAR): BusinessDate {
  const cal = asCalendar(calendar);
  let current = date;
  let left = count;
  while (left > 0) {
    current = addDays(current, 1);
    if (isWorkingDay(current, cal)) left -= 1;
  }
  return current;
}
