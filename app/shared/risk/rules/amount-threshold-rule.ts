import { formatAmount } from '../../money/format';
import type { RiskPayment } from './risk-input';
import { type RuleHit, yuan } from './rule-hit';
import type { RuleParams } from './rule-params';

const CUSTOMER_ZH = { individual: '个人', corporate: '单位', any: '' } as const;
const CUSTOMER_EN = { individual: 'individual', corporate: 'corporate', any: 'any' } as const;

/** A single payment at or above a threshold set per payment kind and customer type. */
export function amountThresholdRule(payment: RiskPayment, params: RuleParams['amount_threshold']): RuleHit | null {
  let best: RuleParams['amount_threshold']['tiers'][number] | null = null;
  for (const tier of params.tiers) {
    if (tier.kind !== 'any' && tier.kind !== payment.kind) continue;
    if (tier.customerType !== 'any' && tier.customerType !== payment.customerType) continue;
    if (payment.amountMinor < tier.atLeast) continue;
    if (best === null || tier.score > best.score || (tier.score === best.score && tier.atLeast > best.atLeast)) best = tier;
  }
  if (best === null) return null;
  const kindText = best.kind === 'any' ? '' : ` ${best.kind}`;
  return {
    rule: 'amount_threshold',
    score: best.score,
    explanation: {
      zh: `单笔金额 ${yuan(payment.amountMinor)} 达到${CUSTOMER_ZH[best.customerType]}${kindText}阈值 ${yuan(best.atLeast)}`,
      en: `amount ${yuan(payment.amountMinor)} is at or above the ${CUSTOMER_EN[best.customerType]}${kindText} threshold of ${yuan(best.atLeast)}`,
    },
    figures: { amount: formatAmount(payment.amountMinor, 'CNY'), threshold: formatAmount(best.atLeast, 'CNY'), kind: best.kind, customerType: best.customerType },
  };
}
