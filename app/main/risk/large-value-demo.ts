import { preparedOnce, type Db } from '../store/open-database';
import { customerTypeResolver } from './large-value-customer-type';
import { runDailyLargeValue } from './large-value-daily';
import { workingCalendar } from '../settings/working-calendar';
import { exportLargeValueReports, openLargeValueReports, reviewLargeValueReport, submitLargeValueReport } from './large-value-store';

/** The demo's risk officer, who filed the reports that were due before today (on time, as a bank must). */
const DEMO_FILER = 'risk1';

/** Working days of demo history the demo's daily runs cover: a week's worth, some of it overdue. */
export const DEMO_LARGE_VALUE_DAYS = 7;

const sql = preparedOnce((db) => ({
  reports: db.prepare<[], number>('SELECT count(*) FROM large_value_reports').pluck(),
  days: db.prepare<[number], string>('SELECT DISTINCT business_date FROM payments ORDER BY business_date DESC LIMIT ?').pluck(),
}));

/**
 * First demo start: the daily large-value runs for the last days of the demo history, as the
 * end-of-day job would have made them, so the screen has work in it. Reports already due before
 * today were filed by the demo's officer (reviewed, exported, receipt recorded): a bank files
 * within the five working days, so the pending list holds this week's work, not a wall of
 * overdue rows (issue 16). Does nothing once any report exists.
 */
export function seedDemoLargeValue(db: Db, at: string): number {
  if ((sql(db).reports.get() ?? 0) > 0) return 0;
  const days = sql(db).days.all(DEMO_LARGE_VALUE_DAYS);
  let inserted = 0;
  for (const businessDate of days) {
    inserted += runDailyLargeValue(db, { businessDate, customerTypeOf: customerTypeResolver(), calendar: workingCalendar(db), actor: 'system', at }).inserted.length;
  }
  const today = days[0];
  if (today !== undefined) {
    const due = openLargeValueReports(db).filter((r) => r.dueDate < today);
    db.transaction(() => {
      for (const report of due) reviewLargeValueReport(db, { reportId: report.reportId, actor: DEMO_FILER, at });
      if (due.length > 0) exportLargeValueReports(db, { reportIds: due.map((r) => r.reportId), format: 'csv', actor: DEMO_FILER, at });
      due.forEach((report, i) => submitLargeValueReport(db, { reportId: report.reportId, submissionRef: `PBOC-DEMO-${String(i + 1).padStart(4, '0')}`, actor: DEMO_FILER, at }));
    })();
  }
  return inserted;
}
