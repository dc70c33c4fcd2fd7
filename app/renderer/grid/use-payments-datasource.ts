import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GridApi, GridReadyEvent, IDatasource, IGetRowsParams } from 'ag-grid-community';
import type { HandlerInput, PaymentRow } from '../../shared/contract';
import { useBridge } from '../state/bridge-context';
import { useAppSelector } from '../state/store';
import { localized } from '../i18n/i18n';

/**
 * The data path of every payments grid: 'payments.page' for each block the infinite row model
 * asks for, built from the screen's own filters; the cache is emptied when the filters change
 * and refreshed when payments change. Arriving by its F-key, the keyboard lands on the first
 * row (in `focusColumn`) so the arrows work at once.
 */
export function usePaymentsDatasource<F>(
  filters: F,
  toInput: (params: IGetRowsParams, filters: F) => HandlerInput<'payments.page'>,
  focusColumn: string,
) {
  const { i18n } = useTranslation();
  const bridge = useBridge();
  const paymentsVersion = useAppSelector((s) => s.ui.paymentsVersion);
  const filtersRef = useRef(filters);
  const toInputRef = useRef(toInput);
  toInputRef.current = toInput;
  const apiRef = useRef<GridApi<PaymentRow> | null>(null);
  const focusFirstRow = useRef(true);
  const [count, setCount] = useState<number | null>(null);
  const [lastMs, setLastMs] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);

  const datasource = useMemo<IDatasource>(
    () => ({
      getRows(params: IGetRowsParams) {
        const started = performance.now();
        void bridge.invoke('payments.page', toInputRef.current(params, filtersRef.current)).then((result) => {
          if (result.ok) {
            params.successCallback(result.value.rows, result.value.lastRow ?? undefined);
            if (params.startRow === 0 && focusFirstRow.current) {
              focusFirstRow.current = false;
              apiRef.current?.setFocusedCell(0, focusColumn);
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
    [bridge, i18n.language, focusColumn],
  );

  const onGridReady = useCallback((event: GridReadyEvent<PaymentRow>) => {
    apiRef.current = event.api;
  }, []);

  useEffect(() => {
    filtersRef.current = filters;
    apiRef.current?.purgeInfiniteCache();
  }, [filters]);

  useEffect(() => {
    if (paymentsVersion > 0) apiRef.current?.refreshInfiniteCache();
  }, [paymentsVersion]);

  return { datasource, onGridReady, apiRef, count, lastMs, error };
}
