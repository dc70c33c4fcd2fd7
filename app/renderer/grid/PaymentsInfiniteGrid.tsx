import type { ColDef, GridReadyEvent, GridState, IDatasource, StateUpdatedEvent } from 'ag-grid-community';
import type { PaymentRow } from '../../shared/contract';
import { ConsoleGrid } from './ConsoleGrid';

/** Rows per request; with 24 px rows one block is a few screens. */
export const PAYMENT_BLOCK_ROWS = 100;

interface Props {
  testId: string;
  columnDefs: ColDef<PaymentRow>[];
  datasource: IDatasource;
  onGridReady: (event: GridReadyEvent<PaymentRow>) => void;
  /** The row the operator selected (click, or Space on the focused row); undefined when none. */
  onSelected?: (row: PaymentRow | undefined) => void;
  /** Filters, sort and scroll to start from (a screen coming back), and where to report changes. */
  initialState?: GridState;
  onStateUpdated?: (event: StateUpdatedEvent<PaymentRow>) => void;
}

/**
 * The payments grid on ag-grid's infinite row model, fed by 'payments.page' (sorting and
 * filtering in SQL): one setup for the blotter and the inbound screen, so both scroll a million
 * rows the same way.
 */
export function PaymentsInfiniteGrid({ testId, columnDefs, datasource, onGridReady, onSelected, initialState, onStateUpdated }: Props) {
  return (
    <div className="grid-host" data-testid={testId}>
      <ConsoleGrid<PaymentRow>
        columnDefs={columnDefs}
        defaultColDef={{ resizable: true, sortable: false, filter: false, suppressHeaderMenuButton: true }}
        rowModelType="infinite"
        datasource={datasource}
        cacheBlockSize={PAYMENT_BLOCK_ROWS}
        maxBlocksInCache={200}
        infiniteInitialRowCount={PAYMENT_BLOCK_ROWS}
        maxConcurrentDatasourceRequests={2}
        blockLoadDebounceMillis={60}
        getRowId={(p) => p.data.id}
        rowSelection={{ mode: 'singleRow', checkboxes: false, enableClickSelection: true }}
        onGridReady={onGridReady}
        initialState={initialState}
        onStateUpdated={onStateUpdated}
        onSelectionChanged={onSelected === undefined ? undefined : (e) => onSelected(e.api.getSelectedRows()[0])}
      />
    </div>
  );
}
