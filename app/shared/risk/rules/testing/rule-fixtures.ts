import { parseAmount } from '../../../money/parse';
import { DEFAULT_BANDS, DEFAULT_RULE_PARAMS } from '../default-rules';
import { type HistoryPayment, type RiskPayment, riskPaymentSchema } from '../risk-input';
import { type RuleParams, ruleParamsSchema } from '../rule-params';
import { approveRuleSet, proposeRuleSet, type RuleSet } from '../rule-set';

export const cny = (text: string): bigint => parseAmount(text, 'CNY');

/** Default parameters parsed (amounts in minor units), for calling single rules. */
export const PARAMS: RuleParams = ruleParamsSchema.parse(DEFAULT_RULE_PARAMS);

/** A Wednesday morning in Wuhan; tests move the clock with `at`. */
export function payment(overrides: Partial<Omit<RiskPayment, 'amountMinor'>> & { amount?: string } = {}): RiskPayment {
  const { amount = '1000.00', ...rest } = overrides;
  return riskPaymentSchema.parse({
    id: 'P-1',
    kind: 'hvps',
    amountMinor: cny(amount),
    customerId: 'C-1',
    customerType: 'individual',
    counterpartyKey: '104521000012:6222000011112222',
    counterpartyCountry: 'CN',
    at: '2026-11-25T10:00:00+08:00',
    businessDate: '2026-11-25',
    ...rest,
  });
}

let nextHistoryId = 1;
export function earlier(at: string, amount: string, counterpartyKey = '104521000012:6222000011112222'): HistoryPayment {
  return { id: `H-${nextHistoryId++}`, customerId: 'C-1', amountMinor: cny(amount), counterpartyKey, at };
}

export function approvedRuleSet(params = DEFAULT_RULE_PARAMS, bands = DEFAULT_BANDS): RuleSet {
  const proposed = proposeRuleSet(null, { params, bands, author: 'risk.li', at: '2026-11-20T09:00:00+08:00', note: 'initial rules' });
  if (!proposed.ok) throw new Error(proposed.message);
  const approved = approveRuleSet(proposed.ruleSet, 'risk.wang', '2026-11-20T10:00:00+08:00');
  if (!approved.ok) throw new Error(approved.message.en);
  return approved.ruleSet;
}
