import type { Db } from '../store/open-database';
import { PAYMENT_KINDS, type PaymentKind } from '../../shared/domain/payment';
import { tryParseAmount } from '../../shared/money';
import { appendAudit } from '../audit/audit-log';
import { UserError } from '../user-error';
import { getSetting, setSetting } from '../settings/settings';
import { findPayment } from './payment-repository';

/**
 * Blind double entry at verification (复核双录), as branch practice expects for large payments:
 * for the kinds the bank chooses, the checker does not see the amount and payee account but keys
 * them again from the customer's voucher, and the console verifies only when both agree with
 * what the maker keyed. Off for every kind until an administrator turns it on (a store without
 * the setting verifies as before).
 */
export function blindVerifyKinds(db: Db): PaymentKind[] {
  const stored = getSetting(db, 'blind_verify_kinds');
  if (stored === undefined) return [];
  const kinds = JSON.parse(stored) as unknown;
  if (!Array.isArray(kinds) || !kinds.every((k) => (PAYMENT_KINDS as readonly string[]).includes(k as string))) {
    throw new Error(`setting blind_verify_kinds holds ${stored}: not a list of payment kinds`);
  }
  return kinds as PaymentKind[];
}

export function setBlindVerifyKinds(db: Db, kinds: readonly PaymentKind[], by: string, at: string): PaymentKind[] {
  const unique = PAYMENT_KINDS.filter((k) => kinds.includes(k));
  db.transaction(() => {
    const before = blindVerifyKinds(db);
    setSetting(db, 'blind_verify_kinds', JSON.stringify(unique));
    appendAudit(db, { at, actor: by, action: 'settings.blind_verify_changed', entity: 'settings', entityId: 'blind_verify_kinds', detail: { from: before, to: unique } });
  })();
  return unique;
}

/** Refuses a plain verify of a payment whose kind needs re-keying. */
export function requireNoRekey(db: Db, id: string): void {
  const payment = findPayment(db, id);
  if (payment !== undefined && blindVerifyKinds(db).includes(payment.kind as PaymentKind)) {
    throw new UserError('payments.rekey_required', 'Key the amount and payee account again from the voucher to verify this payment.', '此类支付须复核人重新录入金额和收款人账号后才能复核。');
  }
}

/**
 * Compares what the checker keyed with what the maker keyed. A mismatch names the field but
 * never the stored value (the checker must find the difference on the voucher, not on screen).
 */
export function checkRekey(db: Db, id: string, keyed: { amount: string; creditorAccount: string }): void {
  const payment = findPayment(db, id);
  if (payment === undefined) return; // verifyPayment says not_found
  const amount = tryParseAmount(keyed.amount.replace(/[,，\s]/g, ''), 'CNY');
  const issues = [];
  if (!amount.ok || amount.amountMinor !== payment.amount_minor) {
    issues.push({ path: 'amount', message: 'The amount differs from the one the maker keyed.', messageZh: '金额与录入不一致。' });
  }
  if (keyed.creditorAccount.trim() !== payment.creditor_account) {
    issues.push({ path: 'creditorAccount', message: 'The payee account differs from the one the maker keyed.', messageZh: '收款人账号与录入不一致。' });
  }
  if (issues.length > 0) {
    throw new UserError('payments.rekey_mismatch', 'What you keyed differs from the capture: check the voucher.', '复核录入与原录入不一致，请核对凭证。', issues);
  }
}
