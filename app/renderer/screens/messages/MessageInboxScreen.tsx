import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { CellFocusedEvent, GridApi, GridReadyEvent, RowClassRules } from 'ag-grid-community';
import { THREAD_KINDS } from '../../../shared/contract/message-protocol';
import { useBridge } from '../../state/bridge-context';
import { inboxSlice, useAppDispatch, useAppSelector } from '../../state/store';
import { ConsoleGrid } from '../../grid/ConsoleGrid';
import { isOperatorFocus, refocusChosenRow } from '../../grid/grid-focus';
import { useKeptState } from '../../state/use-kept-state';
import { registerDeskGridModules } from '../risk/risk-grid';
import { filterInbox, inboxRows, NO_INBOX_FILTERS, type InboxFilters, type InboxRow, type ThreadKind } from './inbox-model';
import { inboxColumns } from './inbox-columns';
import { ThreadCard } from './ThreadCard';
import './messages.css';

registerDeskGridModules();

const KIND_TABS: readonly (ThreadKind | '')[] = ['', ...THREAD_KINDS];
/** Screen keys beside the thread's own (A 查复, P 答复, Y 同意): 1-4 the kind, M my action, O overdue. */
const FILTER_KEYS = { needsAction: 'M', overdue: 'O' } as const;

const ROW_CLASSES: RowClassRules<InboxRow> = {
  'inbox-row-overdue': (p) => p.data?.overdue === true,
  'inbox-row-unread': (p) => p.data?.unread === true || p.data?.needsAction === true,
};

/**
 * 查询查复 (docs/messages.md): every inquiry, return request and stop of the bank in one list,
 * what needs this operator first, with filters; the selected thread below as the payment's
 * detail shows it (ThreadCard) with the steps this operator may take. Live: the shell reloads
 * the list whenever the pull brings a thread or a step (useInboxFeed). Opening a thread marks it
 * read for this operator.
 */
