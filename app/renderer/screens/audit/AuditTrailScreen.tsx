import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ModuleRegistry,
  RowApiModule,
  RowStyleModule,
  ScrollApiModule,
  TooltipModule,
  type CellFocusedEvent,
  type GridApi,
  type GridReadyEvent,
  type IDatasource,
  type IGetRowsParams,
  type RowClassRules,
} from 'ag-grid-community';
import type { AuditEntryRow, AuditExportFormat, AuditFilter } from '../../../shared/contract/handlers/audit';
import { useBridge } from '../../state/bridge-context';
import { useAppSelector } from '../../state/store';
import { localized } from '../../i18n/i18n';
import { ConsoleGrid } from '../../grid/ConsoleGrid';
import { isOperatorFocus } from '../../grid/grid-focus';
import { useKeptState } from '../../state/use-kept-state';
import { centreDateTime } from '../../components/amount-text';
import { BlockCursors } from './audit-cursors';
import { auditColumns } from './audit-columns';
import { ACTION_FAMILIES, canReadAudit, cursorToShow, EMPTY_FILTER_FORM, filterOf, shortHash, type FilterForm } from './audit-format';
import { runAuditExport, saveFile } from './audit-export-run';
import { VerificationBanner, type BannerState } from './VerificationBanner';
import './audit.css';

ModuleRegistry.registerModules([RowApiModule, ScrollApiModule, RowStyleModule, TooltipModule]);

/** Entries per `audit.page` call: one block of the grid. */
const BLOCK_ROWS = 100;

/** What the grid shows: the applied filter, or (anchor) the entries from a located one down. */
interface View {
  filter: AuditFilter;
  anchor: number | undefined;
  /** The seq to focus once the first block arrives. */
  focusSeq: number | undefined;
  /** Bumped by F5 so the same filter is a new look. */
  version: number;
}

type ExportState =
  | { state: 'idle' }
  | { state: 'busy'; done: number; total: number }
  | { state: 'done'; text: string; nextFromSeq: number | null }
  | { state: 'failed'; text: string };

/**
 * The auditor's screen (F9): the console's audit log, newest first, with the chain's verdict
 * above it, filters, and an export an auditor can take away and check on their own.
 */
