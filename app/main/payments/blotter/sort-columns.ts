import type { SortablePaymentColumn } from '../../../shared/contract';

/**
 * Each sortable blotter column, its SQL column and the index that holds it (migrations 0004 and
 * 0005). Every order is (column, seq): seq breaks ties, so keys are unique and keyset seeks exact.
 */
export const SORT_COLUMNS: Readonly<Record<SortablePaymentColumn, { column: string; index: string }>> = {
  createdAt: { column: 'created_at', index: 'payments_created_at' },
  updatedAt: { column: 'updated_at', index: 'payments_updated_at' },
  businessDate: { column: 'business_date', index: 'payments_business_date' },
  id: { column: 'id', index: 'sqlite_autoindex_payments_1' },
  amount: { column: 'amount_minor', index: 'payments_amount' },
  status: { column: 'status', index: 'payments_status' },
  kind: { column: 'kind', index: 'payments_kind' },
  priority: { column: 'priority', index: 'payments_priority' },
  counterparty: { column: 'counterparty_id', index: 'payments_counterparty' },
  counterpartyName: { column: 'counterparty_name', index: 'payments_counterparty_name' },
};

export interface BlotterSort {
  colId: SortablePaymentColumn;
  direction: 'asc' | 'desc';
}

export const DEFAULT_SORT: BlotterSort = { colId: 'createdAt', direction: 'desc' };
