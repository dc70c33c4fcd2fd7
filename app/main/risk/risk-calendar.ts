import type { Db } from '../store/open-database';
import { workingCalendar } from '../settings/working-calendar';

/**
 * The off-hours rule's view of the clearing centre's calendar (docs/calendar.md), as the house
 * last published it: holidays are off-hours all day, declared working weekends are not.
 */
export function calendarContext(db: Db): { holidays: string[]; workingWeekends: string[] } {
  const calendar = workingCalendar(db);
  return { holidays: [...calendar.holidays.keys()], workingWeekends: [...calendar.workingWeekends.keys()] };
}
