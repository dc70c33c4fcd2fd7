import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GridApi, GridReadyEvent, IDatasource, IGetRowsParams } from 'ag-grid-community';
import type { PaymentRow } from '../../../shared/contract';
import { useBridge } from '../../state/bridge-context';
import { useAppSelector } from '../../state/store';
import { localized } from '../../i18n/i18n';
import { PaymentsInfiniteGrid } from '../../grid/PaymentsInfiniteGrid';
import { NO_TOOLBAR_FILTERS, pageInput } from '../blotter/blotter-query';
import { inboundColumns } from './inbound-columns';
import { INBOUND_STATUSES, inboundToolbar } from './inbound-query';

/**
 * Payments other banks sent to this bank, as the house reported them (payment.inbound): the
 * blotter's grid and data path, pinned to direction 'in', with its own columns.
 */
export function InboundScreen() {
  const { t, i18n } = useTranslation();
  const bridge = useBridge();
  const paymentsVersion = useAppSelector((s) => s.ui.paymentsVersion);
  const connection = useAppSelector((s) => s.status.app?.connection ?? 'local');
  const [status, setStatus] = useState('');
  const statusRef = useRef(status);
  const apiRef = useRef<GridApi<PaymentRow> | null>(null);
  const [count, setCount] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);

  const participants = useAppSelector((s) => s.session.participants);
  const columnDefs = useMemo(() => {
    const byId = new Map(participants.map((p) => [p.id, p]));
    return inboundColumns(t, (id) => byId.get(id));
  }, [t, participants]);

  const datasource = useMemo<IDatasource>(
    () => ({
      getRows(params: IGetRowsParams) {
        void bridge.invoke('payments.page', pageInput(params, inboundToolbar(statusRef.current))).then((result) => {
          if (result.ok) {
            params.successCallback(result.value.rows, result.value.lastRow ?? undefined);
            if (params.startRow === 0) setCount(result.value.lastRow);
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
    // Arriving by its F-key, the keyboard lands on the first row so the arrows work at once.
    setTimeout(() => event.api.setFocusedCell(0, 'createdAt'), 0);
  }, []);

  useEffect(() => {
    statusRef.current = status;
    apiRef.current?.purgeInfiniteCache();
  }, [status]);

  useEffect(() => {
    if (paymentsVersion > 0) apiRef.current?.refreshInfiniteCache();
  }, [paymentsVersion]);

  return (
    <section className="screen inbound-screen" aria-labelledby="inbound-heading">
      <div className="screen-head">
        <h2 id="inbound-heading">{t('inbound.heading')}</h2>
        <select aria-label={t('columns.status')} data-testid="inbound-filter-status" value={status} onChange={(e) => setStatus(e.target.value)}>
          <option value="">{t('blotter.allStatuses')}</option>
          {INBOUND_STATUSES.map((s) => (
            <option key={s} value={s}>{t(`statuses.${s}`)}</option>
          ))}
        </select>
        <button
          type="button"
          onClick={() => {
            apiRef.current?.setFilterModel(null);
            setStatus(NO_TOOLBAR_FILTERS.status);
          }}
        >
          {t('blotter.reset')}
        </button>
        <span className="keys-hint">{t(`inbound.source.${connection}`)}</span>
      </div>
      <PaymentsInfiniteGrid testId="inbound-grid" columnDefs={columnDefs} datasource={datasource} onGridReady={onGridReady} />
      <div className="grid-status" data-testid="inbound-status">
        {error !== null ? (
          <span className="err">{error}</span>
        ) : count === null ? (
          t('blotter.loading')
        ) : (
          <span data-testid="inbound-count">{t('inbound.total', { n: count.toLocaleString('en-US') })}</span>
        )}
      </div>
    </section>
  );
}
