import { z } from 'zod';
import { addWorkingDays, type CalendarInput } from '../../domain/calendar';
import { businessDateSchema, customerTypeSchema } from '../rules/risk-input';
import {
  LARGE_VALUE_REPORT_WORKING_DAYS,
  LARGE_VALUE_THRESHOLD_MINOR,
  type LargeValueCategory,
  largeValueCategory,
} from './large-value-rules';

export const largeValueTransactionSchema = z
  .object({
    id: z.string().min(1).max(64),
    customerId: z.string().min(1).max(64),
    customerName: z.string().min(1).max(140),
    customerType: customerTypeSchema,
    businessDate: businessDateSchema,
    /** in: money received by the customer; out: money paid by the customer. */
    direction: z.enum(['in', 'out']),
    channel: z.enum(['cash', 'transfer']),
    crossBorder: z.boolean(),
    amountMinor: z.bigint().positive(),
  })
  .strict();
export type LargeValueTransaction = z.output<typeof largeValueTransactionSchema>;

export interface LargeValueReport {
  /** Stable: the same day's data always gives the same ids, so regenerating does not duplicate. */
  reportId: string;
  businessDate: string;
  dueDate: string;
  customerId: string;
  customerName: string;
  customerType: LargeValueTransaction['customerType'];
  category: LargeValueCategory;
  direction: LargeValueTransaction['direction'];
  totalMinor: bigint;
  thresholdMinor: bigint;
  /** True when one transaction alone reached the threshold; false when only the day's sum did. */
  single: boolean;
  transactionIds: string[];
}

/**
 * The large-value reports for the transactions given (any number of days): per customer, per
 * day, per article 5 category and per direction, the day's total against the threshold. Every
 * transaction of a reportable group is listed in the report.
 */
export function detectLargeValue(transactions: readonly LargeValueTransaction[], calendar: CalendarInput = new Set()): LargeValueReport[] {
  const groups = new Map<string, { first: LargeValueTransaction; category: LargeValueCategory; items: LargeValueTransaction[] }>();
  const customerTypes = new Map<string, LargeValueTransaction['customerType']>();
  for (const tx of transactions) {
    // The thresholds depend on the customer type: a customer recorded as both is a data error.
    const knownType = customerTypes.get(tx.customerId);
    if (knownType === undefined) customerTypes.set(tx.customerId, tx.customerType);
    else if (knownType !== tx.customerType) {
      throw new Error(`customer ${tx.customerId} appears as both ${knownType} and ${tx.customerType}`);
    }
    const category = largeValueCategory(tx);
    const key = JSON.stringify([tx.businessDate, tx.customerId, category, tx.direction]);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, { first: tx, category, items: [tx] });
    else group.items.push(tx);
  }
  const reports: LargeValueReport[] = [];
  for (const { first, category, items } of groups.values()) {
    const thresholdMinor = LARGE_VALUE_THRESHOLD_MINOR[category];
    const totalMinor = items.reduce((sum, tx) => sum + tx.amountMinor, 0n);
    if (totalMinor < thresholdMinor) continue;
    reports.push({
      reportId: `LV-${first.businessDate}-${first.customerId}-${category}-${first.direction}`,
      businessDate: first.businessDate,
      dueDate: addWorkingDays(first.businessDate, LARGE_VALUE_REPORT_WORKING_DAYS, calendar),
      customerId: first.customerId,
      customerName: first.customerName,
      customerType: first.customerType,
      category,
      direction: first.direction,
      totalMinor,
      thresholdMinor,
      single: items.some((tx) => tx.amountMinor >= thresholdMinor),
      transactionIds: items.map((tx) => tx.id).sort(),
    });
  }
  return reports.sort((a, b) => (a.reportId < b.reportId ? -1 : a.reportId > b.reportId ? 1 : 0));
}

/** Where a report is on its way to the regulator; it moves forward only. */
export const LARGE_VALUE_STATUSES = ['generated', 'reviewed', 'exported', 'submitted'] as const;
export type LargeValueStatus = (typeof LARGE_VALUE_STATUSES)[number];

export function canAdvanceReport(from: LargeValueStatus, to: LargeValueStatus): boolean {
  const i = LARGE_VALUE_STATUSES.indexOf(from);
  const j = LARGE_VALUE_STATUSES.indexOf(to);
  // Exporting again after an export is allowed (a lost file); skipping review is not.
  return j === i + 1 || (from === 'exported' && to === 'exported');
}

/** True when the report is past its due date on `today` and not yet submitted. */
export function isReportOverdue(report: Pick<LargeValueReport, 'dueDate'>, status: LargeValueStatus, today: string): boolean {
  return status !== 'submitted' && today > report.dueDate;
}
