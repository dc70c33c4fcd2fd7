import { canonicalJson } from '../../shared/audit/canonical-json';
import { calendarYearSchema, describeCalendarIssue, workingCalendarOf, type CalendarYear } from '../../shared/domain/calendar-file';
import { nextWorkingDay, type BusinessDate, type WorkingCalendar } from '../../shared/domain/calendar';
import type { EngineHost } from '../engine/engine-host';
import type { SqlClient } from './sql-client';

/**
 * The house's working-day calendar (migration 0005): one validated year per row. Writes go
 * through the engine host (reference-job.ts) so the row, its feed entry for the consoles and
 * its audit entry commit together; reads come straight from the table.
 */

function parseStored(year: unknown, text: string): CalendarYear {
  const parsed = calendarYearSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`stored calendar ${String(year)} is not valid: ${describeCalendarIssue(parsed.error)}`);
  return parsed.data;
}

export async function readCalendarYear(db: SqlClient, year: number): Promise<CalendarYear | undefined> {
  const { rows } = await db.query<{ year: number; calendar: string }>('SELECT year, calendar FROM working_calendar WHERE year = $1', [year]);
  const row = rows[0];
  return row ? parseStored(row.year, row.calendar) : undefined;
}

export async function readCalendarYears(db: SqlClient): Promise<CalendarYear[]> {
  const { rows } = await db.query<{ year: number; calendar: string }>('SELECT year, calendar FROM working_calendar ORDER BY year');
  return rows.map((row) => parseStored(row.year, row.calendar));
}

export async function readWorkingCalendar(db: SqlClient): Promise<WorkingCalendar> {
  return workingCalendarOf(await readCalendarYears(db));
}

/**
 * The date end of day rolls to: the next working day by the stored calendar. Undefined when
 * no calendar was ever loaded, so the engine keeps its own Monday-to-Friday rule.
 */
export async function calendarNextBusinessDate(db: SqlClient, today: BusinessDate): Promise<BusinessDate | undefined> {
  const years = await readCalendarYears(db);
  if (years.length === 0) return undefined;
  return nextWorkingDay(today, workingCalendarOf(years));
}

/** Same dates, names and source as what is stored: loading it again changes nothing. */
export function sameCalendar(a: CalendarYear | undefined, b: CalendarYear): boolean {
  return a !== undefined && canonicalJson(a) === canonicalJson(b);
}

/**
 * Stores a year (replacing what was there), publishes it to every console and audits it, all
 * in one commit of the writer. The audit entry holds the whole year: what the dates were is
 * the question an auditor will ask.
 */
export function publishCalendarYear(host: EngineHost, calendar: CalendarYear, audit: { actor: string; detail?: Record<string, unknown> }): Promise<void> {
  const data = { year: calendar.year, source: calendar.source, holidays: calendar.holidays, workingWeekends: calendar.workingWeekends };
  return host.publish({
    feed: { type: 'calendar', data },
    write: async (tx) => {
      await tx.query(
        `INSERT INTO working_calendar (year, calendar, updated_at) VALUES ($1, $2, $3)
         ON CONFLICT (year) DO UPDATE SET calendar = excluded.calendar, updated_at = excluded.updated_at`,
        [calendar.year, JSON.stringify(data), new Date().toISOString()],
      );
    },
    audit: {
      actor: audit.actor,
      action: 'calendar.set',
      entity: 'calendar',
      entityId: String(calendar.year),
      detail: { ...data, ...audit.detail },
    },
  });
}