export function AuditTrailScreen() {
  const { t, i18n } = useTranslation();
  const bridge = useBridge();
  const allowed = useAppSelector((s) => canReadAudit(s.session.operator?.roles ?? []));
  const apiRef = useRef<GridApi<AuditEntryRow> | null>(null);
  // The filter and the view are kept in the store: the trail comes back as it was left.
  const [form, setForm] = useKeptState<FilterForm>('audit.form', EMPTY_FILTER_FORM);
  const [view, setView] = useKeptState<View>('audit.view', { filter: {}, anchor: undefined, focusSeq: undefined, version: 0 });
  // Someone's change (data.changed, or the house's through the pull) writes new entries: the
  // screen says so, and F5 shows them. Not reloaded by itself: the auditor may be reading far down.
  const changes = useAppSelector((s) => s.ui.paymentsVersion + Object.values(s.ui.dataVersions).reduce((a, b) => a + (b ?? 0), 0));
  const [changesAtView, setChangesAtView] = useState(changes);
  const [total, setTotal] = useState<number | null>(null);
  /** The view whose first block has arrived (until then the status line says loading). */
  const [shownView, setShownView] = useState<View | null>(null);
  const [gridError, setGridError] = useState<string | null>(null);
  const [banner, setBanner] = useState<BannerState>({ state: 'checking' });
  const [focused, setFocused] = useState<AuditEntryRow | null>(null);
  const [format, setFormat] = useState<AuditExportFormat>('csv');
  const [exporting, setExporting] = useState<ExportState>({ state: 'idle' });
  const [nextFromSeq, setNextFromSeq] = useState(1);
  const brokenSeq = banner.state === 'done' && !banner.result.ok ? banner.result.brokenSeq : null;

  const locate = useCallback((seq: number) => {
    setForm(EMPTY_FILTER_FORM);
    setView((v) => ({ filter: {}, anchor: cursorToShow(seq), focusSeq: seq, version: v.version + 1 }));
  }, [setForm, setView]);

  const verify = useCallback(async () => {
    setBanner({ state: 'checking' });
    const result = await bridge.invoke('audit.verify', {});
    if (!result.ok) {
      setBanner({ state: 'failed', message: localized(i18n.language, result.error) });
      return;
    }
    setBanner({ state: 'done', result: result.value, at: new Date().toISOString(), source: 'verify' });
    // A broken chain: bring the entry into view at once, as the banner names it.
    if (!result.value.ok) locate(result.value.brokenSeq);
  }, [bridge, i18n.language, locate]);

  useEffect(() => {
    if (allowed) void verify();
  }, [allowed, verify]);

  // Answers for a view the screen has moved on from must not move the focus or the status line.
  const viewRef = useRef(view);
  viewRef.current = view;
  const changesRef = useRef(changes);
  changesRef.current = changes;

  const datasource = useMemo<IDatasource>(() => {
    const cursors = new BlockCursors(view.anchor, BLOCK_ROWS);
    let focusPending = true;
    return {
      getRows(params: IGetRowsParams) {
        void (async () => {
          const beforeSeq = await cursors.cursorFor(params.startRow);
          if (beforeSeq === null) {
            params.successCallback([], params.startRow);
            return;
          }
          const result = await bridge.invoke('audit.page', { filter: view.filter, ...(beforeSeq === undefined ? {} : { beforeSeq }), limit: BLOCK_ROWS });
          if (!result.ok) {
            cursors.answered(params.startRow, null);
            params.failCallback();
            setGridError(localized(i18n.language, result.error));
            return;
          }
          const { entries, nextBeforeSeq } = result.value;
          cursors.answered(params.startRow, nextBeforeSeq);
          params.successCallback(entries, nextBeforeSeq === null ? params.startRow + entries.length : undefined);
          setGridError(null);
          if (viewRef.current !== view) return;
          if (result.value.total !== null) setTotal(result.value.total);
          if (params.startRow === 0) {
            setShownView(view);
            setChangesAtView(changesRef.current);
          }
          if (params.startRow === 0 && focusPending) {
            focusPending = false;
            const index = view.focusSeq === undefined ? 0 : Math.max(0, entries.findIndex((e) => e.seq === view.focusSeq));
            const api = apiRef.current;
            if (api !== null && entries.length > 0) {
              api.ensureIndexVisible(index, 'middle');
              api.setFocusedCell(index, 'seq');
              api.getDisplayedRowAtIndex(index)?.setSelected(true);
            }
          }
        })();
      },
    };
  }, [bridge, i18n.language, view]);

  const rowClassRules = useMemo<RowClassRules<AuditEntryRow>>(
    () => ({ 'audit-row-broken': (p) => brokenSeq !== null && p.data?.seq === brokenSeq }),
    [brokenSeq],
  );
  useEffect(() => {
    apiRef.current?.redrawRows();
  }, [brokenSeq]);

  const columnDefs = useMemo(() => auditColumns(t), [t]);

  const apply = (event?: FormEvent) => {
    event?.preventDefault();
    setView((v) => ({ filter: filterOf(form), anchor: undefined, focusSeq: undefined, version: v.version + 1 }));
  };
  const reset = () => {
    setForm(EMPTY_FILTER_FORM);
    setView((v) => ({ filter: {}, anchor: undefined, focusSeq: undefined, version: v.version + 1 }));
  };

  const runExport = useCallback(async () => {
    if (exporting.state === 'busy') return;
    setExporting({ state: 'busy', done: 0, total: 0 });
    const outcome = await runAuditExport(bridge, format, nextFromSeq, (done, all) => setExporting({ state: 'busy', done, total: all }));
    if (!outcome.ok) {
      setExporting({ state: 'failed', text: t('audit.export.failed', { message: localized(i18n.language, outcome.error) }) });
      return;
    }
    const { manifest, fileName, parts } = outcome;
    saveFile(parts, fileName, format);
    const next = manifest.complete ? null : manifest.untilSeq + 1;
    setNextFromSeq(next ?? 1);
    setExporting({
      state: 'done',
      text: t('audit.export.done', { count: manifest.count.toLocaleString('en-US'), from: manifest.fromSeq, until: manifest.untilSeq, hash: shortHash(manifest.headHash, 16), file: fileName }),
      nextFromSeq: next,
    });
    // The file carries the chain check made for it: show that verdict, the one the auditor keeps.
    if (manifest.fromSeq === 1) setBanner({ state: 'done', result: manifest.verification, at: manifest.exportedAt, source: 'export' });
  }, [bridge, exporting.state, format, i18n.language, nextFromSeq, t]);

  // F5 is a new look (and a new check); Ctrl+E exports. The shell keeps F5 from reloading.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'F5' || (event.key === 'r' && (event.ctrlKey || event.metaKey))) {
        setView((v) => ({ ...v, version: v.version + 1 }));
        void verify();
      } else if (event.key.toLowerCase() === 'e' && event.ctrlKey && !event.altKey) {
        event.preventDefault();
        void runExport();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [runExport, verify]);

  const onGridReady = useCallback((event: GridReadyEvent<AuditEntryRow>) => {
    apiRef.current = event.api;
  }, []);
  const onCellFocused = useCallback((event: CellFocusedEvent<AuditEntryRow>) => {
    if (event.rowIndex == null || !isOperatorFocus(event)) return;
    setFocused(event.api.getDisplayedRowAtIndex(event.rowIndex)?.data ?? null);
  }, []);

  if (!allowed) return <p className="notice notice-error">{t('audit.noAccess')}</p>;

  const field = (name: keyof FilterForm) => ({
    value: form[name],
    onChange: (e: { target: { value: string } }) => setForm((f) => ({ ...f, [name]: e.target.value })),
  });

  return (
    <section className="screen audit-screen" aria-labelledby="audit-heading">
      <div className="screen-head">
        <h2 id="audit-heading">{t('audit.heading')}</h2>
        <span className="keys-hint">{t('audit.keys')}</span>
      </div>
      <VerificationBanner banner={banner} onVerify={() => void verify()} onLocate={locate} />
      <form className="audit-filters" onSubmit={apply} data-testid="audit-filters">
        <label className="field">
          <span className="field-label">{t('audit.filter.actor')}</span>
          <input name="actor" data-testid="audit-filter-actor" spellCheck={false} maxLength={64} {...field('actor')} />
        </label>
        <label className="field audit-action-field">
          <span className="field-label">{t('audit.filter.action')}</span>
          <input name="action" data-testid="audit-filter-action" list="audit-action-families" spellCheck={false} maxLength={64} {...field('action')} />
          <datalist id="audit-action-families">
            {ACTION_FAMILIES.map((a) => (
              <option key={a} value={a} />
            ))}
          </datalist>
        </label>
        <label className="field">
          <span className="field-label">{t('audit.filter.from')}</span>
          <input type="date" name="from" data-testid="audit-filter-from" {...field('from')} />
        </label>
        <label className="field">
          <span className="field-label">{t('audit.filter.to')}</span>
          <input type="date" name="to" data-testid="audit-filter-to" {...field('to')} />
        </label>
        <div className="audit-filter-buttons">
          <button type="submit" data-testid="audit-apply">{t('audit.filter.apply')}</button>
          <button type="button" onClick={reset}>{t('audit.filter.reset')}</button>
        </div>
        <div className="audit-export">
          <label className="field">
            <span className="field-label">{t('audit.export.format')}</span>
            <select data-testid="audit-export-format" value={format} onChange={(e) => setFormat(e.target.value as AuditExportFormat)}>
              <option value="csv">{t('audit.export.csv')}</option>
              <option value="jsonl">{t('audit.export.jsonl')}</option>
            </select>
          </label>
          <button type="button" className="primary" data-testid="audit-export" disabled={exporting.state === 'busy'} onClick={() => void runExport()}>
            {nextFromSeq > 1 ? t('audit.export.nextPart', { next: nextFromSeq }) : t('audit.export.button')}
          </button>
        </div>
      </form>
      {view.anchor !== undefined && (
        <p className="notice audit-located" data-testid="audit-located">
          {t('audit.located', { seq: view.focusSeq ?? view.anchor })}{' '}
          <button type="button" className="small" onClick={reset}>{t('audit.backToNewest')}</button>
        </p>
      )}
      <div className="grid-host" data-testid="audit-grid">
        <ConsoleGrid<AuditEntryRow>
          columnDefs={columnDefs}
          defaultColDef={{ resizable: true, sortable: false, filter: false, suppressHeaderMenuButton: true }}
          rowModelType="infinite"
          datasource={datasource}
          cacheBlockSize={BLOCK_ROWS}
          infiniteInitialRowCount={BLOCK_ROWS}
          maxConcurrentDatasourceRequests={2}
          blockLoadDebounceMillis={60}
          getRowId={(p) => String(p.data.seq)}
          rowClassRules={rowClassRules}
          rowSelection={{ mode: 'singleRow', checkboxes: false, enableClickSelection: true }}
          tooltipShowDelay={400}
          onGridReady={onGridReady}
          onCellFocused={onCellFocused}
        />
      </div>
      <div className="audit-entry" data-testid="audit-entry">
        {focused !== null && (
          <>
            <span className="audit-entry-title">{t('audit.entry.title', { seq: focused.seq })}</span>
            <span className="mono">{centreDateTime(focused.at)}</span>
            <span className="mono">{focused.actor}</span>
            <span className="mono">{focused.action}</span>
            <span>{focused.subject}</span>
            <span className="audit-entry-hashes">
              <span className="muted">{t('audit.entry.prevHash')}</span> <span className="mono">{focused.prevHash}</span>
              <span className="muted">{t('audit.entry.hash')}</span> <span className="mono">{focused.hash}</span>
            </span>
            <span className="audit-entry-details">
              <span className="muted">{t('audit.entry.details')}</span> {focused.details}
            </span>
          </>
        )}
      </div>
      <div className="grid-status" data-testid="audit-status">
        {changes !== changesAtView && shownView === view && (
          <span className="audit-new-entries" data-testid="audit-new-entries">{t('audit.newEntries')}</span>
        )}
        {gridError !== null ? (
          <span className="err">{gridError}</span>
        ) : shownView !== view ? (
          t('audit.loading')
        ) : view.anchor !== undefined || total === null ? null : (
          // A located view starts mid-log: the notice above says where; a count would mislead.
          <span data-testid="audit-total">{t('audit.total', { n: total.toLocaleString('en-US') })}</span>
        )}
        {exporting.state === 'busy' && (
          <span className="audit-export-status">{t('audit.export.busy', { done: exporting.done.toLocaleString('en-US'), total: exporting.total.toLocaleString('en-US') })}</span>
        )}
        {exporting.state === 'done' && (
          <span className="audit-export-status ok" data-testid="audit-export-done">
            {exporting.text}
            {exporting.nextFromSeq !== null && ` ${t('audit.export.partial', { until: exporting.nextFromSeq - 1, next: exporting.nextFromSeq })}`}
          </span>
        )}
        {exporting.state === 'failed' && <span className="audit-export-status err">{exporting.text}</span>}
      </div>
    </section>
  );
}
