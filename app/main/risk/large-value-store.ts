import { appendAudit } from '../audit/audit-log';
import { preparedOnce, type Db } from '../store/open-database';
import { UserError } from '../user-error';
import { canAdvanceReport, type LargeValueReport, type LargeValueStatus } from '../../shared/risk/large-value/detect-large-value';
import { largeValueReportsToCsv, largeValueReportsToXml } from '../../shared/risk/large-value/large-value-export';
import type { LargeValueCategory } from '../../shared/risk/large-value/large-value-rules';

/**
 * Large-value reports from generation to submission. Generation is re-runnable: a report still
 * `generated` is refreshed with the day's figures; one already reviewed is never changed
 * silently — a difference is returned so the officer can see the day's data moved.
 */
export interface StoredLargeValueReport extends LargeValueReport {
  status: LargeValueStatus;
  generatedAt: string;
  reviewedBy: string | null;
  reviewedAt: string | null;
  exportedAt: string | null;
  submittedAt: string | null;
  submissionRef: string | null;
}

export interface LargeValueDbRow {
  report_id: string;
  business_date: string;
  due_date: string;
  customer_id: string;
  customer_name: string;
  customer_type: 'individual' | 'corporate';
  category: LargeValueCategory;
  direction: 'in' | 'out';
  total_minor: bigint;
  threshold_minor: bigint;
  single: bigint;
  transaction_ids: string;
  status: LargeValueStatus;
  generated_at: string;
  reviewed_by: string | null;
  reviewed_at: string | null;
  exported_at: string | null;
  submitted_at: string | null;
  submission_ref: string | null;
}

const sql = preparedOnce((db) => ({
  byId: db.prepare<[string], LargeValueDbRow>('SELECT * FROM large_value_reports WHERE report_id = ?').safeIntegers(),
  insert: db.prepare(
    `INSERT INTO large_value_reports (report_id, business_date, due_date, customer_id, customer_name, customer_type, category, direction,
       total_minor, threshold_minor, single, transaction_ids, status, generated_at)
     VALUES (@reportId, @businessDate, @dueDate, @customerId, @customerName, @customerType, @category, @direction,
       @totalMinor, @thresholdMinor, @single, @transactionIds, 'generated', @generatedAt)`,
  ),
  refresh: db.prepare(
    `UPDATE large_value_reports SET due_date = @dueDate, customer_name = @customerName, total_minor = @totalMinor, single = @single,
       transaction_ids = @transactionIds, generated_at = @generatedAt WHERE report_id = @reportId AND status = 'generated'`,
  ),
  review: db.prepare("UPDATE large_value_reports SET status = 'reviewed', reviewed_by = ?, reviewed_at = ? WHERE report_id = ? AND status = 'generated'"),
  exported: db.prepare("UPDATE large_value_reports SET status = 'exported', exported_at = ? WHERE report_id = ? AND status IN ('reviewed', 'exported')"),
  submit: db.prepare("UPDATE large_value_reports SET status = 'submitted', submitted_at = ?, submission_ref = ? WHERE report_id = ? AND status = 'exported'"),
  open: db.prepare<[], LargeValueDbRow>("SELECT * FROM large_value_reports WHERE status <> 'submitted' ORDER BY due_date, report_id").safeIntegers(),
  byDate: db.prepare<[string], LargeValueDbRow>('SELECT * FROM large_value_reports WHERE business_date = ? ORDER BY report_id').safeIntegers(),
}));

/** A stored row as the report it holds (for the screen's own queries). */
export function toStoredReport(row: LargeValueDbRow): StoredLargeValueReport {
  return {
    reportId: row.report_id,
    businessDate: row.business_date,
    dueDate: row.due_date,
    customerId: row.customer_id,
    customerName: row.customer_name,
    customerType: row.customer_type,
    category: row.category,
    direction: row.direction,
    totalMinor: BigInt(row.total_minor),
    thresholdMinor: BigInt(row.threshold_minor),
    single: Number(row.single) === 1,
    transactionIds: JSON.parse(row.transaction_ids) as string[],
    status: row.status,
    generatedAt: row.generated_at,
    reviewedBy: row.reviewed_by,
    reviewedAt: row.reviewed_at,
    exportedAt: row.exported_at,
    submittedAt: row.submitted_at,
    submissionRef: row.submission_ref,
  };
}

const sameFigures = (a: LargeValueReport, b: LargeValueReport) =>
  a.totalMinor === b.totalMinor && a.transactionIds.join('\n') === b.transactionIds.join('\n');

