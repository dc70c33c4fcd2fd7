import { useMemo } from 'react';
import { useKeptState } from '../../state/use-kept-state';
import { useTranslation } from 'react-i18next';
import type { IGetRowsParams } from 'ag-grid-community';
import { useAppSelector } from '../../state/store';
import { PaymentsInfiniteGrid } from '../../grid/PaymentsInfiniteGrid';
import { usePaymentsDatasource } from '../../grid/use-payments-datasource';
import { NO_TOOLBAR_FILTERS, pageInput } from '../blotter/blotter-query';
import { inboundColumns } from './inbound-columns';
import { INBOUND_STATUSES, inboundToolbar } from './inbound-query';

const inboundPageInput = (params: IGetRowsParams, status: string) => pageInput(params, inboundToolbar(status));

/**
 * Payments other banks sent to this bank, as the house reported them (payment.inbound): the
 * blotter's grid and data path, pinned to direction 'in', with its own columns.
 */
export function InboundScreen() {
  const { t } = useTranslation();
  const connection = useAppSelector((s) => s.status.app?.connection ?? 'local');
  // Kept in the store: the status filter is still chosen when the clerk comes back.
  const [status, setStatus] = useKeptState('inbound.status', '');
  const { datasource, onGridReady, apiRef, count, error } = usePaymentsDatasource(status, inboundPageInput, 'createdAt');

  const participants = useAppSelector((s) => s.session.participants);
  const columnDefs = useMemo(() => {
    const byId = new Map(participants.map((p) => [p.id, p]));
    return inboundColumns(t, (id) => byId.get(id));
  }, [t, participants]);


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
