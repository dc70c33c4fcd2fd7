import type { ColDef, ValueFormatterParams } from 'ag-grid-community';
import type { TFunction } from 'i18next';
import type { PaymentRow } from '../../shared/contract';
import { groupedAmount, centreDateTime, CENTRE_ZONE_LABEL } from '../components/amount-text';
import { StatusChip } from '../components/StatusChip';

/**
 * Column definitions shared by the grids over `payments.page` (blotter, inbound): one place for
 * how a payment's field shows and filters, so the two grids cannot drift. Each screen picks its
 * columns, order, headers and widths.
 */

type Row = PaymentRow;
type Col = ColDef<Row>;
export type BankName = (id: string) => { name: string; bankCode: string } | undefined;

function StatusCell(props: { value?: string | null }) {
  return props.value == null ? null : <StatusChip status={props.value} />;
}

/** Prefix or whole-value matches only: the back end answers those from an index. */
export const TEXT_FILTER = {
  filter: 'agTextColumnFilter',
  floatingFilter: true,
  filterParams: { filterOptions: ['startsWith', 'equals'], maxNumConditions: 1, debounceMs: 350 },
} as const;

const text = (f: (v: string) => string) => (p: ValueFormatterParams<Row, string>) => (p.value == null ? '' : f(p.value));

/** A plain column; only columns the back end can sort by from an index are sortable. */
export function plainColumn(field: keyof Row, headerName: string, width: number, extra: Partial<Col> = {}): Col {
  return { field, headerName, width, sortable: false, ...extra };
}

/** Ids carry the device: HKB-F9C5E22A-20261126-00000001 must show whole. */
export function idColumn(headerName: string): Col {
  return { field: 'id', headerName, width: 240, sortable: true, cellClass: 'mono', ...TEXT_FILTER };
}

export function createdAtColumn(headerName: string, width: number): Col {
  // Labelled with the zone: the machine may be set to another one (issue 16).
  return { field: 'createdAt', headerName: `${headerName} (${CENTRE_ZONE_LABEL})`, width, sortable: true, cellClass: 'mono', valueFormatter: text(centreDateTime) };
}

export function statusColumn(t: TFunction, width: number): Col {
  return { field: 'status', headerName: t('columns.status'), width, sortable: true, cellRenderer: StatusCell };
}

export function kindColumn(t: TFunction): Col {
  return { field: 'kind', headerName: t('columns.kind'), width: 80, sortable: true, valueFormatter: text((v) => t(`kinds.${v}`)) };
}

/** The other bank by name; its 行号 shows as a tooltip. */
export function counterpartyColumn(headerName: string, width: number, bankName: BankName): Col {
  return {
    field: 'counterparty',
    headerName,
    width,
    sortable: true,
    valueFormatter: text((id) => bankName(id)?.name ?? id),
    tooltip: (p) => (p.value == null ? null : (bankName(String(p.value))?.bankCode ?? null)),
  };
}

export function amountColumn(t: TFunction): Col {
  return {
    field: 'amount',
    headerName: t('columns.amount'),
    width: 150,
    sortable: true,
    type: 'rightAligned',
    // Our class must not replace the right-aligned type's own cell class.
    cellClass: ['ag-right-aligned-cell', 'amount-cell'],
    valueFormatter: text(groupedAmount),
    filter: 'agNumberColumnFilter',
    floatingFilter: true,
    filterParams: {
      filterOptions: ['equals', 'greaterThan', 'greaterThanOrEqual', 'lessThan', 'lessThanOrEqual', 'inRange'],
      maxNumConditions: 1,
      debounceMs: 350,
    },
  };
}

/** The business date, optionally with the grid's date filter. */
export function businessDateColumn(t: TFunction, width: number, filtered: boolean): Col {
  const col: Col = { field: 'businessDate', headerName: t('columns.businessDate'), width, sortable: true, cellClass: 'mono' };
  if (!filtered) return col;
  return {
    ...col,
    filter: 'agDateColumnFilter',
    floatingFilter: true,
    // The grid's own yyyy-mm-dd text input, not the browser's locale-dependent date picker.
    filterParams: { filterOptions: ['equals', 'greaterThan', 'lessThan', 'inRange'], maxNumConditions: 1, browserDatePicker: false },
  };
}
