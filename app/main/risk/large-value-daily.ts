import type { PaymentDbRow } from '../payments/payment-record';
import { preparedOnce, type Db } from '../store/open-database';
import { detectLargeValue, type LargeValueTransaction } from '../../shared/risk/large-value/detect-large-value';
import type { CustomerType } from '../../shared/risk/rules/risk-input';
import type { WorkingCalendar } from '../../shared/domain/calendar';
import { saveLargeValueReports } from './large-value-store';

/**
 * The daily large-value run over the console's payments. Our customer is the debtor of an
 * outgoing payment (money out) and the creditor of an incoming one (money in). Only payments
 * that actually moved money count: settled, netted, or settled and later returned. CNAPS
 * payments are transfers between mainland banks, so none is cash or cross-border here; cash
 * and cross-border transactions come from the core banking feed through detectLargeValue.
 */
const MOVED = "('settled', 'netted', 'returned')";

const sql = preparedOnce((db) => ({
  day: db.prepare<[string], Pick<PaymentDbRow, 'id' | 'direction' | 'amount_minor' | 'debtor_name' | 'debtor_account' | 'creditor_name' | 'creditor_account' | 'business_date'>>(
    `SELECT id, direction, amount_minor, debtor_name, debtor_account, creditor_name, creditor_account, business_date
       FROM payments WHERE business_date = ? AND status IN ${MOVED} ORDER BY seq`,
  ).safeIntegers(),
}));

export interface DailyLargeValueInput {
  businessDate: string;
  /** Customer type by account; payments do not carry it. */
  customerTypeOf: (account: string, name: string) => CustomerType;
  /** The working-day calendar the 5-working-day due date counts by (settings/working-calendar.ts). */
  calendar: WorkingCalendar;
  actor: string;
  at: string;
}

export function paymentsAsLargeValueTransactions(db: Db, input: Pick<DailyLargeValueInput, 'businessDate' | 'customerTypeOf'>): LargeValueTransaction[] {
  return sql(db)
    .day.all(input.businessDate)
    .map((p) => {
      const out = p.direction === 'out';
      const account = out ? p.debtor_account : p.creditor_account;
      const name = out ? p.debtor_name : p.creditor_name;
      return {
        id: p.id,
        customerId: account,
        customerName: name,
        customerType: input.customerTypeOf(account, name),
        businessDate: p.business_date,
        direction: out ? 'out' : 'in',
        channel: 'transfer',
        crossBorder: false,
        amountMinor: BigInt(p.amount_minor),
      };
    });
}

/** Detects the day's reports from the payments and stores them (re-runnable). */
export function runDailyLargeValue(db: Db, input: DailyLargeValueInput) {
  const reports = detectLargeValue(paymentsAsLargeValueTransactions(db, input), input.calendar);
  return saveLargeValueReports(db, reports, { actor: input.actor, at: input.at });
}
