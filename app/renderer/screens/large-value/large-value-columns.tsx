import type { ColDef, ICellRendererParams, ValueFormatterParams } from 'ag-grid-community';
import type { TFunction } from 'i18next';
import type { LargeValueRow } from '../../../shared/contract/handlers/large-value';
import { groupedAmount } from '../../components/amount-text';
import { compareAmounts } from './large-value-format';

type Row = LargeValueRow;

function DaysLeftCell(props: ICellRendererParams<Row, number> & { t: TFunction }) {
  const row = props.data;
  if (row === undefined) return null;
  if (row.status === 'submitted') return <span className="muted">—</span>;
  const days = row.workingDaysLeft;
  const cls = row.overdue ? 'lv-days lv-overdue' : days <= 1 ? 'lv-days lv-soon' : 'lv-days';
  const text = row.overdue ? props.t('largeValue.daysOverdue', { n: -days }) : days === 0 ? props.t('largeValue.dueToday') : props.t('largeValue.daysLeft', { n: days });
  return <span className={cls}>{text}</span>;
}

/**
 * The report list in the order an officer works it: when it is due and how long is left, whose
 * it is, what kind and which way, how much, and where it stands. Sorted by due date.
 */
export function largeValueColumns(t: TFunction): ColDef<Row>[] {
  const label = (prefix: string) => (p: ValueFormatterParams<Row, string>) => (p.value == null ? '' : t(`${prefix}.${p.value}`));
  // Due, how long, whose, what, how much and where it stands first: they fit beside the detail
  // pane at 1440 px; the dates and account after them are a scroll away (and in the detail).
  return [
    { field: 'dueDate', headerName: t('largeValue.columns.dueDate'), width: 96, sort: 'asc', cellClass: (p) => (p.data?.overdue === true ? 'mono lv-overdue' : 'mono') },
    { field: 'workingDaysLeft', headerName: t('largeValue.columns.daysLeft'), width: 112, cellRenderer: DaysLeftCell, cellRendererParams: { t } },
    { field: 'customerName', headerName: t('largeValue.columns.customer'), flex: 1, minWidth: 170, tooltipField: 'customerName' },
    { field: 'category', headerName: t('largeValue.columns.category'), width: 112, valueFormatter: label('largeValue.categories'), tooltipValueGetter: (p) => (p.data === undefined ? '' : t(`largeValue.categoryLong.${p.data.category}`)) },
    { field: 'direction', headerName: t('largeValue.columns.direction'), width: 52, valueFormatter: label('largeValue.directions'), cellClass: (p) => `lv-dir-${p.value ?? ''}` },
    {
      field: 'totalAmount',
      headerName: t('largeValue.columns.total'),
      width: 136,
      type: 'rightAligned',
      cellClass: ['ag-right-aligned-cell', 'amount-cell'],
      valueFormatter: (p: ValueFormatterParams<Row, string>) => (p.value == null ? '' : groupedAmount(p.value)),
      comparator: compareAmounts,
    },
    { field: 'status', headerName: t('largeValue.columns.status'), width: 68, valueFormatter: label('largeValue.statuses'), cellClass: (p) => `lv-status lv-status-${p.value ?? ''}` },
    { field: 'filingRef', headerName: t('largeValue.columns.filingRef'), width: 130, cellClass: 'mono', valueFormatter: (p: ValueFormatterParams<Row, string | null>) => p.value ?? '' },
    { field: 'transactionCount', headerName: t('largeValue.columns.count'), width: 52, type: 'rightAligned', cellClass: ['ag-right-aligned-cell', 'mono'] },
    { field: 'businessDate', headerName: t('largeValue.columns.businessDate'), width: 96, cellClass: 'mono' },
    { field: 'customerId', headerName: t('largeValue.columns.account'), width: 160, cellClass: 'mono' },
  ];
}
