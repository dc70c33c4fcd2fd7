import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CellFocusedEvent, ColDef, GridApi, ValueFormatterParams } from 'ag-grid-community';
import type { ContractError } from '../../../shared/contract';
import type { RuleSetDetail, RuleSetVersionRow } from '../../../shared/contract/handlers/risk-rules';
import type { DecisionBands } from '../../../shared/risk/rules/decision-bands';
import type { RuleParamsInput } from '../../../shared/risk/rules/rule-params';
import { useBridge } from '../../state/bridge-context';
import { useAppSelector } from '../../state/store';
import { localized } from '../../i18n/i18n';
import { isOperatorFocus } from '../../grid/grid-focus';
import { ConsoleGrid } from '../../grid/ConsoleGrid';
import { centreDateTime } from '../../components/amount-text';
import { canChangeRules, canReadRules, changedKeys, ruleFields } from './rule-form-model';
import { RuleTable } from './RuleTable';
import { RuleEditor } from './RuleEditor';
import { RuleNoteDialog } from './RuleNoteDialog';
import { RulePreview, type PreviewResult } from './RulePreview';
import './risk-rules.css';

type Message = { kind: 'ok' | 'error'; text: string } | null;
type Dialog = { action: 'approve' | 'reject'; error: string | null; busy: boolean } | null;

function versionColumns(t: (k: string, o?: Record<string, unknown>) => string): ColDef<RuleSetVersionRow>[] {
  const time = (p: ValueFormatterParams<RuleSetVersionRow, string | null>) => (p.value == null ? '' : centreDateTime(p.value));
  return [
    { field: 'version', headerName: t('riskRules.columns.version'), width: 64, cellClass: 'mono', valueFormatter: (p) => `v${String(p.value)}` },
    { field: 'status', headerName: t('riskRules.columns.status'), width: 84, valueFormatter: (p) => t(`riskRules.statuses.${String(p.value)}`), cellClass: (p) => `rr-status rr-status-${String(p.value)}` },
    { field: 'author', headerName: t('riskRules.columns.author'), width: 80, cellClass: 'mono' },
    { field: 'createdAt', headerName: t('riskRules.columns.createdAt'), width: 148, cellClass: 'mono', valueFormatter: time },
    { headerName: t('riskRules.columns.decidedBy'), width: 80, cellClass: 'mono', valueGetter: (p) => p.data?.approver ?? p.data?.rejectedBy ?? '' },
    { headerName: t('riskRules.columns.decidedAt'), width: 148, cellClass: 'mono', valueGetter: (p) => { const at = p.data?.approvedAt ?? p.data?.rejectedAt ?? null; return at === null ? '' : centreDateTime(at); } },
    { field: 'note', headerName: t('riskRules.columns.note'), flex: 1, minWidth: 160, tooltipField: 'note' },
  ];
}

/**
 * Risk rule-set versions (DESIGN §7, docs/risk.md §11): which version is in force, what a
 * proposal changes against it (side by side, changed values marked), its effect on recent
 * payments, and the second officer's approve / reject. Keys: N new proposal, A approve,
 * J reject, P preview, C changed only / all; ↑/↓ choose a version.
 */
