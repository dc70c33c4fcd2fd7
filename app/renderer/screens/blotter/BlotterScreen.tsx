import { useMemo, useState } from 'react';
import { GridStateModule, ModuleRegistry, type StateUpdatedEvent } from 'ag-grid-community';
import { useTranslation } from 'react-i18next';
import { PAYMENT_STATUSES } from '../../../shared/domain';
import { useAppDispatch, useAppSelector, viewsSlice } from '../../state/store';
import { PaymentsInfiniteGrid } from '../../grid/PaymentsInfiniteGrid';
import { usePaymentsDatasource } from '../../grid/use-payments-datasource';
import { blotterColumns } from './blotter-columns';
import { NO_TOOLBAR_FILTERS, pageInput, type ToolbarFilters } from './blotter-query';
import { BlotterPaymentDetail } from './BlotterPaymentDetail';
import { ArchivedPaymentNotice } from './ArchivedPaymentNotice';
import { useBridge } from '../../state/bridge-context';
import { localized } from '../../i18n/i18n';
import { MAX_PAGE_ROWS, type PaymentRow } from '../../../shared/contract';
import { downloadFile } from '../../components/download-file';
import { BLOTTER_EXPORT_MAX_ROWS, EXPORT_COLUMNS, blotterCsv, exportFileName, exportValue, type ExportColumn } from './blotter-export';
import { xlsxWorkbook } from '../../components/xlsx-writer';
import { downloadBytes } from '../../components/download-file';

// The grid's filters, sort and scroll position are saved to the store and given back on return.
ModuleRegistry.registerModules([GridStateModule]);

