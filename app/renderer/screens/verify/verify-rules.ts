import type { Operator } from '../../../shared/domain';

/**
 * Why an operator may not verify (or send back) a draft, as the back end would answer after the
 * click: only supervisors verify, and never a payment they captured (four eyes). Null: allowed.
 */
export type VerifyBlock = 'notSupervisor' | 'ownPayment';

export function verifyBlock(operator: Pick<Operator, 'username' | 'roles'>, payment: { maker: string }): VerifyBlock | null {
  if (!operator.roles.includes('supervisor')) return 'notSupervisor';
  if (payment.maker === operator.username) return 'ownPayment';
  return null;
}
