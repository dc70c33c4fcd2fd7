import { preparedOnce, type Db } from '../store/open-database';
import { calendarYearSchema, describeCalendarIssue, workingCalendarOf, type CalendarYear } from '../../shared/domain/calendar-file';
import type { WorkingCalendar } from '../../shared/domain/calendar';

/**
 * The console's copy of the clearing centre's working-day calendar, as the house published it
 * in the pull feed (change type 'calendar', docs/calendar.md). One settings row per year,
 * key `working_calendar.<year>`, value the validated year as JSON. Offline the console keeps
 * using the last years it received; before the first one, working days are Monday to Friday.
 */
const KEY_PREFIX = 'working_calendar.';

const sql = preparedOnce((db) => ({
  set: db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'),
  // Keys starting 'working_calendar.' ('/' follows '.'): a range on the primary key.
  all: db.prepare<[], { key: string; value: string }>("SELECT key, value FROM settings WHERE key > 'working_calendar.' AND key < 'working_calendar/' ORDER BY key"),
}));

/** Replaces the stored year (call inside the pull page's transaction). */
export function storeCalendarYear(db: Db, calendar: CalendarYear): void {
  sql(db).set.run(`${KEY_PREFIX}${calendar.year}`, JSON.stringify(calendar));
}

export function storedCalendarYears(db: Db): CalendarYear[] {
  return sql(db)
    .all.all()
    .map((row) => {
      const parsed = calendarYearSchema.safeParse(JSON.parse(row.value));
      if (!parsed.success) throw new Error(`stored ${row.key} is not a valid calendar: ${describeCalendarIssue(parsed.error)}`);
      return parsed.data;
    });
}

/** Every stored year as one calendar (empty before the house sent any). */
export function workingCalendar(db: Db): WorkingCalendar {
  return workingCalendarOf(storedCalendarYears(db));
}
