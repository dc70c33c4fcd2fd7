import type { ColDef } from 'ag-grid-community';
import type { TFunction } from 'i18next';
import { centreDateTime } from '../../components/amount-text';
import { IdCell } from '../../components/IdText';
import type { BankName } from '../../grid/payment-columns';
import type { InboxRow } from './inbox-model';

function StateCell(props: { data?: InboxRow; t: TFunction }) {
  const row = props.data;
  if (row === undefined) return null;
  return (
    <span className="inbox-state">
      <span className={`chip pm-state-${row.state}`}>{props.t(`messages.states.${row.state}`)}</span>
      {row.overdue && <span className="pm-overdue">{props.t('messages.overdue')}</span>}
    </span>
  );
}

function MarkCell(props: { data?: InboxRow; t: TFunction }) {
  const row = props.data;
  if (row === undefined) return null;
  if (row.needsAction) return <span className="inbox-todo">{props.t('inbox.mark.todo')}</span>;
  return row.unread ? <span className="inbox-dot" title={props.t('inbox.mark.unread')}>●</span> : null;
}

/**
 * The inbox's columns, in the order a clerk reads a line: does it need me, what kind, which way,
 * about which payment (its distinguishing tail always shows), with which bank, where it stands,
 * by when a reply is due and when it last moved (both Beijing time, UTC+8, as labelled). The
 * order is the inbox's working order, not sortable.
 */
export function inboxColumns(t: TFunction, bankName: BankName): ColDef<InboxRow>[] {
  return [
    { colId: 'mark', headerName: '', width: 64, cellRenderer: MarkCell, cellRendererParams: { t }, tooltipValueGetter: (p) => (p.data?.needsAction ? t('inbox.mark.todoHint') : p.data?.unread ? t('inbox.mark.unread') : null) },
    { field: 'kind', headerName: t('inbox.columns.kind'), width: 92, valueFormatter: (p) => (p.value == null ? '' : t(`messages.kinds.${String(p.value)}`)) },
    { field: 'direction', headerName: t('inbox.columns.direction'), width: 72, valueFormatter: (p) => (p.value == null ? '' : t(`inbox.directions.${String(p.value)}`)) },
    { field: 'paymentId', headerName: t('inbox.columns.paymentId'), width: 232, cellRenderer: IdCell },
    {
      field: 'counterparty',
      headerName: t('inbox.columns.counterparty'),
      flex: 1,
      minWidth: 150,
      valueFormatter: (p) => (p.value == null ? '' : (bankName(String(p.value))?.name ?? String(p.value))),
      tooltipValueGetter: (p) => (p.value == null ? null : (bankName(String(p.value))?.bankCode ?? null)),
    },
    { field: 'state', headerName: t('inbox.columns.state'), width: 170, cellRenderer: StateCell, cellRendererParams: { t } },
    { field: 'dueBy', headerName: t('inbox.columns.dueBy'), width: 150, cellClass: 'mono', valueFormatter: (p) => (p.value == null ? '—' : String(p.value)) },
    { field: 'lastAt', headerName: t('inbox.columns.lastAt'), width: 160, cellClass: 'mono', valueFormatter: (p) => (p.value == null || p.value === '' ? '' : centreDateTime(String(p.value))) },
  ];
}
