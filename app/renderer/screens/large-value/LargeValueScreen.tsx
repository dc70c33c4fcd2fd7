import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CellFocusedEvent, GridApi, GridReadyEvent, SelectionChangedEvent } from 'ag-grid-community';
import type { LargeValueFilter, LargeValuePayment, LargeValueRow } from '../../../shared/contract/handlers/large-value';
import { useBridge } from '../../state/bridge-context';
import { useAppSelector } from '../../state/store';
import { localized } from '../../i18n/i18n';
import { ConsoleGrid } from '../../grid/ConsoleGrid';
import { isOperatorFocus } from '../../grid/grid-focus';
import { useKeptState } from '../../state/use-kept-state';
import { groupedAmount, centreDateTime } from '../../components/amount-text';
import { registerDeskGridModules } from '../risk/risk-grid';
import { largeValueColumns } from './large-value-columns';
import { canFileLargeValue, canReadLargeValue, CSV_BOM } from './large-value-format';
import { downloadFile } from '../../components/download-file';
import { MarkFiledDialog } from './MarkFiledDialog';
import './large-value.css';

registerDeskGridModules();

interface FilterForm {
  status: LargeValueFilter['status'];
  from: string;
  to: string;
  customer: string;
}
const EMPTY_FORM: FilterForm = { status: 'pending', from: '', to: '', customer: '' };

function filterOf(form: FilterForm): LargeValueFilter {
  return {
    status: form.status,
    ...(form.from === '' ? {} : { from: form.from }),
    ...(form.to === '' ? {} : { to: form.to }),
    ...(form.customer.trim() === '' ? {} : { customer: form.customer.trim() }),
  };
}

type Message = { kind: 'ok' | 'error'; text: string } | null;
interface Detail {
  report: LargeValueRow;
  payments: LargeValuePayment[];
  missingIds: string[];
}

/**
 * The compliance officer's large-value reports (PBoC Order [2016] No. 3): what must be filed
 * and by when, the payments behind each, the filing file, and the PBoC receipt once filed.
 */
