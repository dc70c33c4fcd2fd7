import { nextWorkingDay, type WorkingCalendar } from '../../shared/domain/calendar';

/** Without a centre schedule the interbank cut-off is 17:00 Beijing time (docs/centre.md's default). */
export const DEFAULT_INTERBANK_CUTOFF = '17:00';

/**
 * 查复时限: an inquiry asked on `businessDate` is answered by the next working day's interbank
 * cut-off on the house calendar (CNAPS asks for a reply by the next working day). Beijing time.
 */
export function answerDueBy(businessDate: string, calendar: WorkingCalendar, cutoffFor: (date: string) => string | undefined): string {
  const day = nextWorkingDay(businessDate, calendar);
  return `${day}T${cutoffFor(day) ?? DEFAULT_INTERBANK_CUTOFF}+08:00`;
}
