import type { PaymentTemplate } from '../../../shared/contract/handlers/templates';
import type { Role } from '../../../shared/domain/operator';
import { EMPTY_FORM, type PaymentForm } from '../entry/payment-form-model';
import { groupedAmount } from '../../components/amount-text';

/** Why an operator may not approve (or retire) a template; null: allowed. The back end refuses the same. */
export type TemplateBlock = 'notSupervisor' | 'ownTemplate' | 'notDraft' | 'retired';

export function approveBlock(me: { username: string; roles: readonly Role[] }, template: PaymentTemplate): TemplateBlock | null {
  if (!me.roles.includes('supervisor')) return 'notSupervisor';
  if (template.status !== 'draft') return 'notDraft';
  if (template.createdBy === me.username) return 'ownTemplate';
  return null;
}

export function retireBlock(me: { roles: readonly Role[] }, template: PaymentTemplate): TemplateBlock | null {
  if (!me.roles.includes('supervisor')) return 'notSupervisor';
  if (template.status === 'retired') return 'retired';
  return null;
}

/** The entry form filled from an approved template: the amount too when the template fixes it. */
export function formFromTemplate(template: PaymentTemplate): PaymentForm {
  return {
    ...EMPTY_FORM,
    kind: template.kind,
    priority: String(template.priority),
    to: template.to,
    amount: template.amount === null ? '' : groupedAmount(template.amount),
    debtorName: template.debtor.name,
    debtorAccount: template.debtor.account,
    creditorName: template.creditor.name,
    creditorAccount: template.creditor.account,
    purpose: template.purpose,
  };
}
