import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CellFocusedEvent, GridApi, GridReadyEvent } from 'ag-grid-community';
import type { ContractError } from '../../../shared/contract';
import type { DeskAction, RiskAlertRow, RiskDeskStatus } from '../../../shared/contract/handlers/risk';
import { mayCall } from '../../../shared/contract/handler-access';
import { deskDecisionRefusal } from '../../../shared/domain/roles';
import { RULE_IDS } from '../../../shared/risk/rules/rule-hit';
import { useBridge } from '../../state/bridge-context';
import { uiSlice, useAppDispatch, useAppSelector } from '../../state/store';
import { localized } from '../../i18n/i18n';
import { ConsoleGrid } from '../../grid/ConsoleGrid';
import { isOperatorFocus, refocusChosenRow } from '../../grid/grid-focus';
import { useKeptState } from '../../state/use-kept-state';
import { groupedAmount } from '../../components/amount-text';
import { AlertDetail, type AlertDetails } from './AlertDetail';
import { CaseSection } from './CaseSection';
import { DecisionDialog } from './DecisionDialog';
import { actionForKey, slaCountdown } from './desk-format';
import { type DeskGridContext, deskColumns, registerDeskGridModules } from './risk-grid';
import { secondOfficerBlocked } from './second-officer';
import './risk-desk.css';

registerDeskGridModules();

/** The countdown ticks this often; the queue itself is re-read this often (other officers' work). */
const TICK_MS = 15_000;
const RELOAD_MS = 30_000;

type View = 'active' | 'mine' | 'closed';
/** Kept as a key (or the contract error itself) and worded when shown, so a language switch rewords it. */
type Message = { kind: 'ok' | 'err'; key: string; params?: Record<string, unknown> } | { kind: 'err'; error: ContractError };

/** Buttons for an alert's state, in the order the keys are listed. */
function actionsFor(status: string): { action: DeskAction; key: string; label: string }[] {
  switch (status) {
    case 'open':
      return [{ action: 'release', key: 'R', label: 'release' }, { action: 'reject', key: 'J', label: 'reject' }, { action: 'escalate', key: 'E', label: 'escalate' }];
    case 'escalated':
      return [{ action: 'release', key: 'R', label: 'release' }, { action: 'reject', key: 'J', label: 'reject' }];
    case 'pending_release':
      return [{ action: 'confirm', key: 'R', label: 'confirmRelease' }, { action: 'refuse', key: 'F', label: 'refuse' }];
    case 'pending_reject':
      return [{ action: 'confirm', key: 'J', label: 'confirmReject' }, { action: 'refuse', key: 'F', label: 'refuse' }];
    default:
      return [];
  }
}

