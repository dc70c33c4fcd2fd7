import {
  CellStyleModule,
  ClientSideRowModelApiModule,
  ClientSideRowModelModule,
  type ColDef,
  ModuleRegistry,
  RenderApiModule,
  RowApiModule,
  RowStyleModule,
  ScrollApiModule,
  TooltipModule,
  type ICellRendererParams,
  type ValueFormatterParams,
} from 'ag-grid-community';
import type { TFunction } from 'i18next';
import type { RiskAlertRow } from '../../../shared/contract/handlers/risk';
import { groupedAmount } from '../../components/amount-text';
import { ageText, slaCountdown } from './desk-format';

let registered = false;

/** The queue is a client-side grid (at most 1,000 rows): register what it needs beyond the blotter's modules. */
export function registerDeskGridModules(): void {
  if (registered) return;
  ModuleRegistry.registerModules([
    ClientSideRowModelModule,
    ClientSideRowModelApiModule,
    RowApiModule,
    ScrollApiModule,
    RenderApiModule,
    CellStyleModule,
    RowStyleModule,
    TooltipModule,
  ]);
  registered = true;
}

/** Grid context: the clock the countdown reads (server time, ticking), refreshed by the screen. */
export interface DeskGridContext {
  nowMs: () => number;
  closedView: boolean;
}

type Row = RiskAlertRow;

function SlaCell(props: ICellRendererParams<Row, string, DeskGridContext>) {
  const row = props.data;
  if (row === undefined) return null;
  if (props.context.closedView || row.closedAt !== null) return <span className="muted">—</span>;
  const sla = slaCountdown(row.slaDueAt, props.context.nowMs());
  return <span className={`sla sla-${sla.state}`}>{sla.text}</span>;
}

function ScoreCell(props: ICellRendererParams<Row, number>) {
  const row = props.data;
  if (row === undefined) return null;
  return <span className={`score score-${row.decision}`}>{row.score}</span>;
}

export function deskColumns(t: TFunction): ColDef<Row>[] {
  const label = (prefix: string) => (p: ValueFormatterParams<Row, string>) => (p.value == null ? '' : t(`${prefix}.${p.value}`));
  return [
    { colId: 'sla', headerName: t('risk.columns.sla'), width: 74, valueGetter: (p) => p.data?.slaDueAt, cellRenderer: SlaCell, sortable: true, sort: 'asc', cellClass: 'mono' },
    { field: 'score', headerName: t('risk.columns.score'), width: 58, cellRenderer: ScoreCell, sortable: true, type: 'rightAligned' },
    { field: 'decision', headerName: t('risk.columns.decision'), width: 64, valueFormatter: label('risk.decisions'), cellClass: (p) => `rec rec-${p.value ?? ''}` },
    { field: 'status', headerName: t('risk.columns.status'), width: 96, valueFormatter: label('risk.alertStatuses'), cellClass: (p) => `astatus astatus-${p.value ?? ''}` },
    {
      field: 'rules',
      headerName: t('risk.columns.rules'),
      width: 190,
      sortable: false,
      valueFormatter: (p: ValueFormatterParams<Row, string[]>) => (p.value ?? []).map((r) => t(`risk.rules.${r}`)).join(' · '),
      tooltipValueGetter: (p) => (p.data?.rules ?? []).map((r) => t(`risk.rules.${r}`)).join('\n'),
    },
    {
      field: 'bestMatch',
      headerName: t('risk.columns.match'),
      width: 56,
      type: 'rightAligned',
      valueFormatter: (p: ValueFormatterParams<Row, number | null>) => (p.value == null ? '' : `${Math.round(p.value * 100)}%`),
      cellClass: ['ag-right-aligned-cell', 'mono'],
    },
    { field: 'amount', headerName: t('risk.columns.amount'), width: 124, type: 'rightAligned', cellClass: ['ag-right-aligned-cell', 'amount-cell'], valueFormatter: (p) => (p.value == null ? '' : groupedAmount(p.value)), comparator: (a: string, b: string) => Number(a) - Number(b) },
    { field: 'creditorName', headerName: t('risk.columns.creditor'), width: 170, tooltipField: 'creditorName' },
    { field: 'debtorName', headerName: t('risk.columns.debtor'), width: 150, tooltipField: 'debtorName' },
    {
      colId: 'age',
      headerName: t('risk.columns.age'),
      width: 64,
      valueGetter: (p) => p.data?.createdAt,
      valueFormatter: (p: ValueFormatterParams<Row, string>) => (p.value == null ? '' : ageText(p.value, (p.context as DeskGridContext).nowMs())),
      cellClass: 'mono',
    },
    { field: 'assignee', headerName: t('risk.columns.assignee'), width: 70, valueFormatter: (p) => p.value ?? '' },
    { field: 'paymentId', headerName: t('risk.columns.payment'), width: 178, cellClass: 'mono' },
  ];
}