export function LargeValueScreen() {
  const { t, i18n } = useTranslation();
  const bridge = useBridge();
  const roles = useAppSelector((s) => s.session.operator?.roles ?? []);
  const allowed = canReadLargeValue(roles);
  const officer = canFileLargeValue(roles);
  const apiRef = useRef<GridApi<LargeValueRow> | null>(null);
  // The filter (as typed and as applied) and the report being read are kept in the store: the
  // screen comes back as it was left.
  const [form, setForm] = useKeptState<FilterForm>('largeValue.form', EMPTY_FORM);
  const [filter, setFilter] = useKeptState<LargeValueFilter>('largeValue.filter', filterOf(EMPTY_FORM));
  const [readingId, setReadingId] = useKeptState<string | null>('largeValue.readingId', null);
  const [version, setVersion] = useState(0);
  const [rows, setRows] = useState<LargeValueRow[]>([]);
  const [total, setTotal] = useState(0);
  const [today, setToday] = useState('');
  const [loading, setLoading] = useState(true);
  const [message, setMessage] = useState<Message>(null);
  const [selected, setSelected] = useState<string[]>([]);
  const [detail, setDetail] = useState<Detail | null>(null);
  const [filing, setFiling] = useState<{ error: string | null; busy: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const err = useCallback((e: { message: string; messageZh: string }) => localized(i18n.language, e), [i18n.language]);

  const loadDetail = useCallback(
    async (reportId: string) => {
      const result = await bridge.invoke('risk.largeValue.get', { reportId });
      if (result.ok) {
        setDetail(result.value);
        setReadingId(reportId);
      }
      else setMessage({ kind: 'error', text: err(result.error) });
    },
    [bridge, err, setReadingId],
  );
  // Back on the screen: the report read at the last visit is open again.
  // Only on arrival: later choices load through the focus.
  const arrived = useRef(false);
  useEffect(() => {
    if (arrived.current || !allowed) return;
    arrived.current = true;
    if (readingId !== null) void loadDetail(readingId);
  }, [allowed, readingId, loadDetail]);

  const reportsChanged = useAppSelector((s) => s.ui.dataVersions.largeValue ?? 0);
  useEffect(() => {
    if (!allowed) return;
    let live = true;
    setLoading(true);
    void bridge.invoke('risk.largeValue.page', { filter, limit: 1000 }).then((result) => {
      if (!live) return;
      setLoading(false);
      if (!result.ok) {
        setMessage({ kind: 'error', text: err(result.error) });
        return;
      }
      setRows(result.value.rows);
      setTotal(result.value.total);
      setToday(result.value.today);
    });
    return () => {
      live = false;
    };
    // Another officer's export or filing shows without F5 (data.changed).
  }, [allowed, bridge, err, filter, version, reportsChanged]);

  const refresh = useCallback(() => setVersion((v) => v + 1), []);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'F5') refresh();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [refresh]);

  const columnDefs = useMemo(() => largeValueColumns(t), [t]);
  const overdue = rows.filter((r) => r.overdue).length;
  const pendingSelected = selected.filter((id) => rows.find((r) => r.reportId === id)?.status !== 'submitted');

  const apply = (event?: FormEvent) => {
    event?.preventDefault();
    setFilter(filterOf(form));
  };

  const runExport = async () => {
    if (busy) return;
    setBusy(true);
    setMessage(null);
    const result = await bridge.invoke('risk.largeValue.export', selected.length > 0 ? { reportIds: selected } : {});
    setBusy(false);
    if (!result.ok) {
      setMessage({ kind: 'error', text: err(result.error) });
      return;
    }
    downloadFile([CSV_BOM, result.value.csv], result.value.fileName, 'text/csv;charset=utf-8');
    setMessage({ kind: 'ok', text: t('largeValue.exported', { count: result.value.count, file: result.value.fileName }) });
    refresh();
    if (detail !== null) void loadDetail(detail.report.reportId);
  };

  const runGenerate = async () => {
    if (busy) return;
    setBusy(true);
    const result = await bridge.invoke('risk.largeValue.generate', {});
    setBusy(false);
    if (!result.ok) {
      setMessage({ kind: 'error', text: err(result.error) });
      return;
    }
    const { businessDate, inserted, refreshed, changedAfterReview } = result.value;
    setMessage({
      kind: changedAfterReview.length > 0 ? 'error' : 'ok',
      text: t('largeValue.generated', { date: businessDate, inserted, refreshed }) + (changedAfterReview.length > 0 ? ` ${t('largeValue.changedAfterReview', { ids: changedAfterReview.join(', ') })}` : ''),
    });
    refresh();
  };

  const submitFiling = async (filingRef: string) => {
    if (detail === null) return;
    setFiling({ error: null, busy: true });
    const result = await bridge.invoke('risk.largeValue.markFiled', { reportId: detail.report.reportId, filingRef });
    if (!result.ok) {
      setFiling({ error: err(result.error), busy: false });
      return;
    }
    setFiling(null);
    setMessage({ kind: 'ok', text: t('largeValue.filed', { id: result.value.report.reportId, ref: result.value.report.filingRef ?? '' }) });
    refresh();
    void loadDetail(result.value.report.reportId);
  };

  const onGridReady = useCallback((event: GridReadyEvent<LargeValueRow>) => {
    apiRef.current = event.api;
  }, []);
  const onCellFocused = useCallback(
    (event: CellFocusedEvent<LargeValueRow>) => {
      // Not ag-grid's restoring of the focused index after a reload (another report stands there).
      if (event.rowIndex == null || !isOperatorFocus(event)) return;
      const row = event.api.getDisplayedRowAtIndex(event.rowIndex)?.data;
      if (row !== undefined && row.reportId !== detail?.report.reportId) void loadDetail(row.reportId);
    },
    [detail, loadDetail],
  );
  const onSelectionChanged = useCallback((event: SelectionChangedEvent<LargeValueRow>) => {
    setSelected(event.api.getSelectedRows().map((r) => r.reportId));
  }, []);

  if (!allowed) return <p className="notice notice-error">{t('largeValue.noAccess')}</p>;

  const field = (name: keyof FilterForm) => ({
    value: form[name],
    onChange: (e: { target: { value: string } }) => setForm((f) => ({ ...f, [name]: e.target.value })),
  });
  const current = detail?.report ?? null;

  return (
    <section className="screen large-value-screen" aria-labelledby="lv-heading">
      <div className="screen-head">
        <h2 id="lv-heading">{t('largeValue.heading')}</h2>
        <span className="muted">{t('largeValue.rule')}</span>
        <span className="keys-hint">{t('largeValue.keys')}</span>
      </div>
      <form className="lv-filters" onSubmit={apply} data-testid="lv-filters">
        <label className="field">
          <span className="field-label">{t('largeValue.filter.status')}</span>
          <select data-testid="lv-filter-status" {...field('status')}>
            <option value="pending">{t('largeValue.filter.pending')}</option>
            <option value="filed">{t('largeValue.filter.filed')}</option>
            <option value="all">{t('largeValue.filter.all')}</option>
          </select>
        </label>
        <label className="field">
          <span className="field-label">{t('largeValue.filter.from')}</span>
          <input type="date" data-testid="lv-filter-from" {...field('from')} />
        </label>
        <label className="field">
          <span className="field-label">{t('largeValue.filter.to')}</span>
          <input type="date" data-testid="lv-filter-to" {...field('to')} />
        </label>
        <label className="field">
          <span className="field-label">{t('largeValue.filter.customer')}</span>
          <input data-testid="lv-filter-customer" maxLength={64} spellCheck={false} placeholder={t('largeValue.filter.customerPlaceholder')} {...field('customer')} />
        </label>
        <div className="lv-buttons">
          <button type="submit" data-testid="lv-apply">{t('largeValue.filter.apply')}</button>
          <button type="button" onClick={() => { setForm(EMPTY_FORM); setFilter(filterOf(EMPTY_FORM)); }}>{t('largeValue.filter.reset')}</button>
        </div>
        {officer && (
          <div className="lv-actions">
            <button type="button" data-testid="lv-generate" disabled={busy} onClick={() => void runGenerate()}>{t('largeValue.generate', { date: today })}</button>
            <button type="button" className="primary" data-testid="lv-export" disabled={busy || (selected.length > 0 && pendingSelected.length === 0)} onClick={() => void runExport()}>
              {selected.length > 0 ? t('largeValue.exportSelected', { count: selected.length }) : t('largeValue.exportPending')}
            </button>
          </div>
        )}
      </form>
      {message !== null && (
        <p className={message.kind === 'ok' ? 'notice notice-ok' : 'notice notice-error'} role="status" data-testid="lv-message">{message.text}</p>
      )}
      <div className="lv-split">
        <div className="grid-host" data-testid="lv-grid">
          <ConsoleGrid<LargeValueRow>
            columnDefs={columnDefs}
            defaultColDef={{ resizable: true, sortable: true, suppressHeaderMenuButton: true }}
            rowData={rows}
            getRowId={(p) => p.data.reportId}
            rowSelection={officer ? { mode: 'multiRow', checkboxes: true, headerCheckbox: true, enableClickSelection: false } : { mode: 'singleRow', checkboxes: false, enableClickSelection: true }}
            overlayNoRowsTemplate={`<span class="muted">${t('largeValue.empty')}</span>`}
            tooltipShowDelay={400}
            // A filed report leaves the pending list at once; no fading rows to misread.
            animateRows={false}
            onGridReady={onGridReady}
            onCellFocused={onCellFocused}
            onSelectionChanged={onSelectionChanged}
          />
        </div>
        <aside className="detail-pane lv-detail" data-testid="lv-detail" aria-label={t('largeValue.detail.title')}>
          {current === null || detail === null ? (
            <p className="empty">{t('largeValue.selectHint')}</p>
          ) : (
            <>
              <h3>{current.customerName}</h3>
              <dl className="details-grid">
                <dt>{t('largeValue.detail.reportId')}</dt>
                {/* The id's codes (corporate_transfer-out) in words; the id itself in the tooltip and the filing file. */}
                <dd data-report-id={current.reportId} title={current.reportId} data-testid="lv-detail-report-id">
                  <span className="mono">LV-{current.businessDate}-{current.customerId}</span> · {t(`largeValue.categories.${current.category}`)} · {t(`largeValue.directions.${current.direction}`)}
                </dd>
                <dt>{t('largeValue.columns.category')}</dt>
                <dd>{t(`largeValue.categoryLong.${current.category}`)} · {t(`largeValue.directions.${current.direction}`)}</dd>
                <dt>{t('largeValue.columns.account')}</dt>
                <dd className="mono">{current.customerId} · {t(`largeValue.customerTypes.${current.customerType}`)}</dd>
                <dt>{t('largeValue.detail.total')}</dt>
                <dd className="lv-amount" data-testid="lv-detail-total">{groupedAmount(current.totalAmount)}</dd>
                <dt>{t('largeValue.detail.threshold')}</dt>
                <dd>{groupedAmount(current.thresholdAmount)} · {current.single ? t('largeValue.detail.single') : t('largeValue.detail.cumulative')}</dd>
                <dt>{t('largeValue.columns.businessDate')}</dt>
                <dd className="mono">{current.businessDate}</dd>
                <dt>{t('largeValue.columns.dueDate')}</dt>
                <dd className={current.overdue ? 'mono lv-overdue' : 'mono'}>{current.dueDate}</dd>
                <dt>{t('largeValue.columns.status')}</dt>
                <dd className={`lv-status-${current.status}`} data-testid="lv-detail-status">{t(`largeValue.statuses.${current.status}`)}</dd>
                {current.reviewedBy !== null && (<><dt>{t('largeValue.detail.reviewedBy')}</dt><dd className="mono">{current.reviewedBy}</dd></>)}
                {current.exportedAt !== null && (<><dt>{t('largeValue.detail.exportedAt')}</dt><dd className="mono">{centreDateTime(current.exportedAt)}</dd></>)}
                {current.filingRef !== null && (
                  <>
                    <dt>{t('largeValue.columns.filingRef')}</dt>
                    <dd className="mono" data-testid="lv-detail-ref">{current.filingRef}</dd>
                    <dt>{t('largeValue.detail.filedBy')}</dt>
                    <dd className="mono">{current.filedBy ?? ''} · {current.filedAt === null ? '' : centreDateTime(current.filedAt)}</dd>
                  </>
                )}
              </dl>
              {officer && current.status === 'exported' && (
                <div className="detail-actions">
                  <button type="button" className="primary" data-testid="lv-mark-filed" onClick={() => setFiling({ error: null, busy: false })}>{t('largeValue.file.button')}</button>
                </div>
              )}
              {officer && (current.status === 'generated' || current.status === 'reviewed') && <p className="muted small-text">{t('largeValue.exportFirst')}</p>}
              <h4>{t('largeValue.detail.payments', { count: detail.payments.length })}</h4>
              <table className="dense-table lv-payments" data-testid="lv-payments">
                <colgroup>
                  <col className="lv-col-id" />
                  <col />
                  <col className="lv-col-amount" />
                </colgroup>
                <thead>
                  <tr>
                    <th>{t('largeValue.payments.id')}</th>
                    <th>{t('largeValue.payments.counterparty')}</th>
                    <th className="num">{t('largeValue.payments.amount')}</th>
                  </tr>
                </thead>
                <tbody>
                  {detail.payments.map((p) => (
                    <tr key={p.id} title={`${centreDateTime(p.createdAt)} · ${p.direction === 'out' ? p.creditorAccount : p.debtorAccount} · ${p.purpose}`}>
                      <td className="mono">{p.id}</td>
                      <td>{p.direction === 'out' ? p.creditorName : p.debtorName}</td>
                      <td className="num">{groupedAmount(p.amount)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {detail.missingIds.length > 0 && <p className="muted small-text">{t('largeValue.detail.missing', { ids: detail.missingIds.join(', ') })}</p>}
            </>
          )}
        </aside>
      </div>
      <div className="grid-status" data-testid="lv-status">
        {loading ? t('largeValue.loading') : <span data-testid="lv-total">{t('largeValue.total', { shown: rows.length, total, today })}</span>}
        {overdue > 0 && <span className="lv-overdue" data-testid="lv-overdue-count">{t('largeValue.overdueCount', { count: overdue })}</span>}
      </div>
      {filing !== null && current !== null && (
        <MarkFiledDialog report={current} error={filing.error} busy={filing.busy} onSubmit={(ref) => void submitFiling(ref)} onCancel={() => setFiling(null)} />
      )}
    </section>
  );
}
