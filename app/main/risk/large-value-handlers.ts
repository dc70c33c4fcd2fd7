import type { HandlerContext, HandlerImpls } from '../handler-context';
import { requireSession } from '../handler-context';
import { requireSetting } from '../settings/settings';
import { UserError } from '../user-error';
import { CLEARING_CENTRE_UTC_OFFSET_MS } from '../../shared/domain/calendar';
import { LARGE_VALUE_EXPORT_MAX_REPORTS } from '../../shared/contract/handlers/large-value';
import { workingCalendar } from '../settings/working-calendar';
import { customerTypeResolver } from './large-value-customer-type';
import { runDailyLargeValue } from './large-value-daily';
import { largeValuePage, largeValuePayments, largeValueRow } from './large-value-queries';
import { exportLargeValueReports, findLargeValueReport, openLargeValueReports, reviewLargeValueReport, submitLargeValueReport } from './large-value-store';

/**
 * The large-value screen's handlers (app/shared/contract/handlers/large-value.ts). Every change
 * is audited in its store function. Working days are the house's calendar as last synced
 * (settings/working-calendar.ts); before any arrived, Monday to Friday.
 */

const today = (ctx: HandlerContext) => requireSetting(ctx.services.db, 'business_date');

function mustFind(ctx: HandlerContext, reportId: string) {
  const report = findLargeValueReport(ctx.services.db, reportId);
  if (report === null) throw new UserError('not_found', `No large-value report ${reportId}.`, `大额交易报告 ${reportId} 不存在。`);
  return report;
}

export const largeValueImpls: HandlerImpls<'risk.largeValue.page' | 'risk.largeValue.get' | 'risk.largeValue.generate' | 'risk.largeValue.export' | 'risk.largeValue.markFiled'> = {
  'risk.largeValue.page'(ctx, input) {
    const day = today(ctx);
    return { ...largeValuePage(ctx.services.db, input.filter, input.limit, day), today: day };
  },
  'risk.largeValue.get'(ctx, input) {
    const { db } = ctx.services;
    const report = mustFind(ctx, input.reportId);
    return { report: largeValueRow(db, report, today(ctx)), ...largeValuePayments(db, report) };
  },
  'risk.largeValue.generate'(ctx, input) {
    const businessDate = input.businessDate ?? today(ctx);
    const result = runDailyLargeValue(ctx.services.db, {
      businessDate, customerTypeOf: customerTypeResolver(), calendar: workingCalendar(ctx.services.db), actor: requireSession(ctx).username, at: ctx.at,
    });
    return { businessDate, inserted: result.inserted.length, refreshed: result.refreshed.length, changedAfterReview: result.changedAfterReview };
  },
  'risk.largeValue.export'(ctx, input) {
    const { db } = ctx.services;
    const actor = requireSession(ctx).username;
    const ids = input.reportIds !== undefined ? [...new Set(input.reportIds)] : openLargeValueReports(db).slice(0, LARGE_VALUE_EXPORT_MAX_REPORTS).map((r) => r.reportId);
    if (ids.length === 0) throw new UserError('nothing_to_export', 'There are no pending large-value reports to export.', '没有待报送的大额交易报告可导出。');
    const csv = db.transaction(() => {
      for (const id of ids) {
        const report = mustFind(ctx, id);
        if (report.status === 'submitted') {
          throw new UserError('already_filed', `Report ${id} is already filed (${report.submissionRef ?? ''}); it is not exported again.`, `报告 ${id} 已报送（回执 ${report.submissionRef ?? ''}），不再导出。`);
        }
        // Exporting is the officer's review of the rows they chose: recorded as such, by name.
        if (report.status === 'generated') reviewLargeValueReport(db, { reportId: id, actor, at: ctx.at });
      }
      return exportLargeValueReports(db, { reportIds: ids, format: 'csv', actor, at: ctx.at });
    })();
    // Named in Wuhan time, as the officer reads the clock.
    const stamp = `${new Date(Date.parse(ctx.at) + CLEARING_CENTRE_UTC_OFFSET_MS).toISOString().replace(/[-:]/g, '').slice(0, 15)}+0800`;
    return { fileName: `large-value-reports-${stamp}.csv`, csv, count: ids.length, reportIds: ids };
  },
  'risk.largeValue.markFiled'(ctx, input) {
    const { db } = ctx.services;
    const report = mustFind(ctx, input.reportId);
    if (report.status === 'submitted') {
      throw new UserError(
        'already_filed',
        `Report ${report.reportId} was already filed at ${report.submittedAt ?? '?'} with reference ${report.submissionRef ?? '?'}; it cannot be filed again.`,
        `报告 ${report.reportId} 已于 ${report.submittedAt ?? '?'} 报送，回执编号 ${report.submissionRef ?? '?'}，不能重复登记。`,
      );
    }
    if (report.status !== 'exported') {
      throw new UserError('not_exported', `Report ${report.reportId} has not been exported yet; export it before recording the filing.`, `报告 ${report.reportId} 尚未导出，请先导出再登记报送。`);
    }
    const filed = submitLargeValueReport(db, { reportId: report.reportId, submissionRef: input.filingRef, actor: requireSession(ctx).username, at: ctx.at });
    return { report: largeValueRow(db, filed, today(ctx)) };
  },
};
