import type { ColDef, ValueFormatterParams } from 'ag-grid-community';
import type { TFunction } from 'i18next';
import type { PaymentRow } from '../../../shared/contract';
import { groupedAmount, centreDateTime } from '../../components/amount-text';
import { StatusChip } from '../../components/StatusChip';

function StatusCell(props: { value?: string | null }) {
  return props.value == null ? null : <StatusChip status={props.value} />;
}

const TEXT_FILTER = {
  filter: 'agTextColumnFilter',
  floatingFilter: true,
  // Prefix or whole-value matches only: the back end answers those from an index.
  filterParams: { filterOptions: ['startsWith', 'equals'], maxNumConditions: 1, debounceMs: 350 },
} as const;

type Row = PaymentRow;
const text = (f: (v: string) => string) => (p: ValueFormatterParams<Row, string>) => (p.value == null ? '' : f(p.value));

/** The blotter's columns. Only columns the back end can sort by from an index are sortable. */
/** `bankName` turns a participant id into the bank's name (the 行号 shows as a tooltip). */
export function blotterColumns(t: TFunction, bankName: (id: string) => { name: string; bankCode: string } | undefined): ColDef<Row>[] {
  return [
    // Ids carry the device: HKB-F9C5E22A-20261126-00000001 must show whole.
    { field: 'id', headerName: t('columns.id'), width: 240, sortable: true, cellClass: 'mono', ...TEXT_FILTER },
    {
      field: 'createdAt',
      headerName: t('columns.createdAt'),
      width: 150,
      sortable: true,
      cellClass: 'mono',
      valueFormatter: text(centreDateTime),
    },
    {
      field: 'businessDate',
      headerName: t('columns.businessDate'),
      width: 150,
      sortable: true,
      cellClass: 'mono',
      filter: 'agDateColumnFilter',
      floatingFilter: true,
      // The grid's own yyyy-mm-dd text input, not the browser's locale-dependent date picker.
      filterParams: { filterOptions: ['equals', 'greaterThan', 'lessThan', 'inRange'], maxNumConditions: 1, browserDatePicker: false },
    },
    { field: 'direction', headerName: t('columns.direction'), width: 56, sortable: false, valueFormatter: text((v) => t(`directions.${v}`)) },
    { field: 'kind', headerName: t('columns.kind'), width: 80, sortable: true, valueFormatter: text((v) => t(`kinds.${v}`)) },
    {
      field: 'priority',
      headerName: t('columns.priority'),
      width: 64,
      sortable: true,
      valueFormatter: (p: ValueFormatterParams<Row, number>) => (p.value == null ? '' : t(`priorities.${p.value}`)),
    },
    {
      field: 'status',
      headerName: t('columns.status'),
      // Wide enough for the longest label in either language as a chip (en "Risk hold", "Cancelled").
      width: 92,
      sortable: true,
      cellRenderer: StatusCell,
    },
    { field: 'counterpartyName', headerName: t('columns.counterpartyName'), width: 180, sortable: true, ...TEXT_FILTER },
    {
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
    },
    {
      field: 'counterparty',
      headerName: t('columns.counterparty'),
      width: 150,
      sortable: true,
      valueFormatter: text((id) => bankName(id)?.name ?? id),
      tooltip: (p) => (p.value == null ? null : (bankName(String(p.value))?.bankCode ?? null)),
    },
    { field: 'debtorName', headerName: t('columns.debtorName'), width: 160, sortable: false },
    { field: 'creditorName', headerName: t('columns.creditorName'), width: 160, sortable: false },
    { field: 'maker', headerName: t('columns.maker'), width: 72, sortable: false },
    { field: 'checker', headerName: t('columns.checker'), width: 72, sortable: false },
    { field: 'purpose', headerName: t('columns.purpose'), width: 140, sortable: false },
  ];
}
