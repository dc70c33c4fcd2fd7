import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GridApi, GridReadyEvent, IDatasource, IGetRowsParams } from 'ag-grid-community';
import type { PaymentRow } from '../../../shared/contract';
import { PAYMENT_STATUSES } from '../../../shared/domain';
import { useBridge } from '../../state/bridge-context';
import { useAppSelector } from '../../state/store';
import { localized } from '../../i18n/i18n';
import { PaymentsInfiniteGrid } from '../../grid/PaymentsInfiniteGrid';
import { blotterColumns } from './blotter-columns';
import { NO_TOOLBAR_FILTERS, pageInput, type ToolbarFilters } from './blotter-query';

export function BlotterScreen() {
  const { t, i18n } = useTranslation();
  const bridge = useBridge();
  const paymentsVersion = useAppSelector((s) => s.ui.paymentsVersion);
  const [toolbar, setToolbar] = useState<ToolbarFilters>(NO_TOOLBAR_FILTERS);
  const toolbarRef = useRef(toolbar);
  const apiRef = useRef<GridApi<PaymentRow> | null>(null);
  const focusFirstRow = useRef(true);
  const [count, setCount] = useState<number | null>(null);
  const [lastMs, setLastMs] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);

  const participants = useAppSelector((s) => s.session.participants);
  const columnDefs = useMemo(() => {
    const byId = new Map(participants.map((p) => [p.id, p]));
    return blotterColumns(t, (id) => byId.get(id));
  }, [t, participants]);

  const datasource = useMemo<IDatasource>(
    () => ({
      getRows(params: IGetRowsParams) {
        const started = performance.now();
        void bridge.invoke('payments.page', pageInput(params, toolbarRef.current)).then((result) => {
          if (result.ok) {
            params.successCallback(result.value.rows, result.value.lastRow ?? undefined);
            // Arriving by F4, the keyboard lands on the first row so the arrows work at once.
            if (params.startRow === 0 && focusFirstRow.current) {
              focusFirstRow.current = false;
              apiRef.current?.setFocusedCell(0, 'id');
            }
            setCount(result.value.lastRow);
            setLastMs(Math.round(performance.now() - started));
            setError(null);
          } else {
            params.failCallback();
            setError(localized(i18n.language, result.error));
          }
        });
      },
    }),
    [bridge, i18n.language],
  );

  const onGridReady = useCallback((event: GridReadyEvent<PaymentRow>) => {
    apiRef.current = event.api;
  }, []);

  useEffect(() => {
    toolbarRef.current = toolbar;
    apiRef.current?.purgeInfiniteCache();
  }, [toolbar]);

  useEffect(() => {
    if (paymentsVersion > 0) apiRef.current?.refreshInfiniteCache();
  }, [paymentsVersion]);

  const pick = (key: keyof ToolbarFilters, value: string) => setToolbar((f) => ({ ...f, [key]: value }));

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
        <select aria-label={t('columns.kind')} value={toolbar.kind} onChange={(e) => pick('kind', e.target.value)}>
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
          }}
        >
          {t('blotter.reset')}
        </button>
        <span className="keys-hint">{t('blotter.keys')}</span>
      </div>
      <PaymentsInfiniteGrid testId="blotter-grid" columnDefs={columnDefs} datasource={datasource} onGridReady={onGridReady} />
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
