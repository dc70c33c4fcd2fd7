import type { PaymentRow } from '../../shared/contract';
import { formatAmount } from '../../shared/money/format';
import type { CurrencyCode } from '../../shared/money/currency';
import type { PaymentKind, PaymentPriority, PaymentStatus } from '../../shared/domain/payment';

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

/**
 * The columns a new payment is written with, in one list for every writer (capture, inbound
 * pull): `seq` is the table's own, `note` comes only with a status change, and the generated
 * counterparty columns are derived by SQLite.
 */
export const WRITTEN_COLUMNS = [
  'id', 'kind', 'priority', 'status', 'direction', 'from_id', 'to_id', 'amount_minor', 'currency',
  'debtor_name', 'debtor_account', 'creditor_name', 'creditor_account', 'purpose', 'bill_number', 'bill_issue_date',
  'bill_drawer', 'original_id', 'maker', 'checker', 'reason', 'created_at', 'updated_at', 'business_date',
] as const satisfies readonly (keyof PaymentDbRow)[];

export type WrittenColumn = (typeof WRITTEN_COLUMNS)[number];

/** snake_case column name -> camelCase field name, at the type level. */
type Camel<S extends string> = S extends `${infer Head}_${infer Tail}` ? `${Head}${Capitalize<Camel<Tail>>}` : S;

/** The same at run time: the named parameter of a column in the writer's statement. */
export function fieldOf(column: WrittenColumn): string {
  return column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
}

/**
 * A new payment as written by capture, inbound pull or tests: the written columns of
 * PaymentDbRow under camelCase names (derived, so the table is described once, above).
 */
export type NewPayment = { [C in Exclude<WrittenColumn, 'priority'> as Camel<C>]: PaymentDbRow[C] } & { priority: PaymentPriority };

/** Columns every payment read selects (the generated counterparty columns are derived again here). */
export const PAYMENT_COLUMNS = ['seq', ...WRITTEN_COLUMNS, 'note'].join(', ');

/**
 * The other bank and the other side's customer of a row (docs/console-backend.md "Bills: which
 * bank is which"; the generated columns of migration 0009 say the same in SQL). A payment out
 * goes to `to` and its creditor, one in comes from `from` and its debtor; a bill is the other
 * way round on the customer (we present for the payee: the other side is the drawer), and a
 * bill presented against us keeps the engine's `from` = paying bank = us, so the other bank is `to`.
 */
export function counterpartyOf(row: Pick<PaymentDbRow, 'direction' | 'kind' | 'from_id' | 'to_id' | 'debtor_name' | 'creditor_name'>): { id: string; name: string } {
  const out = row.direction === 'out';
  const bill = row.kind === 'bill';
  return { id: out || bill ? row.to_id : row.from_id, name: out === bill ? row.debtor_name : row.creditor_name };
}

export function toPaymentRow(row: PaymentDbRow, participantNames: ReadonlyMap<string, string>): PaymentRow {
  const counterparty = counterpartyOf(row);
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
    counterparty: counterparty.id,
    counterpartyName: counterparty.name,
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
