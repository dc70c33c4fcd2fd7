import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ColDef, GridApi, SelectionChangedEvent } from 'ag-grid-community';
import type { ReconLine } from '../../../shared/contract/handlers/recon';
import { ConsoleGrid } from '../../grid/ConsoleGrid';
import { signedGrouped } from './recon-format';
import { IdCell } from '../../components/IdText';
import { amountColumnPx } from '../../components/amount-width';
import { centreDateTime } from '../../components/amount-text';

export interface LineGridContext {
  /** Ids on this side that a selected line on the other side suggests: highlighted. */
  hinted: ReadonlySet<string>;
}

function columns(t: (k: string, o?: Record<string, unknown>) => string, showState: boolean, amountPx: number): ColDef<ReconLine>[] {
  return [
    {
      colId: 'hint',
      headerName: '≈',
      width: 26,
      sortable: false,
      headerTooltip: t('recon.hintColumn'),
      valueGetter: (p) => (p.data?.suggestion ? '≈' : ''),
      tooltipValueGetter: (p) => (p.data?.suggestion ? t('recon.suggested', { id: p.data.suggestion }) : undefined),
      cellClass: 'hint-cell',
    },
    // A session is one day: month-day is enough to tell a carried line (the full date is the tooltip).
    { field: 'date', headerName: t('recon.columns.date'), width: 54, valueFormatter: (p) => String(p.value ?? '').slice(5), tooltipField: 'date' },
    {
      // A clerk knows a line by its reference; the line id (which may be positional) is in the tooltip.
      colId: 'ref',
      headerName: t('recon.columns.reference'),
      // Wide enough for a payment id's distinguishing tail ("20261207-00000042") beside its shrunk head.
      width: 164,
      cellClass: 'mono',
      valueGetter: (p) => p.data?.reference ?? p.data?.id,
      // The reference's distinguishing end stays in view; the front gives way.
      cellRenderer: IdCell,
      tooltipValueGetter: (p) => (p.data ? `${p.data.id}${p.data.description ? ` · ${p.data.description}` : ''}` : undefined),
    },
    {
      field: 'amount',
      headerName: t('recon.columns.amount'),
      // As wide as the widest amount on this side: an amount is never cut.
      width: amountPx,
      type: 'rightAligned',
      // The type's right alignment is a cell class too: kept beside the sign's colour.
      cellClass: (p) => (String(p.value ?? '').startsWith('-') ? 'mono amount-debit ag-right-aligned-cell' : 'mono amount-credit ag-right-aligned-cell'),
      valueFormatter: (p) => signedGrouped(p.value ?? null),
      comparator: (a: string, b: string) => Number(a) - Number(b),
    },
    { field: 'counterparty', headerName: t('recon.columns.counterparty'), width: 84, tooltipField: 'counterparty' },
    {
      // With "show resolved", a resolved line's state first; then the owner, ✓ once someone
      // marked the line reviewed, then the note; who reviewed when and the whole note in the
      // tooltip. One column: a side is about 590 px wide at 1366 px, and the columns before it
      // (the id's tail and the amount never cut) leave room for one more.
      colId: 'owner',
      headerName: showState ? t('recon.columns.stateOwnerNote') : t('recon.columns.ownerNote'),
      headerTooltip: t('recon.ownerColumnHint'),
      flex: 1,
      minWidth: 60,
      valueGetter: (p) => `${p.data?.owner ?? ''}${p.data?.reviewedBy ? ' ✓' : ''}`.trim(),
      cellRenderer: (p: { data?: ReconLine; value?: string }) => (
        <>
          {showState && p.data !== undefined && p.data.state !== 'open' && <span className={`rstate rstate-${p.data.state}`}>{t(`recon.state.${p.data.state}`)} </span>}
          {p.value}
          {p.data?.note ? <span className="muted"> · {p.data.note}</span> : null}
        </>
      ),
      tooltipValueGetter: (p) =>
        [p.data?.note ?? '', p.data?.reviewedBy ? t('recon.reviewedTip', { by: p.data.reviewedBy, at: p.data.reviewedAt ? centreDateTime(p.data.reviewedAt) : '' }) : '']
          .filter((x) => x !== '')
          .join(' · ') || undefined,
    },
  ];
}

/** One side of the workspace: multi-select, suggested partners marked, amounts signed. */
export function LineGrid(props: {
  side: 'books' | 'statement';
  rows: ReconLine[];
  context: LineGridContext;
  onSelection: (rows: ReconLine[]) => void;
  onReady: (api: GridApi<ReconLine>) => void;
  showState: boolean;
  /** False for a closed day or a reader: no checkboxes at all. */
  selectable: boolean;
}) {
  const { t } = useTranslation();
  const amountPx = useMemo(() => amountColumnPx(props.rows.map((r) => signedGrouped(r.amount)), 8), [props.rows]);
  const columnDefs = useMemo(() => columns(t, props.showState, amountPx), [t, props.showState, amountPx]);
  return (
    <ConsoleGrid<ReconLine>
      columnDefs={columnDefs}
      defaultColDef={{ resizable: true, sortable: true, suppressHeaderMenuButton: true }}
      rowData={props.rows}
      getRowId={(p) => `${p.data.side}|${p.data.id}`}
      context={props.context}
      rowSelection={props.selectable ? { mode: 'multiRow', checkboxes: (p) => p.data?.state === 'open', headerCheckbox: false, enableClickSelection: true, isRowSelectable: (n) => n.data?.state === 'open' } : undefined}
      rowClassRules={{
        'row-hint': (p) => p.data !== undefined && (p.context as LineGridContext).hinted.has(p.data.id),
        'row-resolved': (p) => p.data !== undefined && p.data.state !== 'open' && p.data.state !== 'write_off_pending',
        'row-pending': (p) => p.data?.state === 'write_off_pending',
      }}
      overlayNoRowsTemplate={`<span class="muted">${t('recon.empty')}</span>`}
      onGridReady={(e) => props.onReady(e.api)}
      onSelectionChanged={(e: SelectionChangedEvent<ReconLine>) => props.onSelection(e.api.getSelectedRows())}
      tooltipShowDelay={400}
    />
  );
}