export function RiskRulesScreen() {
  const { t, i18n } = useTranslation();
  const bridge = useBridge();
  const me = useAppSelector((s) => s.session.operator);
  const roles = me?.roles ?? [];
  const allowed = canReadRules(roles);
  const officer = canChangeRules(roles);
  const apiRef = useRef<GridApi<RuleSetVersionRow> | null>(null);
  const [versions, setVersions] = useState<RuleSetVersionRow[]>([]);
  const [activeVersion, setActiveVersion] = useState<number | null>(null);
  const [selected, setSelected] = useState<RuleSetDetail | null>(null);
  const [active, setActive] = useState<RuleSetDetail | null>(null);
  const [reload, setReload] = useState(0);
  const [message, setMessage] = useState<Message>(null);
  const [editing, setEditing] = useState<{ busy: boolean; error: string | null; fieldErrors: Record<string, string> } | null>(null);
  const [dialog, setDialog] = useState<Dialog>(null);
  // The approver reads what changes first; every parameter is one key away.
  const [onlyChanged, setOnlyChanged] = useState(true);
  const [preview, setPreview] = useState<{ version: number; result: PreviewResult | null; error: string | null; busy: boolean } | null>(null);
  const err = useCallback((e: Pick<ContractError, 'message' | 'messageZh'>) => localized(i18n.language, e), [i18n.language]);

  const load = useCallback(
    async (version: number) => {
      const result = await bridge.invoke('risk.rules.get', { version });
      if (result.ok) setSelected(result.value);
      else setMessage({ kind: 'error', text: err(result.error) });
    },
    [bridge, err],
  );

  const rulesChanged = useAppSelector((s) => s.ui.dataVersions.riskRules ?? 0);
  useEffect(() => {
    if (!allowed) return;
    let live = true;
    void bridge.invoke('risk.rules.list', {}).then(async (result) => {
      if (!live) return;
      if (!result.ok) {
        setMessage({ kind: 'error', text: err(result.error) });
        return;
      }
      setVersions(result.value.versions);
      setActiveVersion(result.value.active);
      if (result.value.active !== null) {
        const a = await bridge.invoke('risk.rules.get', { version: result.value.active });
        if (live && a.ok) setActive(a.value);
      } else setActive(null);
    });
    return () => {
      live = false;
    };
    // Another officer's proposal or approval shows without F5 (data.changed).
  }, [allowed, bridge, err, reload, rulesChanged]);

  // Arriving, or after a change: the newest version (a waiting proposal first) is shown.
  useEffect(() => {
    const first = versions[0];
    if (first === undefined) return;
    if (selected === null || !versions.some((v) => v.version === selected.version.version)) void load(first.version);
    else {
      const fresh = versions.find((v) => v.version === selected.version.version);
      if (fresh !== undefined && fresh.status !== selected.version.status) void load(fresh.version);
    }
  }, [versions, selected, load]);

  const pending = versions.find((v) => v.status === 'proposed') ?? null;
  const current = selected?.version ?? null;
  const mine = current !== null && current.author === me?.username;
  const canDecide = officer && current?.status === 'proposed';

  const startEdit = useCallback(() => {
    if (!officer || active === null) return;
    if (pending !== null) {
      setMessage({ kind: 'error', text: t('riskRules.pendingExists', { version: pending.version, author: pending.author }) });
      return;
    }
    setMessage(null);
    setEditing({ busy: false, error: null, fieldErrors: {} });
  }, [officer, active, pending, t]);

  const runPreview = useCallback(async () => {
    if (current === null) return;
    setPreview({ version: current.version, result: null, error: null, busy: true });
    const result = await bridge.invoke('risk.rules.preview', { version: current.version, days: 7 });
    setPreview({ version: current.version, result: result.ok ? result.value : null, error: result.ok ? null : err(result.error), busy: false });
  }, [bridge, current, err]);

  const propose = async (change: { params: RuleParamsInput; bands: DecisionBands; note: string }) => {
    setEditing((e) => (e === null ? e : { ...e, busy: true, error: null }));
    const result = await bridge.invoke('risk.rules.propose', change);
    if (!result.ok) {
      const fieldErrors = Object.fromEntries((result.error.issues ?? []).map((i) => [i.path, localized(i18n.language, i)]));
      setEditing({ busy: false, error: err(result.error), fieldErrors });
      return;
    }
    setEditing(null);
    setMessage({ kind: 'ok', text: t('riskRules.proposed', { version: result.value.version.version }) });
    setSelected(null);
    setReload((r) => r + 1);
  };

  const decide = async (note: string) => {
    if (dialog === null || current === null) return;
    setDialog({ ...dialog, busy: true, error: null });
    const result =
      dialog.action === 'approve'
        ? await bridge.invoke('risk.rules.approve', note === '' ? { version: current.version } : { version: current.version, note })
        : await bridge.invoke('risk.rules.reject', { version: current.version, note });
    if (!result.ok) {
      setDialog({ ...dialog, busy: false, error: err(result.error) });
      return;
    }
    setDialog(null);
    setPreview(null); // its "in force" column is now the past
    setMessage({ kind: 'ok', text: t(dialog.action === 'approve' ? 'riskRules.approved' : 'riskRules.rejected', { version: current.version }) });
    setReload((r) => r + 1);
    void load(current.version);
  };

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (editing !== null || dialog !== null || event.ctrlKey || event.altKey || event.metaKey) return;
      const target = event.target as HTMLElement | null;
      if (target !== null && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT')) return;
      const key = event.key.toLowerCase();
      if (key === 'n' && officer) startEdit();
      else if (key === 'a' && canDecide) setDialog({ action: 'approve', error: null, busy: false });
      else if (key === 'j' && canDecide) setDialog({ action: 'reject', error: null, busy: false });
      else if (key === 'p') void runPreview();
      else if (key === 'c') setOnlyChanged((v) => !v);
      else if (event.key === 'F5') setReload((r) => r + 1);
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [editing, dialog, officer, canDecide, startEdit, runPreview]);

  const columnDefs = useMemo(() => versionColumns(t), [t]);
  const fields = useMemo(() => (selected === null ? [] : ruleFields(selected.params, selected.bands)), [selected]);
  const activeFields = useMemo(() => (active === null ? [] : ruleFields(active.params, active.bands)), [active]);
  const comparing = selected !== null && active !== null && selected.version.version !== active.version.version;
  const changed = useMemo(() => (comparing ? changedKeys(activeFields, fields) : new Set<string>()), [comparing, activeFields, fields]);

  const shownFields = comparing && onlyChanged && changed.size > 0 ? fields.filter((f) => changed.has(f.key)) : fields;

  // The grid's highlighted row is always the version the detail shows.
  useEffect(() => {
    const api = apiRef.current;
    if (api === null || selected === null) return;
    api.getRowNode(String(selected.version.version))?.setSelected(true, true);
  }, [selected, versions]);

  const onCellFocused = useCallback(
    (event: CellFocusedEvent<RuleSetVersionRow>) => {
      // Only the officer's focus chooses a version: after a proposal the list gains a row on top,
      // and ag-grid's restoring of the focused index would bring the old version back over it.
      if (event.rowIndex == null || !isOperatorFocus(event)) return;
      const row = event.api.getDisplayedRowAtIndex(event.rowIndex)?.data;
      if (row !== undefined && row.version !== selected?.version.version) void load(row.version);
    },
    [selected, load],
  );

  if (!allowed) return <p className="notice notice-error">{t('riskRules.noAccess')}</p>;

  return (
    <section className="screen risk-rules-screen" aria-labelledby="rr-heading">
      <div className="screen-head">
        <h2 id="rr-heading">{t('riskRules.heading')}</h2>
        <span className="muted" data-testid="rr-active">{activeVersion === null ? t('riskRules.noneActive') : t('riskRules.activeIs', { version: activeVersion })}</span>
        {pending !== null && <span className="rr-pending" data-testid="rr-pending">{t('riskRules.pendingIs', { version: pending.version, author: pending.author })}</span>}
        <span className="keys-hint">{officer ? t('riskRules.keys') : t('riskRules.keysRead')}</span>
      </div>
      {message !== null && <p className={message.kind === 'ok' ? 'notice notice-ok' : 'notice notice-error'} role="status" data-testid="rr-message">{message.text}</p>}
      <div className="rr-split">
        <div className="rr-left">
          <div className="grid-host rr-grid" data-testid="rr-grid">
            <ConsoleGrid<RuleSetVersionRow>
              columnDefs={columnDefs}
              defaultColDef={{ resizable: true, sortable: false, suppressHeaderMenuButton: true }}
              rowData={versions}
              getRowId={(p) => String(p.data.version)}
              rowSelection={{ mode: 'singleRow', checkboxes: false, enableClickSelection: true }}
              overlayNoRowsTemplate={`<span class="muted">${t('riskRules.empty')}</span>`}
              animateRows={false}
              onGridReady={(e) => {
                apiRef.current = e.api;
              }}
              onFirstDataRendered={(e) => {
                e.api.setFocusedCell(0, 'version');
                if (selected !== null) e.api.getRowNode(String(selected.version.version))?.setSelected(true, true);
              }}
              onCellFocused={onCellFocused}
            />
          </div>
          {officer && (
            <div className="rr-actions">
              <button type="button" data-testid="rr-new" disabled={active === null || editing !== null} onClick={startEdit}>{t('riskRules.new')} <span className="rr-key">N</span></button>
            </div>
          )}
          {current !== null && (
            <dl className="details-grid rr-meta" data-testid="rr-meta">
              <dt>{t('riskRules.columns.status')}</dt>
              <dd className={`rr-status-${current.status}`} data-testid="rr-status">v{current.version} · {t(`riskRules.statuses.${current.status}`)}</dd>
              <dt>{t('riskRules.columns.author')}</dt>
              <dd className="mono">{current.author} · {centreDateTime(current.createdAt)}</dd>
              <dt>{t('riskRules.columns.note')}</dt>
              <dd className="rr-note-text">{current.note}</dd>
              {current.approver !== null && (<><dt>{t('riskRules.approver')}</dt><dd className="mono">{current.approver} · {current.approvedAt === null ? '' : centreDateTime(current.approvedAt)}</dd></>)}
              {current.rejectedBy !== null && (<><dt>{t('riskRules.rejectedBy')}</dt><dd className="mono">{current.rejectedBy} · {current.rejectedAt === null ? '' : centreDateTime(current.rejectedAt)}</dd><dt>{t('riskRules.rejectNote')}</dt><dd className="rr-note-text">{current.rejectNote}</dd></>)}
            </dl>
          )}
          {canDecide && (
            <div className="rr-decide">
              {mine ? (
                <p className="notice rr-four-eyes" data-testid="rr-own">{t('riskRules.ownProposal')}</p>
              ) : (
                <p className="notice rr-four-eyes">{t('riskRules.fourEyes', { author: current?.author ?? '' })}</p>
              )}
              <div className="rr-actions">
                <button type="button" className="primary" data-testid="rr-approve" disabled={mine} title={mine ? t('riskRules.ownProposal') : undefined} onClick={() => setDialog({ action: 'approve', error: null, busy: false })}>
                  {t('riskRules.dialog.approve')} <span className="rr-key">A</span>
                </button>
                <button type="button" className="rr-danger" data-testid="rr-reject" onClick={() => setDialog({ action: 'reject', error: null, busy: false })}>
                  {mine ? t('riskRules.withdraw') : t('riskRules.dialog.reject')} <span className="rr-key">J</span>
                </button>
              </div>
            </div>
          )}
          {current !== null && (
            <div className="rr-preview-box">
              <button type="button" data-testid="rr-preview" disabled={preview?.busy === true} onClick={() => void runPreview()}>{t('riskRules.preview.button')} <span className="rr-key">P</span></button>
              {preview !== null && preview.version === current.version && <RulePreview result={preview.result} error={preview.error} busy={preview.busy} />}
            </div>
          )}
        </div>
        <div className="detail-pane rr-detail" data-testid="rr-detail">
          {editing !== null && active !== null ? (
            <RuleEditor base={active} busy={editing.busy} formError={editing.error} serverErrors={editing.fieldErrors} onSubmit={(c) => void propose(c)} onCancel={() => setEditing(null)} />
          ) : selected === null ? (
            <p className="empty">{t('riskRules.selectHint')}</p>
          ) : (
            <>
              <h3>
                {t('riskRules.rulesOf', { version: selected.version.version })}
                {comparing && <span className="rr-diff-count" data-testid="rr-diff-count">{t('riskRules.diffCount', { count: changed.size, version: activeVersion ?? 0 })}</span>}
                {comparing && changed.size > 0 && (
                  <button type="button" className="rr-toggle" data-testid="rr-only-changed" onClick={() => setOnlyChanged((v) => !v)}>
                    {onlyChanged ? t('riskRules.showAll') : t('riskRules.showChanged')} <span className="rr-key">C</span>
                  </button>
                )}
              </h3>
              <RuleTable fields={shownFields} version={selected.version.version} compare={comparing && active !== null ? { fields: activeFields, version: active.version.version } : null} changed={changed} />
              <p className="muted small-text">{t('riskRules.bandsHint', selected.bands)}</p>
            </>
          )}
        </div>
      </div>
      {dialog !== null && current !== null && (
        <RuleNoteDialog action={dialog.action} version={current.version} author={current.author} error={dialog.error} busy={dialog.busy} onSubmit={(n) => void decide(n)} onCancel={() => setDialog(null)} />
      )}
    </section>
  );
}
