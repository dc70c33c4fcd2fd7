import { readFileSync } from 'node:fs';
import type { Logger } from 'pino';
import { parseCalendarYear, workingCalendarOf, type CalendarYear } from '../shared/domain/calendar-file';
import type { WorkingCalendar } from '../shared/domain/calendar';
import type { EngineHost } from './engine/engine-host';
import { publishCalendarYear, readCalendarYear, readCalendarYears, sameCalendar } from './store/calendar-store';
import type { SqlClient } from './store/sql-client';

/**
 * `hankou house serve --calendar FILE`: a year of the working-day calendar loaded at start.
 * A bad file stops the start with the reason (better than a house that silently rolls onto a
 * holiday); the same file again changes nothing and is not audited again.
 */
export function readCalendarFile(path: string): CalendarYear {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`cannot read the calendar file ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    return parseCalendarYear(text);
  } catch (error) {
    throw new Error(`${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** The calendar a brand-new ledger picks its first business date by: stored years, the file's year replaced. */
export async function startingCalendar(db: SqlClient, file: CalendarYear | undefined): Promise<WorkingCalendar> {
  const years = (await readCalendarYears(db)).filter((y) => y.year !== file?.year);
  return workingCalendarOf(file ? [...years, file] : years);
}

export async function loadCalendarAtStart(host: EngineHost, db: SqlClient, file: CalendarYear, path: string, logger: Logger): Promise<void> {
  if (sameCalendar(await readCalendarYear(db, file.year), file)) {
    logger.info({ year: file.year }, 'working calendar unchanged');
    return;
  }
  await publishCalendarYear(host, file, { actor: 'house-start', detail: { file: path } });
  logger.info({ year: file.year, holidays: file.holidays.length, workingWeekends: file.workingWeekends.length, source: file.source }, 'working calendar loaded');
}
