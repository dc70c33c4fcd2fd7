import type { ColDef } from 'ag-grid-community';
import type { TFunction } from 'i18next';
import type { PaymentRow } from '../../../shared/contract';
import {
  type BankName,
  amountColumn,
  businessDateColumn,
  counterpartyColumn,
  createdAtColumn,
  idColumn,
  kindColumn,
  plainColumn,
  statusColumn,
} from '../../grid/payment-columns';

/**
 * Columns of the inbound grid: what a receiving clerk posts from — who sent it (bank, debtor),
 * to which of our customers (creditor name and account), how much, and where the house has it.
 * The column definitions are the blotter's (grid/payment-columns.tsx); order and headers are this grid's.
 */
export function inboundColumns(t: TFunction, bankName: BankName): ColDef<PaymentRow>[] {
  return [
    // Wide enough for "2026-11-27 03:16:49" in the 12 px monospace face.
    createdAtColumn(t('inbound.columns.receivedAt'), 166),
    idColumn(t('inbound.columns.houseId')),
    statusColumn(t, 84),
    kindColumn(t),
    // For an inbound payment the counterparty is the sending bank.
    counterpartyColumn(t('inbound.columns.fromBank'), 190, bankName),
    amountColumn(t),
    // Our customer first: the receiving clerk credits the payee's account.
    plainColumn('creditorName', t('inbound.columns.creditorName'), 170),
    plainColumn('creditorAccount', t('inbound.columns.creditorAccount'), 160, { cellClass: 'mono' }),
    plainColumn('debtorName', t('inbound.columns.debtorName'), 170),
    plainColumn('debtorAccount', t('inbound.columns.debtorAccount'), 160, { cellClass: 'mono' }),
    plainColumn('purpose', t('columns.purpose'), 140),
    businessDateColumn(t, 100, false),
  ];
}
