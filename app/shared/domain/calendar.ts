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
 * The business date a new console store or a new house starts on: the clearing centre's date
 * at `now`, moved back to the last working day. Console and house use this one rule, so a
 * console's demo history and a freshly started house agree on the date.
 */
export function initialBusinessDate(now: Date, holidays: ReadonlySet<BusinessDate> = new Set()): BusinessDate {
  let date = new Date(now.getTime() + CLEARING_CENTRE_UTC_OFFSET_MS).toISOString().slice(0, 10);
  while (!isWorkingDay(date, holidays)) date = addDays(date, -1);
  return date;
}

/** Saturday and Sunday are not working days; holidays come in as a set of dates. */
export function isWorkingDay(date: BusinessDate, holidays: ReadonlySet<BusinessDate> = new Set()): boolean {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !holidays.has(date);
}

/** The date `count` working days after `date` (used for report deadlines). */
export function addWorkingDays(date: BusinessDate, count: number, holidays: ReadonlySet<BusinessDate> = new Set()): BusinessDate {
  let current = date;
  let left = count;
  while (left > 0) {
    current = addDays(current, 1);
    if (isWorkingDay(current, holidays)) left -= 1;
  }
  return current;
}