export function BlotterScreen() {
  const { t, i18n } = useTranslation();
  const dispatch = useAppDispatch();
  // Kept in the store, so leaving for another screen and coming back finds the same list.
  const toolbar = useAppSelector((s) => s.views.blotter.toolbar);
  const savedGrid = useAppSelector((s) => s.views.blotter.grid);
  const selectedId = useAppSelector((s) => s.views.blotter.selectedId) ?? undefined;
  const setToolbar = (next: ToolbarFilters) => dispatch(viewsSlice.actions.blotterToolbar(next));
  const bridge = useBridge();
  const [exporting, setExporting] = useState<{ done: number } | null>(null);
  // Kept as a key (or the contract error) and worded when shown, so a language switch rewords it.
  const [exportMessage, setExportMessage] = useState<{ kind: 'ok' | 'err'; key: string; params: Record<string, string> } | { kind: 'err'; error: { message: string; messageZh: string } } | null>(null);

  /** The list as filtered and sorted on screen, page by page, into one CSV (Excel reads the BOM as UTF-8) or XLSX. */
  const exportList = async (format: 'csv' | 'xlsx') => {
    if (exporting !== null) return;
    const api = apiRef.current;
    const request = { filterModel: api?.getFilterModel() ?? null, sortModel: (api?.getColumnState() ?? []).filter((c) => c.sort != null).map((c) => ({ colId: c.colId, sort: c.sort as 'asc' | 'desc' })) };
    const rows: PaymentRow[] = [];
    setExportMessage(null);
    setExporting({ done: 0 });
    let total: number | null = null;
    while (rows.length < BLOTTER_EXPORT_MAX_ROWS) {
      const result = await bridge.invoke('payments.page', pageInput({ ...request, startRow: rows.length, endRow: rows.length + MAX_PAGE_ROWS }, toolbar));
      if (!result.ok) {
        setExporting(null);
        setExportMessage({ kind: 'err', error: result.error });
        return;
      }
      rows.push(...result.value.rows);
      total = result.value.lastRow;
      setExporting({ done: rows.length });
      if (result.value.rows.length < MAX_PAGE_ROWS || (total !== null && rows.length >= total)) break;
    }
    const words = (column: string, code: string) => t(column === 'direction' ? `directions.${code}` : column === 'kind' ? `kinds.${code}` : column === 'priority' ? `priorities.${code}` : `statuses.${code}`);
    const label = (c: ExportColumn) => t(`blotterExport.columns.${c}`);
    const fileName = exportFileName(new Date().toISOString());
    if (format === 'csv') {
      downloadFile(['\uFEFF', blotterCsv(rows, label, (c, r) => exportValue(c, r, words))], fileName, 'text/csv;charset=utf-8');
    } else {
      const cells = rows.map((r) => EXPORT_COLUMNS.map((c) => (c === 'amount' ? { number: r.amount } : { text: exportValue(c, r, words) })));
      const book = xlsxWorkbook(t('blotter.heading'), EXPORT_COLUMNS.map(label), cells);
      downloadBytes(book, fileName.replace(/\.csv$/, '.xlsx'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    }
    setExporting(null);
    const cut = total !== null && total > rows.length;
    setExportMessage({ kind: cut ? 'err' : 'ok', key: cut ? 'blotterExport.cut' : 'blotterExport.done', params: { n: rows.length.toLocaleString('en-US'), total: (total ?? rows.length).toLocaleString('en-US') } });
  };
  const { datasource, onGridReady, apiRef, count, lastMs, error } = usePaymentsDatasource(toolbar, pageInput, 'id');

  const participants = useAppSelector((s) => s.session.participants);
  const columnDefs = useMemo(() => {
    const byId = new Map(participants.map((p) => [p.id, p]));
    return blotterColumns(t, (id) => byId.get(id));
  }, [t, participants]);


  const pick = (key: keyof ToolbarFilters, value: string) => setToolbar({ ...toolbar, [key]: value });
  // An id the list does not hold may have been archived: the notice asks (docs/archive.md).
  const idFilter = (savedGrid?.filter?.filterModel as Record<string, { filter?: unknown }> | undefined)?.id?.filter;
  const archivedLookup = count === 0 && typeof idFilter === 'string' && idFilter.trim() !== '' ? idFilter.trim() : undefined;

  return (
    <section className="screen blotter-screen" aria-labelledby="blotter-heading">
      <div className="screen-head">
        <h2 id="blotter-heading">{t('blotter.heading')}</h2>
        <select aria-label={t('columns.status')} data-testid="filter-status" value={toolbar.status} onChange={(e) => pick('status', e.target.value)}>
          <option value="">{t('blotter.allStatuses')}</option>
          {PAYMENT_STATUSES.map((s) => (
            <option key={s} value={s}>{t(`statuses.${s}`)}</option>
          ))}
        </select>
        <select aria-label={t('columns.kind')} data-testid="filter-kind" value={toolbar.kind} onChange={(e) => pick('kind', e.target.value)}>
          <option value="">{t('blotter.allKinds')}</option>
          {(['hvps', 'beps', 'bill', 'return'] as const).map((k) => (
            <option key={k} value={k}>{t(`kinds.${k}`)}</option>
          ))}
        </select>
        <select aria-label={t('columns.direction')} value={toolbar.direction} onChange={(e) => pick('direction', e.target.value)}>
          <option value="">{t('blotter.allDirections')}</option>
          <option value="out">{t('directions.out')}</option>
          <option value="in">{t('directions.in')}</option>
        </select>
        <button
          type="button"
          onClick={() => {
            apiRef.current?.setFilterModel(null);
            setToolbar(NO_TOOLBAR_FILTERS);
            dispatch(viewsSlice.actions.blotterGrid(null));
          }}
        >
          {t('blotter.reset')}
        </button>
        <button type="button" data-testid="blotter-export" disabled={exporting !== null} title={t('blotterExport.hint')} onClick={() => void exportList('csv')}>
          {exporting === null ? t('blotterExport.button') : t('blotterExport.running', { n: exporting.done.toLocaleString('en-US') })}
        </button>
        <button type="button" data-testid="blotter-export-xlsx" disabled={exporting !== null} title={t('blotterExport.hint')} onClick={() => void exportList('xlsx')}>
          {t('blotterExport.xlsx')}
        </button>
        <span className="keys-hint">{t('blotter.keys')}</span>
      </div>
      {exportMessage !== null && (
        <p className={exportMessage.kind === 'ok' ? 'notice notice-ok' : 'notice notice-error'} role="status" data-testid="blotter-export-message">
          {'error' in exportMessage ? localized(i18n.language, exportMessage.error) : t(exportMessage.key, exportMessage.params)}
        </p>
      )}
      {archivedLookup !== undefined && <ArchivedPaymentNotice id={archivedLookup} />}
      <PaymentsInfiniteGrid
        testId="blotter-grid"
        columnDefs={columnDefs}
        datasource={datasource}
        onGridReady={onGridReady}
        onSelected={(row) => dispatch(viewsSlice.actions.blotterSelected(row?.id ?? null))}
        initialState={savedGrid ?? undefined}
        onStateUpdated={(e: StateUpdatedEvent) => dispatch(viewsSlice.actions.blotterGrid({ filter: e.state.filter, sort: e.state.sort, scroll: e.state.scroll }))}
      />
      {selectedId !== undefined && <BlotterPaymentDetail paymentId={selectedId} />}
      <div className="grid-status" data-testid="blotter-status">
        {error !== null ? (
          <span className="err">{error}</span>
        ) : count === null ? (
          t('blotter.loading')
        ) : (
          <>
            <span data-testid="blotter-count">{t('blotter.total', { n: count.toLocaleString('en-US') })}</span>
            {lastMs !== null && <span className="muted"> · {t('blotter.lastPage', { ms: lastMs })}</span>}
          </>
        )}
      </div>
    </section>
  );
}
