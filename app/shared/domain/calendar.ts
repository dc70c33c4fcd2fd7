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