export function RiskDeskScreen() {
  const { t, i18n } = useTranslation();
  const bridge = useBridge();
  const dispatch = useAppDispatch();
  const operator = useAppSelector((s) => s.session.operator);
  const paymentsVersion = useAppSelector((s) => s.ui.paymentsVersion);
  // Another officer's assignment, decision or case note (data.changed) reloads the queue.
  const deskChanged = useAppSelector((s) => s.ui.dataVersions.risk ?? 0);
  const me = operator?.username ?? '';
  const roles = operator?.roles;
  const canDecide = mayCall(roles, 'risk.alerts.decide');
  const canRead = mayCall(roles, 'risk.alerts.page');
  const mayAssign = mayCall(roles, 'risk.alerts.assign');
  const mayEditCase = mayCall(roles, 'risk.cases.note');

  // The view, filters and chosen alert are kept in the store: the desk comes back as it was left.
  const [view, setView] = useKeptState<View>('risk.view', 'active');
  const [decisionFilter, setDecisionFilter] = useKeptState('risk.decisionFilter', '');
  const [ruleFilter, setRuleFilter] = useKeptState('risk.ruleFilter', '');
  const [search, setSearch] = useKeptState('risk.search', '');
  const [rows, setRows] = useState<RiskAlertRow[]>([]);
  const [loaded, setLoaded] = useState(false);
  const [truncated, setTruncated] = useState(false);
  const [clockOffsetMs, setClockOffsetMs] = useState(0);
  const [tick, setTick] = useState(Date.now());
  const [selectedId, setSelectedId] = useKeptState<string | null>('risk.selectedId', null);
  const selectedIdRef = useRef(selectedId);
  selectedIdRef.current = selectedId;
  const [details, setDetails] = useState<AlertDetails | null>(null);
  const [deskStatus, setDeskStatus] = useState<RiskDeskStatus | null>(null);
  const [dialog, setDialog] = useState<DeskAction | null>(null);
  const [dialogError, setDialogError] = useState<string | null>(null);
  const [message, setMessage] = useState<Message | null>(null);
  const [busy, setBusy] = useState(false);
  const apiRef = useRef<GridApi<RiskAlertRow> | null>(null);
  const detailRef = useRef<HTMLElement | null>(null);
  const nowRef = useRef(() => Date.now() + clockOffsetMs);
  nowRef.current = () => Date.now() + clockOffsetMs;
  const nowMs = tick + clockOffsetMs;

  const load = useCallback(async () => {
    const r = await bridge.invoke('risk.alerts.page', { view });
    if (!r.ok) return setMessage({ kind: 'err', error: r.error });
    // The SLA counts on the console's clock, corrected to the back end's (a desktop clock may be off).
    setClockOffsetMs(Date.parse(r.value.now) - Date.now());
    setRows(r.value.rows);
    setTruncated(r.value.truncated);
    setLoaded(true);
  }, [bridge, i18n.language, view]);

  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(), RELOAD_MS);
    return () => clearInterval(timer);
  }, [load, paymentsVersion, deskChanged]);

  useEffect(() => {
    void bridge.invoke('risk.desk.status', {}).then((r) => r.ok && setDeskStatus(r.value));
    const timer = setInterval(() => setTick(Date.now()), TICK_MS);
    return () => clearInterval(timer);
  }, [bridge]);

  useEffect(() => {
    apiRef.current?.refreshCells({ columns: ['sla', 'age'], force: true });
  }, [tick]);

  const shown = useMemo(() => {
    const needle = search.trim().toLowerCase();
    return rows.filter(
      (r) =>
        (decisionFilter === '' || r.decision === decisionFilter) &&
        (ruleFilter === '' || r.rules.includes(ruleFilter)) &&
        (needle === '' || r.paymentId.toLowerCase().includes(needle) || r.creditorName.toLowerCase().includes(needle) || r.debtorName.toLowerCase().includes(needle)),
    );
  }, [rows, decisionFilter, ruleFilter, search]);

  const loadDetails = useCallback(async (id: string | null) => {
    if (id === null) return setDetails(null);
    const r = await bridge.invoke('risk.alerts.get', { id });
    if (r.ok) setDetails(r.value);
  }, [bridge]);

  useEffect(() => {
    void loadDetails(selectedId);
  }, [loadDetails, selectedId]);

  // Keep a selection: after a decision moves the row out of the view, the next one takes its place.
  useEffect(() => {
    // Not before the first answer: the alert kept from the last visit is not dropped meanwhile.
    if (!loaded) return;
    if (shown.length === 0) return setSelectedId(null);
    if (selectedId !== null && shown.some((r) => r.id === selectedId)) return;
    const api = apiRef.current;
    const focused = api?.getFocusedCell()?.rowIndex ?? 0;
    const index = Math.min(focused, shown.length - 1);
    const next = api?.getDisplayedRowAtIndex(index)?.data ?? shown[index];
    setSelectedId(next?.id ?? null);
  }, [shown, selectedId, loaded, setSelectedId]);

  const focusGrid = useCallback(() => {
    const api = apiRef.current;
    if (api === null) return;
    let index = 0;
    api.forEachNodeAfterFilterAndSort((node) => {
      if (node.data?.id === selectedId && node.rowIndex !== null) index = node.rowIndex;
    });
    api.ensureIndexVisible(index);
    api.setFocusedCell(index, 'sla');
  }, [selectedId]);

  const onGridReady = useCallback((event: GridReadyEvent<RiskAlertRow>) => {
    apiRef.current = event.api;
  }, []);

  const onFirstData = useCallback(() => {
    // Arriving at the desk, the keyboard is on the alert chosen at the last visit, else on the
    // first (most urgent) row, at once.
    const api = apiRef.current;
    if (!api?.getDisplayedRowCount()) return;
    const kept = selectedIdRef.current === null ? undefined : api.getRowNode(selectedIdRef.current)?.rowIndex;
    const index = kept ?? 0;
    api.ensureIndexVisible(index);
    api.setFocusedCell(index, 'sla');
  }, []);

  // The chosen alert follows the officer's focus, never ag-grid's restoring of the focused index
  // after another officer's change reloaded the queue (another alert stands there then).
  const onCellFocused = useCallback((event: CellFocusedEvent<RiskAlertRow>) => {
    if (event.rowIndex === null || event.rowIndex === undefined || !isOperatorFocus(event)) return;
    const node = event.api.getDisplayedRowAtIndex(event.rowIndex);
    if (node?.data) {
      node.setSelected(true);
      setSelectedId(node.data.id);
    }
  }, [setSelectedId]);

  /** The rule main enforces, so a supervisor is not offered what would be refused: release only, never a list match. */
  const mayTake = (action: DeskAction, alert: AlertDetails): boolean =>
    roles !== undefined &&
    deskDecisionRefusal(roles, action, { status: alert.alert.status, hasSanctionsMatch: alert.screening.length > 0 }) === null;

  /** The second officer must be someone else: the proposer is shown why instead of a refusal after the click. */
  const secondBlocked = (action: DeskAction, alert: AlertDetails): boolean => secondOfficerBlocked(action, alert.alert.pendingBy, me);

  const openDialog = (action: DeskAction | null) => {
    if (action === null || !canDecide || details === null) return;
    if (secondBlocked(action, details)) {
      setMessage({ kind: 'err', key: 'risk.secondOfficer', params: { user: me } });
      return;
    }
    setDialogError(null);
    setDialog(action);
  };

  const decide = async (note: string) => {
    if (dialog === null || details === null) return;
    setBusy(true);
    const r = await bridge.invoke('risk.alerts.decide', { id: details.alert.id, decision: dialog, note });
    setBusy(false);
    if (!r.ok) return setDialogError(localized(i18n.language, r.error));
    const after = r.value.alert.status;
    const pending = after === 'pending_release' || after === 'pending_reject';
    // A confirmation is reported by its effect: released or rejected.
    const done = pending ? 'pending' : after === 'released' ? 'release' : after === 'rejected' ? 'reject' : dialog;
    setMessage({ kind: 'ok', key: `risk.done.${done}`, params: { id: r.value.payment.id } });
    setDialog(null);
    dispatch(uiSlice.actions.paymentsChanged());
    await load();
    await loadDetails(details.alert.id);
    focusGrid();
  };

  const assign = async (assignee: string | null) => {
    if (details === null) return;
    const r = await bridge.invoke('risk.alerts.assign', { id: details.alert.id, assignee });
    if (!r.ok) return setMessage({ kind: 'err', error: r.error });
    await load();
    await loadDetails(details.alert.id);
    // The button pressed may be gone now (assigned to me): give the keyboard back to the queue.
    focusGrid();
  };

  // On the window, not the section: a key must work wherever focus is left on the desk.
  const onKeyDown = (event: KeyboardEvent) => {
    if (dialog !== null || event.ctrlKey || event.altKey || event.metaKey) return;
    const target = event.target as HTMLElement;
    if (['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)) return;
    if (event.key === 'Enter' && target.closest('.grid-host') !== null) {
      event.preventDefault();
      detailRef.current?.focus();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      focusGrid();
    } else if (details !== null) {
      const action = actionForKey(event.key, details.alert.status);
      if (action !== null && mayTake(action, details)) {
        event.preventDefault();
        openDialog(action);
      }
    }
  };

  const keyHandler = useRef(onKeyDown);
  keyHandler.current = onKeyDown;
  useEffect(() => {
    const listener = (event: KeyboardEvent) => keyHandler.current(event);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);

  const columnDefs = useMemo(() => deskColumns(t, view === 'closed'), [t, view]);
  const context = useMemo<DeskGridContext>(() => ({ nowMs: () => nowRef.current(), closedView: view === 'closed' }), [view]);
  const overdue = view === 'closed' ? 0 : rows.filter((r) => slaCountdown(r.slaDueAt, nowMs).state === 'overdue').length;
  const current = details !== null && details.alert.id === selectedId ? details : null;

  if (!canRead) {
    return (
      <section className="screen risk-desk" aria-labelledby="risk-heading">
        <div className="screen-head"><h2 id="risk-heading">{t('risk.heading')}</h2></div>
        <p className="notice">{t('risk.noRole')}</p>
      </section>
    );
  }

  return (
    <section className="screen risk-desk" aria-labelledby="risk-heading">
      <div className="screen-head">
        <h2 id="risk-heading">{t('risk.heading')}</h2>
        <div className="view-tabs" role="tablist">
          {(['active', 'mine', 'closed'] as const).map((v) => (
            <button key={v} type="button" role="tab" aria-selected={view === v} className={view === v ? 'tab active' : 'tab'} data-testid={`risk-view-${v}`} onClick={() => setView(v)}>
              {t(`risk.views.${v}`)}
            </button>
          ))}
        </div>
        <select aria-label={t('risk.columns.decision')} value={decisionFilter} onChange={(e) => setDecisionFilter(e.target.value)}>
          <option value="">{t('risk.allDecisions')}</option>
          {(['review', 'hold', 'reject'] as const).map((d) => <option key={d} value={d}>{t(`risk.decisions.${d}`)}</option>)}
        </select>
        <select aria-label={t('risk.columns.rules')} value={ruleFilter} onChange={(e) => setRuleFilter(e.target.value)}>
          <option value="">{t('risk.allRules')}</option>
          {RULE_IDS.map((r) => <option key={r} value={r}>{t(`risk.rules.${r}`)}</option>)}
        </select>
        <input className="desk-search" value={search} placeholder={t('risk.search')} aria-label={t('risk.search')} onChange={(e) => setSearch(e.target.value)} />
        <span className="muted" data-testid="risk-count">{t('risk.count', { count: shown.length })}</span>
        {overdue > 0 && <span className="sla-overdue">{t('risk.overdue', { count: overdue })}</span>}
        {truncated && <span className="warn">{t('risk.truncated')}</span>}
        <span className="keys-hint">{t('risk.keys')}</span>
      </div>
      {message !== null && (
        <p className={message.kind === 'ok' ? 'notice notice-ok' : 'notice notice-error'} role="status" data-testid="risk-message">{'error' in message ? localized(i18n.language, message.error) : t(message.key, message.params)}</p>
      )}
      <div className="desk-split">
        <div className="grid-host" data-testid="risk-grid">
          <ConsoleGrid<RiskAlertRow>
            columnDefs={columnDefs}
            defaultColDef={{ resizable: true, sortable: true, suppressHeaderMenuButton: true }}
            rowData={shown}
            getRowId={(p) => p.data.id}
            onRowDataUpdated={(e) => refocusChosenRow(e.api, selectedIdRef.current)}
            context={context}
            rowSelection={{ mode: 'singleRow', checkboxes: false, enableClickSelection: true }}
            overlayNoRowsTemplate={`<span class="muted">${t('risk.empty')}</span>`}
            onGridReady={onGridReady}
            onFirstDataRendered={onFirstData}
            onCellFocused={onCellFocused}
            tooltipShowDelay={400}
          />
        </div>
        <aside className="detail-pane desk-detail" tabIndex={-1} ref={detailRef} aria-label={t('risk.detail.payment')}>
          {current === null ? (
            <p className="empty">{t('risk.selectHint')}</p>
          ) : (
            <>
              <AlertDetail details={current} nowMs={nowMs} me={me} officers={mayAssign ? (deskStatus?.officers ?? []) : []} onAssign={(a) => void assign(a)} fourEyesAmount={deskStatus?.fourEyesAmount ?? null} />
              <CaseSection alertId={current.alert.id} caseId={current.alert.caseId} canEdit={mayEditCase} onChanged={() => void loadDetails(current.alert.id)} />
              {canDecide && actionsFor(current.alert.status).some((a) => mayTake(a.action, current)) && (
                <div className="detail-actions desk-actions">
                  {actionsFor(current.alert.status).filter((a) => mayTake(a.action, current)).map((a) => (
                    <button
                      key={a.action}
                      type="button"
                      className={`decide decide-${a.action}`}
                      data-testid={`decide-${a.action}`}
                      disabled={secondBlocked(a.action, current)}
                      title={secondBlocked(a.action, current) ? t('risk.secondOfficer', { user: me }) : undefined}
                      onClick={() => openDialog(a.action)}
                    >
                      {t(`risk.actions.${a.label}`)} <span className="key">{a.key}</span>
                    </button>
                  ))}
                  {actionsFor(current.alert.status).some((a) => secondBlocked(a.action, current)) && (
                    <span className="action-reason" data-testid="decide-blocked">{t('risk.secondOfficer', { user: me })}</span>
                  )}
                </div>
              )}
            </>
          )}
        </aside>
      </div>
      {deskStatus !== null && (
        <div className="grid-status desk-status" data-testid="risk-desk-status">
          {deskStatus.lists.available
            ? t('risk.status', {
                amount: groupedAmount(deskStatus.fourEyesAmount),
                minutes: deskStatus.slaMinutes,
                version: deskStatus.rulesVersion ?? t('risk.noRules'),
                lists: deskStatus.lists.origin === 'demo' ? `${deskStatus.lists.source} (demo)` : deskStatus.lists.source,
                names: deskStatus.lists.names.toLocaleString('en-US'),
              })
            : <span className="err">{t('risk.listsUnavailable')}</span>}
        </div>
      )}
      {dialog !== null && current !== null && (
        <DecisionDialog
          action={dialog}
          alertId={current.payment.id}
          fourEyesAmount={current.fourEyesRequired ? (deskStatus?.fourEyesAmount ?? null) : null}
          error={dialogError}
          busy={busy}
          onSubmit={(note) => void decide(note)}
          onCancel={() => {
            setDialog(null);
            focusGrid();
          }}
        />
      )}
    </section>
  );
}