export function MessageInboxScreen() {
  const { t } = useTranslation();
  const bridge = useBridge();
  const dispatch = useAppDispatch();
  const inbox = useAppSelector((s) => s.inbox.data);
  const readNow = useAppSelector((s) => s.inbox.readNow);
  const roles = useAppSelector((s) => s.session.operator?.roles ?? []);
  const username = useAppSelector((s) => s.session.operator?.username ?? '');
  const participants = useAppSelector((s) => s.session.participants);
  const selfId = participants.find((p) => p.self)?.id ?? '';
  // Filters and the chosen thread are kept in the store: the inbox comes back as it was left.
  const [filters, setFilters] = useKeptState<InboxFilters>('messages.filters', NO_INBOX_FILTERS);
  const [selectedId, setSelectedId] = useKeptState<string | null>('messages.selectedId', null);
  const selectedIdRef = useRef(selectedId);
  selectedIdRef.current = selectedId;
  const apiRef = useRef<GridApi<InboxRow> | null>(null);

  const all = useMemo(() => inboxRows(inbox, roles, username, selfId, readNow), [inbox, roles, username, selfId, readNow]);
  const rows = useMemo(() => filterInbox(all, filters), [all, filters]);
  const selected = rows.find((r) => r.id === selectedId);
  const columnDefs = useMemo(() => {
    const byId = new Map(participants.map((p) => [p.id, p]));
    return inboxColumns(t, (id) => byId.get(id));
  }, [t, participants]);
  const counts = { needsAction: all.filter((r) => r.needsAction).length, overdue: all.filter((r) => r.overdue).length };

  // Opening a thread marks it read for this operator (a step by another bank makes it unread again).
  useEffect(() => {
    if (selected === undefined || !selected.unread) return;
    const id = selected.id;
    void bridge.invoke('messages.markRead', { threadId: id }).then((r) => {
      if (r.ok) dispatch(inboxSlice.actions.read(id));
    });
  }, [bridge, dispatch, selected]);

  // The first row is selected and focused, so the arrow keys work at once.
  useEffect(() => {
    if (selected !== undefined || rows.length === 0) return;
    setSelectedId(rows[0]?.id ?? null);
  }, [rows, selected]);
  useEffect(() => {
    const api = apiRef.current;
    if (api === null || api.isDestroyed() || selectedId === null) return;
    api.getRowNode(selectedId)?.setSelected(true);
  }, [selectedId, rows]);

  const focusGrid = () => {
    const api = apiRef.current;
    if (api === null || api.isDestroyed() || rows.length === 0) return;
    api.setFocusedCell(Math.max(0, rows.findIndex((r) => r.id === selectedId)), 'kind');
  };

  // The chosen thread follows the clerk's focus, not ag-grid's restoring of the focused index when
  // a new step reorders the list.
  const onCellFocused = (event: CellFocusedEvent<InboxRow>) => {
    if (event.rowIndex == null || !isOperatorFocus(event)) return;
    const node = event.api.getDisplayedRowAtIndex(event.rowIndex);
    if (node?.data !== undefined) {
      node.setSelected(true);
      setSelectedId(node.data.id);
    }
  };

  const setFilter = (next: Partial<InboxFilters>) => setFilters((f) => ({ ...f, ...next }));

  // On the window, never while typing or in a dialog (the thread's A/P/Y are its own).
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.ctrlKey || event.altKey || event.metaKey || event.defaultPrevented) return;
    const target = event.target as HTMLElement;
    if (['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) || target.closest('[role="dialog"]') !== null) return;
    const tab = ['1', '2', '3', '4'].indexOf(event.key);
    const key = event.key.toUpperCase();
    if (tab >= 0) setFilter({ kind: KIND_TABS[tab] ?? '' });
    else if (key === FILTER_KEYS.needsAction) setFilters((f) => ({ ...f, needsAction: !f.needsAction }));
    else if (key === FILTER_KEYS.overdue) setFilters((f) => ({ ...f, overdue: !f.overdue }));
    else return;
    event.preventDefault();
  };
  const keyHandler = useRef(onKeyDown);
  keyHandler.current = onKeyDown;
  useEffect(() => {
    const listener = (event: KeyboardEvent) => keyHandler.current(event);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);

  const pendingHere = selected !== undefined && inbox !== null && inbox.pending.some((p) => p.id === selected.id);
  return (
    <section className="screen inbox-screen" aria-labelledby="inbox-heading">
      <div className="screen-head">
        <h2 id="inbox-heading">{t('inbox.heading')}</h2>
        <div className="view-tabs" role="tablist">
          {KIND_TABS.map((kind, i) => (
            <button key={kind || 'all'} type="button" role="tab" aria-selected={filters.kind === kind} className={filters.kind === kind ? 'tab active' : 'tab'} data-testid={`inbox-kind-${kind || 'all'}`} onClick={() => setFilter({ kind })}>
              {i + 1} {kind === '' ? t('inbox.allKinds') : t(`messages.kinds.${kind}`)}
            </button>
          ))}
        </div>
        <label className="inbox-check">
          <input type="checkbox" checked={filters.needsAction} onChange={(e) => setFilter({ needsAction: e.target.checked })} data-testid="inbox-filter-mine" />
          {t('inbox.filters.needsAction', { n: counts.needsAction })} <span className="key">{FILTER_KEYS.needsAction}</span>
        </label>
        <label className="inbox-check">
          <input type="checkbox" checked={filters.overdue} onChange={(e) => setFilter({ overdue: e.target.checked })} data-testid="inbox-filter-overdue" />
          {t('inbox.filters.overdue', { n: counts.overdue })} <span className="key">{FILTER_KEYS.overdue}</span>
        </label>
        <span className="keys-hint">{t('inbox.keys')}</span>
      </div>
      <div className="grid-host inbox-grid" data-testid="inbox-grid">
        <ConsoleGrid<InboxRow>
          columnDefs={columnDefs}
          defaultColDef={{ resizable: true, sortable: false, suppressHeaderMenuButton: true }}
          rowData={rows}
          getRowId={(p) => p.data.id}
          onRowDataUpdated={(e) => refocusChosenRow(e.api, selectedIdRef.current)}
          rowClassRules={ROW_CLASSES}
          rowSelection={{ mode: 'singleRow', checkboxes: false, enableClickSelection: true }}
          overlayNoRowsTemplate={`<span class="muted">${inbox === null ? t('inbox.loading') : t('inbox.empty')}</span>`}
          onGridReady={(e: GridReadyEvent<InboxRow>) => {
            apiRef.current = e.api;
            focusGrid();
          }}
          onFirstDataRendered={focusGrid}
          onCellFocused={onCellFocused}
          tooltipShowDelay={400}
        />
      </div>
      <div className="grid-status" data-testid="inbox-status">
        {t('inbox.total', { n: rows.length, all: all.length })}
      </div>
      <div className="inbox-detail pm" data-testid="inbox-detail">
        {selected === undefined || inbox === null ? (
          <p className="muted">{t('inbox.pick')}</p>
        ) : (
          <>
            <ThreadCard key={selected.id} thread={selected.thread} decisions={inbox.decisions} pending={inbox.pending} onChanged={focusGrid} shortcuts />
            {pendingHere && (
              <p className="notice bd-notice" role="status" data-testid="inbox-sent">
                {t('messages.sent')}
              </p>
            )}
          </>
        )}
      </div>
    </section>
  );
}
