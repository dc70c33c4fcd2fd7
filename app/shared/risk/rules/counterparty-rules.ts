import { formatAmount } from '../../money/format';
import type { RiskContext, RiskPayment } from './risk-input';
import { type RuleHit, yuan } from './rule-hit';
import type { RuleParams } from './rule-params';

/** First payment to a counterparty the customer has never paid (nor has in its payee book). */
export function newCounterpartyRule(payment: RiskPayment, context: RiskContext, params: RuleParams['new_counterparty']): RuleHit | null {
  if (payment.amountMinor < params.minAmount) return null;
  if (context.knownCounterparties.includes(payment.counterpartyKey)) return null;
  const known = context.history.some((h) => h.id !== payment.id && h.customerId === payment.customerId && h.counterpartyKey === payment.counterpartyKey);
  if (known) return null;
  return {
    rule: 'new_counterparty',
    score: params.score,
    explanation: {
      zh: `首次向该收款人付款，金额 ${yuan(payment.amountMinor)}（不低于 ${yuan(params.minAmount)}）`,
      en: `first payment to this counterparty, ${yuan(payment.amountMinor)} (at or above ${yuan(params.minAmount)})`,
    },
    figures: { counterparty: payment.counterpartyKey, amount: formatAmount(payment.amountMinor, 'CNY'), minAmount: formatAmount(params.minAmount, 'CNY') },
  };
}

/** A payment to a bank outside the home country; more for high-risk jurisdictions. */
export function crossBorderRule(payment: RiskPayment, params: RuleParams['cross_border']): RuleHit | null {
  if (payment.counterpartyCountry === params.homeCountry || payment.amountMinor < params.minAmount) return null;
  const highRisk = params.highRiskCountries.includes(payment.counterpartyCountry);
  const score = params.score + (highRisk ? params.highRiskScore : 0);
  return {
    rule: 'cross_border',
    score: Math.min(100, score),
    explanation: {
      zh: `跨境付款至 ${payment.counterpartyCountry}，金额 ${yuan(payment.amountMinor)}${highRisk ? '；该国家/地区在高风险名单内' : ''}`,
      en: `cross-border payment to ${payment.counterpartyCountry}, ${yuan(payment.amountMinor)}${highRisk ? '; the jurisdiction is on the high-risk list' : ''}`,
    },
    figures: { country: payment.counterpartyCountry, amount: formatAmount(payment.amountMinor, 'CNY'), highRisk: highRisk ? 1 : 0 },
  };
}

/** A strong name match against a sanctions list on either party. */
export function sanctionsMatchRule(context: RiskContext, params: RuleParams['sanctions_match']): RuleHit | null {
  let best: RiskContext['screening'][number] | null = null;
  for (const s of context.screening) if (best === null || s.score > best.score) best = s;
  if (best === null || best.score < params.reviewAt) return null;
  const hold = best.score >= params.holdAt;
  const partyZh = best.party === 'debtor' ? '付款人' : '收款人';
  const percent = (best.score * 100).toFixed(1);
  return {
    rule: 'sanctions_match',
    score: hold ? params.holdScore : params.reviewScore,
    explanation: {
      zh: `${partyZh}名称与制裁名单 ${best.list.toUpperCase()} 第 ${best.entryId} 号“${best.listedName}”相似度 ${percent}%`,
      en: `${best.party} name matches ${best.list.toUpperCase()} entry ${best.entryId} "${best.listedName}" at ${percent}%`,
    },
    figures: { party: best.party, list: best.list, entryId: best.entryId, listedName: best.listedName, score: best.score },
  };
}
