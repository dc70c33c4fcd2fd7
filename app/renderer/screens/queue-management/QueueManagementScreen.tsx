import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CellFocusedEvent, GridApi, GridReadyEvent, RowDataUpdatedEvent } from 'ag-grid-community';
import type { QueueRow, QueueView } from '../../../shared/contract/handlers/liquidity';
import type { PaymentPriority } from '../../../shared/domain/payment';
import { useBridge } from '../../state/bridge-context';
import { useAppSelector } from '../../state/store';
import { useKeptState } from '../../state/use-kept-state';
import { localized } from '../../i18n/i18n';
import { ConsoleGrid } from '../../grid/ConsoleGrid';
import { isOperatorFocus, refocusChosenRow } from '../../grid/grid-focus';
import { registerDeskGridModules } from '../risk/risk-grid';
import { PaymentActionDialog, type ActionChoice, type DialogAction } from '../blotter/PaymentActionDialog';
import { QUEUE_ACTIONS, QUEUE_TABS, actionForKey, blockedReason, chosenRow, rowsOf, summaryOf, type QueueAction, type QueueTab } from './queue-model';
import { queueColumns } from './queue-columns';
import './queue-management.css';

registerDeskGridModules();

/** The clock and the lists move with the house: poll now and then besides the pull's events. */
const REFRESH_MS = 10_000;
const DIALOG_OF: Record<QueueAction, DialogAction> = { top: 'reorderTop', bottom: 'reorderBottom', reprioritise: 'reprioritise', cancel: 'cancel' };

/**
 * 排队管理 (DESIGN 4.1): the bank's own HVPS queue in the house's order with why each payment
 * waits (the house's own queue while online and fresh, else the console's mirror; a line says which), the BEPS payments waiting for netting, and the timed / warehoused payments with their
 * times. A supervisor moves a queued payment to the front or back of its priority, changes its
 * priority or cancels it, each with a reason, through the outbox; the lists follow the pull.
 */
