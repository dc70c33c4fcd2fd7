import { preparedOnce, type Db } from '../store/open-database';
import { addDays, isWorkingDay, type CalendarInput, type WorkingCalendar } from '../../shared/domain/calendar';
import { workingCalendar } from '../settings/working-calendar';
import { formatAmount } from '../../shared/money/format';
import type { LargeValueFilter, LargeValuePayment, LargeValueRow } from '../../shared/contract/handlers/large-value';
import { isReportOverdue } from '../../shared/risk/large-value/detect-large-value';
import type { StoredLargeValueReport } from './large-value-store';
import { toStoredReport, type LargeValueDbRow } from './large-value-store';

/**
 * The large-value screen's reads: the filtered list (soonest due first), one report's
 * payments, and who filed a report (the audit trail is the record of the filer; the table
 * keeps the reference and time).
 */
const sql = preparedOnce((db) => {
  const where = `WHERE (@status = 'all' OR (@status = 'filed') = (status = 'submitted'))
      AND (@from IS NULL OR business_date >= @from) AND (@to IS NULL OR business_date <= @to)
      AND (@customer IS NULL OR instr(lower(customer_name), lower(@customer)) > 0 OR instr(lower(customer_id), lower(@customer)) > 0)`;
  return {
    page: db.prepare<[Params], LargeValueDbRow>(`SELECT * FROM large_value_reports ${where} ORDER BY due_date, report_id LIMIT @limit`).safeIntegers(),
    count: db.prepare<[Omit<Params, 'limit'>], number>(`SELECT count(*) FROM large_value_reports ${where}`).pluck(),
    filer: db.prepare<[string], string>("SELECT actor FROM audit_log WHERE action = 'risk.large_value.submit' AND entity_id = ? ORDER BY seq DESC LIMIT 1").pluck(),
    payment: db.prepare<[string], PaymentRead>(
      `SELECT id, kind, status, direction, amount_minor, debtor_name, debtor_account, creditor_name, creditor_account, purpose, created_at
         FROM payments WHERE id = ?`,
    ).safeIntegers(),
  };
});

interface Params {
  status: LargeValueFilter['status'];
  from: string | null;
  to: string | null;
  customer: string | null;
  limit: number;
}

interface PaymentRead {
  id: string;
  kind: string;
  status: string;
  direction: 'in' | 'out';
  amount_minor: bigint;
  debtor_name: string;
  debtor_account: string;
  creditor_name: string;
  creditor_account: string;
  purpose: string;
  created_at: string;
}

/**
 * Working days from `today` to `due`: 0 on the due date itself, 1 the working day before,
 * negative once past (-1 the first working day after). Non-working days of the calendar do not count.
 */
export function workingDaysUntil(today: string, due: string, calendar: CalendarInput = new Set()): number {
  const [from, to, sign] = today <= due ? [today, due, 1] : [due, today, -1];
  let days = 0;
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (isWorkingDay(d, calendar)) days += 1;
  return sign * days;
}

export function largeValueRow(db: Db, report: StoredLargeValueReport, today: string, calendar: WorkingCalendar = workingCalendar(db)): LargeValueRow {
  return {
    reportId: report.reportId,
    businessDate: report.businessDate,
    dueDate: report.dueDate,
    workingDaysLeft: workingDaysUntil(today, report.dueDate, calendar),
    overdue: isReportOverdue(report, report.status, today),
    customerId: report.customerId,
    customerName: report.customerName,
    customerType: report.customerType,
    category: report.category,
    direction: report.direction,
    totalAmount: formatAmount(report.totalMinor, 'CNY'),
    thresholdAmount: formatAmount(report.thresholdMinor, 'CNY'),
    single: report.single,
    transactionCount: report.transactionIds.length,
    status: report.status,
    reviewedBy: report.reviewedBy,
    exportedAt: report.exportedAt,
    filedAt: report.submittedAt,
    filedBy: report.status === 'submitted' ? (sql(db).filer.get(report.reportId) ?? null) : null,
    filingRef: report.submissionRef,
  };
}

export function largeValuePage(db: Db, filter: LargeValueFilter, limit: number, today: string) {
  const params = { status: filter.status, from: filter.from ?? null, to: filter.to ?? null, customer: filter.customer ?? null };
  const calendar = workingCalendar(db);
  const rows = sql(db).page.all({ ...params, limit }).map((r) => largeValueRow(db, toStoredReport(r), today, calendar));
  return { rows, total: sql(db).count.get(params) ?? 0 };
}

/** The report's payments found in this console, and the ids that are not (other sources). */
export function largeValuePayments(db: Db, report: StoredLargeValueReport): { payments: LargeValuePayment[]; missingIds: string[] } {
  const payments: LargeValuePayment[] = [];
  const missingIds: string[] = [];
  for (const id of report.transactionIds) {
    const p = sql(db).payment.get(id);
    if (p === undefined) {
      missingIds.push(id);
      continue;
    }
    payments.push({
      id: p.id, kind: p.kind, status: p.status, direction: p.direction, amount: formatAmount(BigInt(p.amount_minor), 'CNY'),
      debtorName: p.debtor_name, debtorAccount: p.debtor_account, creditorName: p.creditor_name, creditorAccount: p.creditor_account,
      purpose: p.purpose, createdAt: p.created_at,
    });
  }
  return { payments, missingIds };
}
