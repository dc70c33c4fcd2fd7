import {
  SORTABLE_PAYMENT_COLUMNS,
  type HandlerInput,
  type PaymentFilterModel,
  type SortablePaymentColumn,
} from '../../../shared/contract';

/** Filters the toolbar above the grid adds (ag-grid Community has no set filter). */
export type ToolbarFilters = { status: string; kind: string; direction: string };
export const NO_TOOLBAR_FILTERS: ToolbarFilters = { status: '', kind: '', direction: '' };

const SORTABLE: ReadonlySet<string> = new Set(SORTABLE_PAYMENT_COLUMNS);

type GridRequest = {
  startRow: number;
  endRow: number;
  sortModel: readonly { colId: string; sort: 'asc' | 'desc' }[];
  filterModel: unknown;
};

/**
 * ag-grid's getRows params -> 'payments.page' input. The grid's own column filters pass through
 * as they are (the back end validates them against its indexed columns); the toolbar adds set
 * filters; only the first sort column is used (the back end sorts by one column).
 */
export function pageInput(request: GridRequest, toolbar: ToolbarFilters): HandlerInput<'payments.page'> {
  const first = request.sortModel.find((s) => SORTABLE.has(s.colId));
  const sortModel = first === undefined ? [] : [{ colId: first.colId as SortablePaymentColumn, sort: first.sort }];
  return { startRow: request.startRow, endRow: request.endRow, sortModel, filterModel: filterModel(request.filterModel, toolbar) };
}

export function filterModel(gridFilter: unknown, toolbar: ToolbarFilters): PaymentFilterModel {
  const model = { ...((gridFilter ?? {}) as PaymentFilterModel) };
  if (toolbar.status !== '') model.status = { filterType: 'set', values: [toolbar.status as never] };
  if (toolbar.kind !== '') model.kind = { filterType: 'set', values: [toolbar.kind as never] };
  if (toolbar.direction !== '') model.direction = { filterType: 'set', values: [toolbar.direction as never] };
  return model;
}
