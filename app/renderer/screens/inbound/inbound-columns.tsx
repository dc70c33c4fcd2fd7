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
  // Prefix or whole-value matches only, as in the blotter: the back end answers those from an index.
  filterParams: { filterOptions: ['startsWith', 'equals'], maxNumConditions: 1, debounceMs: 350 },
} as const;

type Row = PaymentRow;
const text = (f: (v: string) => string) => (p: ValueFormatterParams<Row, string>) => (p.value == null ? '' : f(p.value));

/**
 * Columns of the inbound grid: what a receiving clerk posts from — who sent it (bank, debtor),
 * to which of our customers (creditor name and account), how much, and where the house has it.
 */
export function inboundColumns(t: TFunction, bankName: (id: string) => { name: string; bankCode: string } | undefined): ColDef<Row>[] {
  return [
    {
      field: 'createdAt',
      headerName: t('inbound.columns.receivedAt'),
      // Wide enough for "2026-11-27 03:16:49" in the 12 px monospace face.
      width: 166,
      sortable: true,
      cellClass: 'mono',
      valueFormatter: text(centreDateTime),
    },
    { field: 'id', headerName: t('inbound.columns.houseId'), width: 240, sortable: true, cellClass: 'mono', ...TEXT_FILTER },
    { field: 'status', headerName: t('columns.status'), width: 84, sortable: true, cellRenderer: StatusCell },
    { field: 'kind', headerName: t('columns.kind'), width: 80, sortable: true, valueFormatter: text((v) => t(`kinds.${v}`)) },
    {
      // For an inbound payment the counterparty is the sending bank.
      field: 'counterparty',
      headerName: t('inbound.columns.fromBank'),
      width: 190,
      sortable: true,
      valueFormatter: text((id) => bankName(id)?.name ?? id),
      tooltip: (p) => (p.value == null ? null : (bankName(String(p.value))?.bankCode ?? null)),
    },
    {
      field: 'amount',
      headerName: t('columns.amount'),
      width: 150,
      sortable: true,
      type: 'rightAligned',
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
    // Our customer first: the receiving clerk credits the payee's account.
    { field: 'creditorName', headerName: t('inbound.columns.creditorName'), width: 170, sortable: false },
    { field: 'creditorAccount', headerName: t('inbound.columns.creditorAccount'), width: 160, sortable: false, cellClass: 'mono' },
    { field: 'debtorName', headerName: t('inbound.columns.debtorName'), width: 170, sortable: false },
    { field: 'debtorAccount', headerName: t('inbound.columns.debtorAccount'), width: 160, sortable: false, cellClass: 'mono' },
    { field: 'purpose', headerName: t('columns.purpose'), width: 140, sortable: false },
    { field: 'businessDate', headerName: t('columns.businessDate'), width: 100, sortable: true, cellClass: 'mono' },
  ];
}
