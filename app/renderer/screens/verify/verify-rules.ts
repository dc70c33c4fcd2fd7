import type { Operator } from '../../../shared/domain';
import { tryParseAmount } from '../../../shared/money';

/**
 * Why an operator may not verify (or send back) a draft, as the back end would answer after the
 * click: only supervisors verify, and never a payment they captured (four eyes). Null: allowed.
 */
export type VerifyBlock = 'notSupervisor' | 'ownPayment' | 'aboveLimit';

/** `checkerLimit`: the operator's verification limit (operators.limits.mine), null for none. */
export function verifyBlock(operator: Pick<Operator, 'username' | 'roles'>, payment: { maker: string; amount?: string }, checkerLimit: string | null = null): VerifyBlock | null {
  if (!operator.roles.includes('supervisor')) return 'notSupervisor';
  if (payment.maker === operator.username) return 'ownPayment';
  if (checkerLimit !== null && payment.amount !== undefined) {
    const amount = tryParseAmount(payment.amount, 'CNY');
    const limit = tryParseAmount(checkerLimit, 'CNY');
    if (amount.ok && limit.ok && amount.amountMinor > limit.amountMinor) return 'aboveLimit';
  }
  return null;
}
