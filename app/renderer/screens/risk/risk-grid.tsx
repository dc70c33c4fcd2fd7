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
import { groupedAmount, centreDateTime } from '../../components/amount-text';
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

/**
 * The queue's columns, in the order an officer reads a row: how urgent (SLA, score), what it
 * is (recommendation, state, amount, payee), why (rules, list score), then who and which.
 * In the decided view the first column is the decision time, newest first.
 */
export function deskColumns(t: TFunction, closedView: boolean): ColDef<Row>[] {
  const label = (prefix: string) => (p: ValueFormatterParams<Row, string>) => (p.value == null ? '' : t(`${prefix}.${p.value}`));
  const first: ColDef<Row> = closedView
    ? { colId: 'closedAt', headerName: t('risk.columns.decidedAt'), width: 96, valueGetter: (p) => p.data?.closedAt, valueFormatter: (p: ValueFormatterParams<Row, string>) => (p.value == null ? '' : centreDateTime(p.value).slice(5, 16)), sort: 'desc', cellClass: 'mono' }
    : { colId: 'sla', headerName: t('risk.columns.sla'), width: 64, valueGetter: (p) => p.data?.slaDueAt, cellRenderer: SlaCell, sort: 'asc', cellClass: 'mono' };
  return [
    first,
    { field: 'score', headerName: t('risk.columns.score'), width: 52, cellRenderer: ScoreCell, type: 'rightAligned' },
    { field: 'decision', headerName: t('risk.columns.decision'), width: 52, valueFormatter: label('risk.decisions'), cellClass: (p) => `rec rec-${p.value ?? ''}` },
    { field: 'status', headerName: t('risk.columns.status'), width: 116, valueFormatter: label('risk.alertStatuses'), cellClass: (p) => `astatus astatus-${p.value ?? ''}` },
    { field: 'amount', headerName: t('risk.columns.amount'), width: 112, type: 'rightAligned', cellClass: ['ag-right-aligned-cell', 'amount-cell'], valueFormatter: (p) => (p.value == null ? '' : groupedAmount(p.value)), comparator: (a: string, b: string) => Number(a) - Number(b) },
    { field: 'creditorName', headerName: t('risk.columns.creditor'), width: 118, tooltipField: 'creditorName' },
    {
      field: 'rules',
      headerName: t('risk.columns.rules'),
      width: 150,
      sortable: false,
      valueFormatter: (p: ValueFormatterParams<Row, string[]>) => (p.value ?? []).map((r) => t(`risk.rules.${r}`)).join(' · '),
      tooltipValueGetter: (p) => (p.data?.rules ?? []).map((r) => t(`risk.rules.${r}`)).join('\n'),
    },
    {
      field: 'bestMatch',
      headerName: t('risk.columns.match'),
      width: 50,
      type: 'rightAligned',
      valueFormatter: (p: ValueFormatterParams<Row, number | null>) => (p.value == null ? '' : `${Math.round(p.value * 100)}%`),
      cellClass: ['ag-right-aligned-cell', 'mono'],
    },
    {
      colId: 'age',
      headerName: t('risk.columns.age'),
      width: 56,
      // How long it waited: until now while open, until the decision once decided.
      valueGetter: (p) => (p.data === undefined ? null : ageText(p.data.createdAt, p.data.closedAt === null ? (p.context as DeskGridContext).nowMs() : Date.parse(p.data.closedAt))),
      comparator: (_a, _b, nodeA, nodeB) => (nodeB.data?.createdAt ?? '').localeCompare(nodeA.data?.createdAt ?? ''),
      cellClass: 'mono',
    },
    { field: 'assignee', headerName: t('risk.columns.assignee'), width: 64, valueFormatter: (p) => p.value ?? '' },
    { field: 'debtorName', headerName: t('risk.columns.debtor'), width: 150, tooltipField: 'debtorName' },
    { field: 'paymentId', headerName: t('risk.columns.payment'), width: 178, cellClass: 'mono' },
  ];
}
