import type { ColDef, ValueFormatterParams } from 'ag-grid-community';
import type { TFunction } from 'i18next';
import type { PaymentRow } from '../../../shared/contract';
import {
  type BankName,
  TEXT_FILTER,
  amountColumn,
  businessDateColumn,
  counterpartyColumn,
  createdAtColumn,
  idColumn,
  kindColumn,
  plainColumn,
  statusColumn,
} from '../../grid/payment-columns';

type Row = PaymentRow;

/** The blotter's columns. Only columns the back end can sort by from an index are sortable. */
/** `bankName` turns a participant id into the bank's name (the 行号 shows as a tooltip). */
export function blotterColumns(t: TFunction, bankName: BankName): ColDef<Row>[] {
  return [
    idColumn(t('columns.id')),
    createdAtColumn(t('columns.createdAt'), 150),
    businessDateColumn(t, 150, true),
    plainColumn('direction', t('columns.direction'), 56, {
      valueFormatter: (p: ValueFormatterParams<Row, string>) => (p.value == null ? '' : t(`directions.${p.value}`)),
    }),
    kindColumn(t),
    {
      field: 'priority',
      headerName: t('columns.priority'),
      width: 64,
      sortable: true,
      valueFormatter: (p: ValueFormatterParams<Row, number>) => (p.value == null ? '' : t(`priorities.${p.value}`)),
    },
    // Wide enough for the longest label in either language as a chip (en "Risk hold", "Cancelled").
    statusColumn(t, 92),
    { field: 'counterpartyName', headerName: t('columns.counterpartyName'), width: 180, sortable: true, ...TEXT_FILTER },
    amountColumn(t),
    counterpartyColumn(t('columns.counterparty'), 150, bankName),
    plainColumn('debtorName', t('columns.debtorName'), 160),
    plainColumn('creditorName', t('columns.creditorName'), 160),
    plainColumn('maker', t('columns.maker'), 72),
    plainColumn('checker', t('columns.checker'), 72),
    plainColumn('purpose', t('columns.purpose'), 140),
  ];
}