export function QueueManagementScreen() {
  const { t, i18n } = useTranslation();
  const bridge = useBridge();
  const roles = useAppSelector((s) => s.session.operator?.roles) ?? [];
  const paymentsVersion = useAppSelector((s) => s.ui.paymentsVersion);
  const paymentsDataVersion = useAppSelector((s) => s.ui.dataVersions.payments ?? 0);
  const [view, setView] = useState<QueueView | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  // The tab and the chosen payment are kept in the store: the screen comes back as it was left.
  const [tab, setTab] = useKeptState<QueueTab>('queue.tab', 'rtgs');
  // The supervisor's choice, by payment id: kept across the live reloads (the house's queue
  // answer moves every few seconds), whatever index the payment stands at after them.
  const [selectedId, setSelectedId] = useKeptState<string | null>('queue.selectedId', null);
  const selectedIdRef = useRef(selectedId);
  selectedIdRef.current = selectedId;
  const [dialog, setDialog] = useState<QueueAction | null>(null);
  const [dialogError, setDialogError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'ok' | 'err'; text: string } | null>(null);
  const apiRef = useRef<GridApi<QueueRow> | null>(null);

  const load = useCallback(async () => {
    const r = await bridge.invoke('liquidity.queue', {});
    if (r.ok) {
      setView(r.value);
      setLoadError(null);
    } else setLoadError(localized(i18n.language, r.error));
  }, [bridge, i18n.language]);

  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [load, paymentsVersion, paymentsDataVersion]);

  const rows = rowsOf(view, tab);
  const selected = chosenRow(rows, selectedId);
  const columnDefs = useMemo(() => queueColumns(t, tab), [t, tab]);
  const reasonOf = (action: QueueAction) => blockedReason(action, tab, selected, rows, roles);

  const focusGrid = () => {
    const api = apiRef.current;
    if (api === null || api.isDestroyed()) return;
    // Where the chosen payment stands in the grid now (the list may have moved since this render).
    const id = selectedIdRef.current;
    const index = (id === null ? null : api.getRowNode(id)?.rowIndex) ?? 0;
    if (api.getDisplayedRowCount() > 0) api.setFocusedCell(index, 'position');
  };

  const switchTab = (next: QueueTab) => {
    setTab(next);
    setSelectedId(rowsOf(view, next)[0]?.id ?? null);
  };

  const open = (action: QueueAction) => {
    if (reasonOf(action) !== null) return;
    setDialogError(null);
    setDialog(action);
  };

  const submit = async (choice: ActionChoice) => {
    if (dialog === null || selected === undefined) return;
    setBusy(true);
    const id = selected.id;
    const result =
      dialog === 'top' || dialog === 'bottom'
        ? await bridge.invoke('payments.requestReorder', { id, to: dialog, reason: choice.reason })
        : dialog === 'reprioritise'
          ? await bridge.invoke('payments.requestReprioritise', { id, reason: choice.reason, priority: choice.priority as PaymentPriority })
          : await bridge.invoke('payments.requestCancel', { id, reason: choice.reason });
    setBusy(false);
    if (!result.ok) {
      setDialogError(localized(i18n.language, result.error));
      return;
    }
    setMessage({ kind: 'ok', text: t(`qm.sent.${dialog}`) });
    setDialog(null);
    await load();
    focusGrid();
  };

  // On the window: the keys work wherever focus is on the screen, never while typing.
  const onKeyDown = (event: KeyboardEvent) => {
    if (dialog !== null || event.ctrlKey || event.altKey || event.metaKey) return;
    const target = event.target as HTMLElement;
    if (['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)) return;
    const tabIndex = ['1', '2', '3'].indexOf(event.key);
    if (tabIndex >= 0) {
      event.preventDefault();
      switchTab(QUEUE_TABS[tabIndex] ?? 'rtgs');
      return;
    }
    const action = actionForKey(event.key);
    if (action !== null && reasonOf(action) === null) {
      event.preventDefault();
      open(action);
    }
  };
  const keyHandler = useRef(onKeyDown);
  keyHandler.current = onKeyDown;
  useEffect(() => {
    const listener = (event: KeyboardEvent) => keyHandler.current(event);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);

  // The selection follows the operator's focus (click, arrow keys), never ag-grid's restoring
  // of the focused index after a reload (another payment stands there then).
  const onCellFocused = (event: CellFocusedEvent<QueueRow>) => {
    if (event.rowIndex == null || !isOperatorFocus(event)) return;
    const node = event.api.getDisplayedRowAtIndex(event.rowIndex);
    if (node?.data !== undefined) {
      node.setSelected(true);
      setSelectedId(node.data.id);
    }
  };
  const onRowDataUpdated = (event: RowDataUpdatedEvent<QueueRow>) => refocusChosenRow(event.api, selectedIdRef.current);
  // Arriving with nothing chosen, the keyboard starts on the first payment. A chosen payment that
  // is not in this answer stays chosen (nothing is selected meanwhile): it is never swapped for
  // another one behind the supervisor's back.
  useEffect(() => {
    if (selectedId === null && rows.length > 0) setSelectedId(rows[0]?.id ?? null);
  }, [rows, selectedId, setSelectedId]);
  useEffect(() => {
    const api = apiRef.current;
    if (api === null || api.isDestroyed() || selectedId === null) return;
    api.getRowNode(selectedId)?.setSelected(true);
  }, [selectedId, view, tab]);

  const summary = summaryOf(rows);
  const blockedNow = QUEUE_ACTIONS.map(reasonOf).find((r): r is string => r !== null && r !== 'qm.blocked.select');

  return (
    <section className="screen qm-screen" aria-labelledby="qm-heading">
      <div className="screen-head">
        <h2 id="qm-heading">{t('qm.heading')}</h2>
        <div className="view-tabs" role="tablist">
          {QUEUE_TABS.map((k, i) => (
            <button key={k} type="button" role="tab" aria-selected={tab === k} className={tab === k ? 'tab active' : 'tab'} data-testid={`qm-tab-${k}`} onClick={() => switchTab(k)}>
              {i + 1} {t(`qm.tabs.${k}`)} <span className="qm-count">{rowsOf(view, k).length}</span>
            </button>
          ))}
        </div>
        <span className="qm-clock" data-testid="qm-clock">
          {t('qm.businessDate')} <span className="mono">{view?.businessDate ?? '—'}</span> · {t('qm.clock')} <span className="mono">{view?.clock ?? t('qm.noClock')}</span>
        </span>
        <span className="keys-hint">{t('qm.keys')}</span>
      </div>
      {view !== null && view.linked && (
        <p className={view.source.kind === 'house' ? 'muted qm-source' : 'qm-source qm-source-mirror'} data-testid="qm-source" data-source={view.source.kind}>
          {view.source.kind === 'house' ? t('qm.source.house', { seconds: view.source.ageSeconds }) : t(`qm.source.${view.source.why}`)}
        </p>
      )}
      {loadError !== null && <p className="notice notice-error">{loadError}</p>}
      {view !== null && !view.linked && <p className="notice" data-testid="qm-not-linked">{t('qm.notLinked')}</p>}
      {message !== null && (
        <p className={message.kind === 'ok' ? 'notice notice-ok' : 'notice notice-error'} role="status" data-testid="qm-message">{message.text}</p>
      )}
      <div className="grid-host qm-grid" data-testid="qm-grid">
        <ConsoleGrid<QueueRow>
          columnDefs={columnDefs}
          defaultColDef={{ resizable: true, sortable: false, suppressHeaderMenuButton: true }}
          rowData={rows}
          getRowId={(p) => p.data.id}
          rowSelection={{ mode: 'singleRow', checkboxes: false, enableClickSelection: true }}
          overlayNoRowsTemplate={`<span class="muted">${t(`qm.empty.${tab}`)}</span>`}
          onGridReady={(e: GridReadyEvent<QueueRow>) => {
            apiRef.current = e.api;
          }}
          onCellFocused={onCellFocused}
          onRowDataUpdated={onRowDataUpdated}
          tooltipShowDelay={400}
        />
      </div>
      <div className="qm-actions" data-testid="qm-actions">
        <span className="qm-summary" data-testid="qm-summary">{t('qm.summary', { count: summary.count, amount: summary.amount })}</span>
        {QUEUE_ACTIONS.map((action) => {
          const reason = reasonOf(action);
          return (
            <button
              key={action}
              type="button"
              className={action === 'cancel' ? 'danger' : undefined}
              data-testid={`qm-${action}`}
              disabled={reason !== null}
              title={reason === null ? undefined : t(reason)}
              onClick={() => open(action)}
            >
              {t(`qm.actions.${action}`)} <span className="key">{action === 'cancel' ? 'Del' : action === 'reprioritise' ? 'P' : action === 'top' ? 'T' : 'B'}</span>
            </button>
          );
        })}
        {blockedNow !== undefined && selected !== undefined && <span className="action-reason" data-testid="qm-blocked">{t(blockedNow)}</span>}
      </div>
      {dialog !== null && selected !== undefined && (
        <PaymentActionDialog
          action={DIALOG_OF[dialog]}
          row={{ id: selected.id, counterparty: selected.to, counterpartyName: selected.creditorName, amount: selected.amount, priority: selected.priority }}
          error={dialogError}
          busy={busy}
          onSubmit={(choice) => void submit(choice)}
          onCancel={() => {
            setDialog(null);
            focusGrid();
          }}
        />
      )}
    </section>
  );
}
