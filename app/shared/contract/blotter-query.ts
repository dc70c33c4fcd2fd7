import { z } from 'zod';
import { PAYMENT_KINDS, PAYMENT_STATUSES } from '../domain/payment';

/**
 * The blotter's query model. It mirrors ag-grid's infinite row model (startRow, endRow,
 * sortModel, filterModel) but only with the columns and filter types the back end can serve
 * from an index at 1,000,000 rows. ag-grid Community has no set filter: the renderer supplies
 * a small custom filter producing `{filterType:'set', values}`. Text filters match a prefix
 * ('startsWith') or the whole value ('equals'); there is no 'contains' (it cannot use an index).
 * Only one condition per column (set maxNumConditions: 1 in the grid).
 */
export const SORTABLE_PAYMENT_COLUMNS = [
  'createdAt',
  'updatedAt',
  'businessDate',
  'id',
  'amount',
  'status',
  'kind',
  'priority',
  'counterparty',
  'counterpartyName',
] as const;
export type SortablePaymentColumn = (typeof SORTABLE_PAYMENT_COLUMNS)[number];

/** The default order of the blotter: newest first. */
export const DEFAULT_PAYMENT_SORT = [{ colId: 'createdAt', sort: 'desc' }] as const;

/** Largest page a caller may ask for in one call. */
export const MAX_PAGE_ROWS = 1000;

const setFilter = <T extends readonly [string, ...string[]]>(values: T) =>
  z.object({ filterType: z.literal('set'), values: z.array(z.enum(values)).max(values.length) }).strict();

const textFilter = z
  .object({
    filterType: z.literal('text'),
    type: z.enum(['startsWith', 'equals']),
    filter: z.string().min(1).max(140),
  })
  .strict();

/** ag-grid's number filter sends numbers; we also take decimal strings. Converted without floats. */
const amountValue = z.union([z.string().max(24), z.number().finite()]);
const amountFilter = z
  .object({
    filterType: z.literal('number'),
    type: z.enum(['equals', 'greaterThan', 'greaterThanOrEqual', 'lessThan', 'lessThanOrEqual', 'inRange']),
    filter: amountValue,
    filterTo: amountValue.nullable().optional(),
  })
  .strict();

/** ag-grid's date filter sends 'YYYY-MM-DD hh:mm:ss'; only the date part is used. Bounds are inclusive for inRange. */
const dateValue = z.string().regex(/^\d{4}-\d{2}-\d{2}( \d{2}:\d{2}:\d{2})?$/, { message: 'date must be YYYY-MM-DD' });
const dateFilter = z
  .object({
    filterType: z.literal('date'),
    type: z.enum(['equals', 'greaterThan', 'lessThan', 'inRange']),
    dateFrom: dateValue,
    dateTo: dateValue.nullable().optional(),
  })
  .strict();

export const paymentFilterModelSchema = z
  .object({
    id: textFilter.optional(),
    counterpartyName: textFilter.optional(),
    status: setFilter(PAYMENT_STATUSES).optional(),
    kind: setFilter(PAYMENT_KINDS).optional(),
    direction: setFilter(['out', 'in'] as const).optional(),
    priority: setFilter(['0', '1', '2'] as const).optional(),
    /** Counterparty participant ids (the other bank). */
    counterparty: z.object({ filterType: z.literal('set'), values: z.array(z.string().max(32)).max(100) }).strict().optional(),
    amount: amountFilter.optional(),
    businessDate: dateFilter.optional(),
  })
  .strict();
export type PaymentFilterModel = z.infer<typeof paymentFilterModelSchema>;

export const paymentSortModelSchema = z
  .array(z.object({ colId: z.enum(SORTABLE_PAYMENT_COLUMNS), sort: z.enum(['asc', 'desc']) }).strict())
  .max(1, { message: 'sort by one column at a time' });
export type PaymentSortModel = z.infer<typeof paymentSortModelSchema>;

export const paymentPageInputSchema = z
  .object({
    startRow: z.number().int().nonnegative(),
    endRow: z.number().int().positive(),
    sortModel: paymentSortModelSchema.default([]),
    filterModel: paymentFilterModelSchema.default({}),
  })
  .strict()
  .refine((q) => q.endRow > q.startRow && q.endRow - q.startRow <= MAX_PAGE_ROWS, {
    message: `endRow must be after startRow, at most ${MAX_PAGE_ROWS} rows`,
    path: ['endRow'],
  });
export type PaymentPageInput = z.infer<typeof paymentPageInputSchema>;
