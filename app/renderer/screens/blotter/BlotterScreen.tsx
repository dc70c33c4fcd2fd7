import { useMemo } from 'react';
import { GridStateModule, ModuleRegistry, type StateUpdatedEvent } from 'ag-grid-community';
import { useTranslation } from 'react-i18next';
import { PAYMENT_STATUSES } from '../../../shared/domain';
import { useAppDispatch, useAppSelector, viewsSlice } from '../../state/store';
import { PaymentsInfiniteGrid } from '../../grid/PaymentsInfiniteGrid';
import { usePaymentsDatasource } from '../../grid/use-payments-datasource';
import { blotterColumns } from './blotter-columns';
import { NO_TOOLBAR_FILTERS, pageInput, type ToolbarFilters } from './blotter-query';
import { BlotterPaymentDetail } from './BlotterPaymentDetail';

// The grid's filters, sort and scroll position are saved to the store and given back on return.
ModuleRegistry.registerModules([GridStateModule]);

export function BlotterScreen() {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  // Kept in the store, so leaving for another screen and coming back finds the same list.
  const toolbar = useAppSelector((s) => s.views.blotter.toolbar);
  const savedGrid = useAppSelector((s) => s.views.blotter.grid);
  const selectedId = useAppSelector((s) => s.views.blotter.selectedId) ?? undefined;
  const setToolbar = (next: ToolbarFilters) => dispatch(viewsSlice.actions.blotterToolbar(next));
  const { datasource, onGridReady, apiRef, count, lastMs, error } = usePaymentsDatasource(toolbar, pageInput, 'id');

  const participants = useAppSelector((s) => s.session.participants);
  const columnDefs = useMemo(() => {
    const byId = new Map(participants.map((p) => [p.id, p]));
    return blotterColumns(t, (id) => byId.get(id));
  }, [t, participants]);


  const pick = (key: keyof ToolbarFilters, value: string) => setToolbar({ ...toolbar, [key]: value });

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
            dispatch(viewsSlice.actions.blotterGrid(null));
          }}
        >
          {t('blotter.reset')}
        </button>
        <span className="keys-hint">{t('blotter.keys')}</span>
      </div>
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
