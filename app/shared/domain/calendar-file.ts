import { z } from 'zod';
import { isBusinessDate, isWeekend, type BusinessDate, type WorkingCalendar } from './calendar';

/**
 * One year of the working-day calendar as the operator writes it (docs/calendar.md), taken
 * from the State Council's annual notice (国务院办公厅关于某年部分节假日安排的通知):
 *
 *   { "year": 2026, "source": "国办发明电〔2025〕…号",
 *     "holidays": [{ "date": "2026-10-01", "name": "国庆节" }],
 *     "workingWeekends": [{ "date": "2026-09-27", "name": "调休上班" }] }
 *
 * The same shape is stored by the house, carried to consoles in the pull feed and stored there.
 */

/** Years the calendar may describe: wide enough for any real use, narrow enough to catch typos. */
export const CALENDAR_MIN_YEAR = 2000;
export const CALENDAR_MAX_YEAR = 2100;
/** A year has at most 366 days; anything longer is not a calendar. */
const MAX_DAYS_PER_LIST = 366;

const dateSchema = z.string().refine(isBusinessDate, { message: 'must be a real date written YYYY-MM-DD' });

export const calendarDaySchema = z
  .object({
    date: dateSchema,
    name: z.string().trim().min(1, { message: 'a day needs a name (e.g. 春节, 调休上班)' }).max(40),
  })
  .strict();
export type CalendarDay = z.infer<typeof calendarDaySchema>;

export const calendarYearSchema = z
  .object({
    year: z.number().int().min(CALENDAR_MIN_YEAR).max(CALENDAR_MAX_YEAR),
    /** Where the dates come from: the notice's number, or "example — …" for a demo file. */
    source: z.string().trim().min(1, { message: 'say where the dates come from (the State Council notice)' }).max(200),
    holidays: z.array(calendarDaySchema).max(MAX_DAYS_PER_LIST),
    workingWeekends: z.array(calendarDaySchema).max(MAX_DAYS_PER_LIST).default([]),
  })
  .strict()
  .superRefine((file, ctx) => {
    const seen = new Map<string, string>();
    const check = (list: 'holidays' | 'workingWeekends', days: readonly CalendarDay[]) => {
      days.forEach((day, i) => {
        const path = [list, i, 'date'];
        if (!day.date.startsWith(`${file.year}-`)) {
          ctx.addIssue({ code: 'custom', path, message: `${day.date} is not in ${file.year}` });
        }
        const earlier = seen.get(day.date);
        if (earlier !== undefined) {
          ctx.addIssue({ code: 'custom', path, message: earlier === list ? `${day.date} is listed twice` : `${day.date} is both a holiday and a working weekend day` });
        }
        seen.set(day.date, list);
        if (list === 'workingWeekends' && !isWeekend(day.date)) {
          ctx.addIssue({ code: 'custom', path, message: `${day.date} is not a Saturday or Sunday; only a weekend day can be declared a working day` });
        }
      });
    };
    check('holidays', file.holidays);
    check('workingWeekends', file.workingWeekends);
  });
export type CalendarYear = z.infer<typeof calendarYearSchema>;

/** The first problem, with where it is, in words an operator can act on. */
export function describeCalendarIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid calendar';
  return issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message;
}

/** Parses a calendar file's text; throws an Error naming the first problem. */
export function parseCalendarYear(text: string): CalendarYear {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`the calendar file is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = calendarYearSchema.safeParse(json);
  if (!parsed.success) throw new Error(`the calendar file is not valid: ${describeCalendarIssue(parsed.error)}`);
  return parsed.data;
}

/** Several years as one calendar (each year's file covers only its own dates). */
export function workingCalendarOf(years: readonly CalendarYear[]): WorkingCalendar {
  const holidays = new Map<BusinessDate, string>();
  const workingWeekends = new Map<BusinessDate, string>();
  for (const year of years) {
    for (const day of year.holidays) holidays.set(day.date, day.name);
    for (const day of year.workingWeekends) workingWeekends.set(day.date, day.name);
  }
  return { holidays, workingWeekends };
}
