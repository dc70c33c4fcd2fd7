import { amountThresholdRule } from './amount-threshold-rule';
import { crossBorderRule, newCounterpartyRule, sanctionsMatchRule } from './counterparty-rules';
import { decide, type RiskDecision } from './decision-bands';
import { dormantAccountRule, offHoursRule, roundAmountRule } from './pattern-rules';
import { type RiskContext, type RiskContextInput, riskContextSchema, type RiskPayment } from './risk-input';
import type { RuleHit } from './rule-hit';
import { checkFourEyes, type RuleSet } from './rule-set';
import { structuringRule } from './structuring-rule';
import { velocityRule } from './velocity-rule';

export interface RiskEvaluation {
  paymentId: string;
  ruleSetVersion: number;
  /** Sum of the scores of the rules that fired. */
  total: number;
  decision: RiskDecision;
  /** Highest score first. */
  hits: RuleHit[];
}

/**
 * Scores a payment with an approved rule set. Pure: history, screening results and holidays
 * come in the context. Applying a rule set that has not passed four-eyes is a bug in the
 * caller, so it throws rather than returning a decision.
 */
export function evaluatePayment(payment: RiskPayment, contextInput: RiskContextInput, ruleSet: RuleSet): RiskEvaluation {
  const fourEyes = checkFourEyes(ruleSet);
  if (!fourEyes.ok) throw new Error(`evaluatePayment: rule set version ${ruleSet.version} is not in force (${fourEyes.code})`);
  const context: RiskContext = riskContextSchema.parse(contextInput);
  const p = ruleSet.params;
  const candidates: (RuleHit | null)[] = [
    p.amount_threshold.enabled ? amountThresholdRule(payment, p.amount_threshold) : null,
    p.velocity.enabled ? velocityRule(payment, context.history, p.velocity) : null,
    p.structuring.enabled ? structuringRule(payment, context.history, p.structuring) : null,
    p.new_counterparty.enabled ? newCounterpartyRule(payment, context, p.new_counterparty) : null,
    p.round_amount.enabled ? roundAmountRule(payment, p.round_amount) : null,
    p.off_hours.enabled ? offHoursRule(payment, context, p.off_hours) : null,
    p.dormant_account.enabled ? dormantAccountRule(payment, context, p.dormant_account) : null,
    p.cross_border.enabled ? crossBorderRule(payment, p.cross_border) : null,
    p.sanctions_match.enabled ? sanctionsMatchRule(context, p.sanctions_match) : null,
  ];
  const hits = candidates.filter((h): h is RuleHit => h !== null && h.score > 0).sort((a, b) => b.score - a.score);
  const total = hits.reduce((sum, h) => sum + h.score, 0);
  return { paymentId: payment.id, ruleSetVersion: ruleSet.version, total, decision: decide(total, ruleSet.bands), hits };
}
