import type { PaymentRow } from '../../shared/contract';
import { formatAmount } from '../../shared/money/format';
import type { CurrencyCode } from '../../shared/money/currency';
import type { PaymentKind, PaymentStatus } from '../../shared/domain/payment';

/** A payments table row as better-sqlite3 returns it with safeIntegers (INTEGER -> bigint). */
export interface PaymentDbRow {
  seq: bigint;
  id: string;
  kind: PaymentKind;
  priority: bigint;
  status: PaymentStatus;
  direction: 'out' | 'in';
  from_id: string;
  to_id: string;
  amount_minor: bigint;
  currency: string;
  debtor_name: string;
  debtor_account: string;
  creditor_name: string;
  creditor_account: string;
  purpose: string;
  bill_number: string | null;
  bill_issue_date: string | null;
  bill_drawer: string | null;
  original_id: string | null;
  maker: string;
  checker: string | null;
  reason: string | null;
  note: string | null;
  created_at: string;
  updated_at: string;
  business_date: string;
}

/** Columns every payment read selects (the generated counterparty columns are derived again here). */
export const PAYMENT_COLUMNS = `seq, id, kind, priority, status, direction, from_id, to_id, amount_minor, currency,
  debtor_name, debtor_account, creditor_name, creditor_account, purpose, bill_number, bill_issue_date, bill_drawer,
  original_id, maker, checker, reason, note, created_at, updated_at, business_date`;

export function toPaymentRow(row: PaymentDbRow, participantNames: ReadonlyMap<string, string>): PaymentRow {
  const out = row.direction === 'out';
  return {
    id: row.id,
    kind: row.kind,
    priority: Number(row.priority),
    status: row.status,
    direction: row.direction,
    from: row.from_id,
    fromName: participantNames.get(row.from_id) ?? row.from_id,
    to: row.to_id,
    toName: participantNames.get(row.to_id) ?? row.to_id,
    counterparty: out ? row.to_id : row.from_id,
    counterpartyName: out ? row.creditor_name : row.debtor_name,
    amount: formatAmount(row.amount_minor, row.currency as CurrencyCode),
    currency: row.currency,
    debtorName: row.debtor_name,
    debtorAccount: row.debtor_account,
    creditorName: row.creditor_name,
    creditorAccount: row.creditor_account,
    purpose: row.purpose,
    maker: row.maker,
    checker: row.checker,
    reason: row.reason,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    businessDate: row.business_date,
  };
}
