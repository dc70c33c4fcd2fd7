import { z } from 'zod';
import type { Role } from '../../domain/operator';
import { LARGE_VALUE_CATEGORIES } from '../../risk/large-value/large-value-rules';
import { LARGE_VALUE_STATUSES } from '../../risk/large-value/detect-large-value';
import { isoDateSchema, type HandlerSpec } from './common';

/**
 * The compliance officer's large-value report screen (PBoC Order [2016] No. 3, DESIGN §7).
 * Risk officers prepare, export and file; auditors may read (they check the filing record),
 * nobody else sees customers' large transactions. Amounts are decimal strings (CNY).
 */
const LV_READERS: readonly Role[] = ['risk', 'auditor'];
const LV_FILERS: readonly Role[] = ['risk'];

/** Most rows one page answers; the screen narrows by filter rather than scroll further. */
export const LARGE_VALUE_PAGE_MAX_ROWS = 1000;
/** Most reports one export file holds; more pending ones go in further files. */
export const LARGE_VALUE_EXPORT_MAX_REPORTS = 500;

/** pending: not yet filed with the PBoC (generated, reviewed or exported); filed: submitted. */
export const LARGE_VALUE_FILTER_STATUSES = ['pending', 'filed', 'all'] as const;

const reportId = z.string().min(1).max(200);

export const largeValueFilterSchema = z
  .object({
    status: z.enum(LARGE_VALUE_FILTER_STATUSES).default('pending'),
    /** Business dates of the transactions, inclusive. */
    from: isoDateSchema.optional(),
    to: isoDateSchema.optional(),
    /** Part of the customer's name or account/id (case-insensitive). */
    customer: z.string().trim().min(1).max(64).optional(),
  })
  .strict()
  .refine((f) => f.from === undefined || f.to === undefined || f.from <= f.to, { message: 'from must not be after to', path: ['to'] });
export type LargeValueFilter = z.infer<typeof largeValueFilterSchema>;

export const largeValueRowSchema = z
  .object({
    reportId: z.string(),
    businessDate: z.string(),
    dueDate: z.string(),
    /** Working days from today's business date to the due date; negative when overdue. */
    workingDaysLeft: z.number().int(),
    overdue: z.boolean(),
    customerId: z.string(),
    customerName: z.string(),
    customerType: z.enum(['individual', 'corporate']),
    category: z.enum(LARGE_VALUE_CATEGORIES),
    direction: z.enum(['in', 'out']),
    totalAmount: z.string(),
    thresholdAmount: z.string(),
    single: z.boolean(),
    transactionCount: z.number().int().positive(),
    status: z.enum(LARGE_VALUE_STATUSES),
    reviewedBy: z.string().nullable(),
    exportedAt: z.string().nullable(),
    filedAt: z.string().nullable(),
    filedBy: z.string().nullable(),
    filingRef: z.string().nullable(),
  })
  .strict();
export type LargeValueRow = z.infer<typeof largeValueRowSchema>;

/** A payment that counted towards a report. */
export const largeValuePaymentSchema = z
  .object({
    id: z.string(),
    kind: z.string(),
    status: z.string(),
    direction: z.enum(['in', 'out']),
    amount: z.string(),
    debtorName: z.string(),
    debtorAccount: z.string(),
    creditorName: z.string(),
    creditorAccount: z.string(),
    purpose: z.string(),
    createdAt: z.string(),
  })
  .strict();
export type LargeValuePayment = z.infer<typeof largeValuePaymentSchema>;

export const largeValueHandlers = {
  /** Reports matching the filter, soonest due first; `today` is the business date the days are counted from. */
  'risk.largeValue.page': {
    input: z.object({ filter: largeValueFilterSchema.default({ status: 'pending' }), limit: z.number().int().min(1).max(LARGE_VALUE_PAGE_MAX_ROWS).default(500) }).strict(),
    output: z.object({ rows: z.array(largeValueRowSchema), total: z.number().int().nonnegative(), today: z.string() }).strict(),
    roles: LV_READERS,
  },
  /** One report and the payments that made it up (ids from other sources, e.g. the core banking feed, are listed as missing). */
  'risk.largeValue.get': {
    input: z.object({ reportId }).strict(),
    output: z.object({ report: largeValueRowSchema, payments: z.array(largeValuePaymentSchema), missingIds: z.array(z.string()) }).strict(),
    roles: LV_READERS,
  },
  /**
   * The daily run for one business date (default: today's): detects and stores the reports
   * from the payments that moved money. Re-runnable; a report already reviewed is not altered.
   */
  'risk.largeValue.generate': {
    input: z.object({ businessDate: isoDateSchema.optional() }).strict(),
    output: z.object({ businessDate: z.string(), inserted: z.number().int(), refreshed: z.number().int(), changedAfterReview: z.array(z.string()) }).strict(),
    roles: LV_FILERS, activity: true,
  },
  /**
   * CSV (docs/risk.md §3 columns) of the reports named, or of every pending one when none are
   * named, at most LARGE_VALUE_EXPORT_MAX_REPORTS. The exporting officer is recorded as having
   * reviewed the rows not yet reviewed; all are marked exported, all or none, audited.
   */
  'risk.largeValue.export': {
    input: z.object({ reportIds: z.array(reportId).max(LARGE_VALUE_EXPORT_MAX_REPORTS).optional() }).strict(),
    output: z.object({ fileName: z.string(), csv: z.string(), count: z.number().int().nonnegative(), reportIds: z.array(z.string()) }).strict(),
    roles: LV_FILERS, activity: true,
  },
  /** Records the PBoC system's receipt number for an exported report: who filed it and when. Refused if already filed. */
  'risk.largeValue.markFiled': {
    input: z.object({ reportId, filingRef: z.string().trim().min(1, { message: 'the filing reference is required' }).max(64) }).strict(),
    output: z.object({ report: largeValueRowSchema }).strict(),
    roles: LV_FILERS, activity: true,
  },
} as const satisfies Record<string, HandlerSpec>;
