import { preparedOnce, type Db } from '../store/open-database';
import { customerTypeResolver } from './large-value-customer-type';
import { runDailyLargeValue } from './large-value-daily';
import { workingCalendar } from '../settings/working-calendar';

/** Working days of demo history the demo's daily runs cover: a week's worth, some of it overdue. */
export const DEMO_LARGE_VALUE_DAYS = 7;

const sql = preparedOnce((db) => ({
  reports: db.prepare<[], number>('SELECT count(*) FROM large_value_reports').pluck(),
  days: db.prepare<[number], string>('SELECT DISTINCT business_date FROM payments ORDER BY business_date DESC LIMIT ?').pluck(),
}));

/**
 * First demo start: the daily large-value runs for the last days of the demo history, as the
 * end-of-day job would have made them, so the screen has work in it. Does nothing once any
 * report exists.
 */
export function seedDemoLargeValue(db: Db, at: string): number {
  if ((sql(db).reports.get() ?? 0) > 0) return 0;
  let inserted = 0;
  for (const businessDate of sql(db).days.all(DEMO_LARGE_VALUE_DAYS)) {
    inserted += runDailyLargeValue(db, { businessDate, customerTypeOf: customerTypeResolver(), calendar: workingCalendar(db), actor: 'system', at }).inserted.length;
  }
  return inserted;
}