/** Stores the day's detected reports. Returns what was new, refreshed, and reviewed-but-changed. */
export function saveLargeValueReports(db: Db, reports: readonly LargeValueReport[], input: { actor: string; at: string }) {
  const result = { inserted: [] as string[], refreshed: [] as string[], changedAfterReview: [] as string[] };
  db.transaction(() => {
    for (const r of reports) {
      const params = { ...r, single: r.single ? 1 : 0, transactionIds: JSON.stringify(r.transactionIds), generatedAt: input.at };
      const existing = sql(db).byId.get(r.reportId);
      if (existing === undefined) {
        sql(db).insert.run(params);
        result.inserted.push(r.reportId);
      } else if (!sameFigures(toStoredReport(existing), r)) {
        if (existing.status === 'generated') {
          sql(db).refresh.run(params);
          result.refreshed.push(r.reportId);
        } else result.changedAfterReview.push(r.reportId);
      }
    }
    appendAudit(db, { at: input.at, actor: input.actor, action: 'risk.large_value.generate', entity: 'large_value_reports', entityId: input.at, detail: result });
  })();
  return result;
}

function mustGet(db: Db, reportId: string): StoredLargeValueReport {
  const row = sql(db).byId.get(reportId);
  if (row === undefined) throw new UserError('not_found', `no large-value report ${reportId}`, `大额交易报告 ${reportId} 不存在`);
  return toStoredReport(row);
}

function refuseStep(report: StoredLargeValueReport, to: LargeValueStatus): void {
  if (!canAdvanceReport(report.status, to)) {
    throw new UserError('bad_transition', `report ${report.reportId} is ${report.status}; it cannot become ${to}`, `报告 ${report.reportId} 当前为 ${report.status}，不能改为 ${to}`);
  }
}

export function reviewLargeValueReport(db: Db, input: { reportId: string; actor: string; at: string }): StoredLargeValueReport {
  return db.transaction(() => {
    refuseStep(mustGet(db, input.reportId), 'reviewed');
    sql(db).review.run(input.actor, input.at, input.reportId);
    appendAudit(db, { at: input.at, actor: input.actor, action: 'risk.large_value.review', entity: 'large_value_report', entityId: input.reportId, detail: {} });
    return mustGet(db, input.reportId);
  })();
}

/** Exports reviewed reports (CSV or XML) and marks them exported; all or none. */
export function exportLargeValueReports(db: Db, input: { reportIds: string[]; format: 'csv' | 'xml'; actor: string; at: string }): string {
  return db.transaction(() => {
    const reports = input.reportIds.map((id) => mustGet(db, id));
    for (const r of reports) refuseStep(r, 'exported');
    for (const r of reports) sql(db).exported.run(input.at, r.reportId);
    appendAudit(db, { at: input.at, actor: input.actor, action: 'risk.large_value.export', entity: 'large_value_reports', entityId: input.at, detail: { format: input.format, reportIds: input.reportIds } });
    return input.format === 'csv' ? largeValueReportsToCsv(reports) : largeValueReportsToXml(reports, input.at);
  })();
}

/** Records the regulator's acknowledgement; the reference is required. */
export function submitLargeValueReport(db: Db, input: { reportId: string; submissionRef: string; actor: string; at: string }): StoredLargeValueReport {
  const ref = input.submissionRef.trim();
  if (ref === '') throw new UserError('reference_required', 'the submission reference is required', '请填写报送回执编号');
  return db.transaction(() => {
    refuseStep(mustGet(db, input.reportId), 'submitted');
    sql(db).submit.run(input.at, ref, input.reportId);
    appendAudit(db, { at: input.at, actor: input.actor, action: 'risk.large_value.submit', entity: 'large_value_report', entityId: input.reportId, detail: { submissionRef: ref } });
    return mustGet(db, input.reportId);
  })();
}

/** Reports not yet submitted, soonest due first. */
export function openLargeValueReports(db: Db): StoredLargeValueReport[] {
  return sql(db).open.all().map(toStoredReport);
}

export function largeValueReportsForDate(db: Db, businessDate: string): StoredLargeValueReport[] {
  return sql(db).byDate.all(businessDate).map(toStoredReport);
}

/** One report, or null. */
export function findLargeValueReport(db: Db, reportId: string): StoredLargeValueReport | null {
  const row = sql(db).byId.get(reportId);
  return row === undefined ? null : toStoredReport(row);
}
