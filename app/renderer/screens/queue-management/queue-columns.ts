import type { ColDef, ValueFormatterParams } from 'ag-grid-community';
import type { TFunction } from 'i18next';
import type { QueueRow } from '../../../shared/contract/handlers/liquidity';
import { centreDateTime, groupedAmount } from '../../components/amount-text';
import type { QueueTab } from './queue-model';

const PENDING_KEY = { 'payment.cancel': 'cancel', 'payment.reprioritise': 'reprioritise', 'payment.reorder': 'reorder' } as const;

/**
 * The columns of each list, in the order a supervisor reads a row: where it stands, how
 * urgent, what and to whom, why it waits (RTGS, DNS) or when it is due (scheduled). Not
 * sortable: the order is the queue's.
 */
export function queueColumns(t: TFunction, tab: QueueTab): ColDef<QueueRow>[] {
  const text = (v: unknown) => (v == null ? '' : String(v));
  const position: ColDef<QueueRow> = { field: 'position', headerName: t('qm.columns.position'), width: 52, cellClass: 'mono', type: 'rightAligned' };
  const priority: ColDef<QueueRow> = { field: 'priority', headerName: t('qm.columns.priority'), width: 78, valueFormatter: (p) => `${text(p.value)} ${t(`priorities.${text(p.value)}`)}` };
  const id: ColDef<QueueRow> = { field: 'id', headerName: t('qm.columns.id'), width: 232, cellClass: 'mono', tooltipField: 'id' };
  const kind: ColDef<QueueRow> = { field: 'kind', headerName: t('qm.columns.kind'), width: 70, valueFormatter: (p) => t(`kinds.${text(p.value)}`) };
  const to: ColDef<QueueRow> = {
    colId: 'to',
    headerName: t('qm.columns.to'),
    flex: 1,
    minWidth: 170,
    valueGetter: (p) => (p.data === undefined ? '' : `${p.data.toName} ${p.data.toBankCode}`),
    tooltipValueGetter: (p) => (p.data === undefined ? '' : `${p.data.toName} ${p.data.toBankCode}`),
  };
  const creditor: ColDef<QueueRow> = { field: 'creditorName', headerName: t('qm.columns.creditor'), width: 140, tooltipField: 'creditorName' };
  const amount: ColDef<QueueRow> = {
    field: 'amount',
    headerName: t('qm.columns.amount'),
    width: 128,
    type: 'rightAligned',
    cellClass: ['ag-right-aligned-cell', 'amount-cell'],
    valueFormatter: (p: ValueFormatterParams<QueueRow, string>) => (p.value == null ? '' : groupedAmount(p.value)),
  };
  const reason: ColDef<QueueRow> = {
    field: 'waitReason',
    headerName: t('qm.columns.reason'),
    width: 110,
    valueFormatter: (p) => t(`qm.reasons.${text(p.value)}`),
    tooltipValueGetter: (p) => (p.data === undefined ? '' : `${t(`qm.reasonHints.${p.data.waitReason}`)}${p.data.reasonCode === null ? '' : ` [${p.data.reasonCode}]`}`),
    cellClass: (p) => `qm-reason qm-reason-${text(p.value)}`,
  };
  const since: ColDef<QueueRow> = { field: 'since', headerName: t('qm.columns.since'), width: 88, cellClass: 'mono', valueFormatter: (p) => (p.value == null ? '' : centreDateTime(String(p.value)).slice(11, 16)) };
  const time = (field: 'earliest' | 'latest' | 'valueDate', width: number): ColDef<QueueRow> => ({ field, headerName: t(`qm.columns.${field}`), width, cellClass: 'mono', valueFormatter: (p) => text(p.value) || '—' });
  const pending: ColDef<QueueRow> = {
    field: 'pending',
    headerName: t('qm.columns.pending'),
    width: 104,
    valueFormatter: (p) => ((p.value as QueueRow['pending'] | undefined) ?? []).map((k) => t(`qm.pending.${PENDING_KEY[k]}`)).join(' · '),
    cellClass: 'qm-pending',
  };
  if (tab === 'rtgs') return [position, priority, id, to, creditor, amount, reason, since, time('latest', 80), pending];
  if (tab === 'dns') return [position, kind, id, to, creditor, amount, reason, since, pending];
  return [position, priority, kind, id, to, amount, time('earliest', 88), time('latest', 80), time('valueDate', 104), pending];
}
