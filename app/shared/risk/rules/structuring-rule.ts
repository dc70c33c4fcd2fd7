import { formatAmount } from '../../money/format';
import type { HistoryPayment, RiskPayment } from './risk-input';
import { type RuleHit, yuan } from './rule-hit';
import type { RuleParams } from './rule-params';
import { paymentsInWindow } from './velocity-rule';

/** Lower edge of "just under": threshold less bandPercent, rounded up to the fen. */
export function bandFloorMinor(thresholdMinor: bigint, bandPercent: number): bigint {
  const numerator = thresholdMinor * BigInt(100 - bandPercent);
  return (numerator + 99n) / 100n;
}

/**
 * Splitting to stay under a reporting threshold: this payment and enough others in the window
 * each fall just under the same threshold. The payment itself must be in the band: a payment at
 * or over the threshold is reported anyway and is not structuring.
 */
export function structuringRule(payment: RiskPayment, history: readonly HistoryPayment[], params: RuleParams['structuring']): RuleHit | null {
  const earlier = paymentsInWindow(payment, history, params.windowMinutes);
  let best: { threshold: bigint; floor: bigint; count: number; sum: bigint } | null = null;
  for (const threshold of params.thresholds) {
    const floor = bandFloorMinor(threshold, params.bandPercent);
    const inBand = (amount: bigint) => amount >= floor && amount < threshold;
    if (!inBand(payment.amountMinor)) continue;
    const matching = earlier.filter((h) => inBand(h.amountMinor));
    const count = matching.length + 1;
    const sum = matching.reduce((s, h) => s + h.amountMinor, payment.amountMinor);
    if (count >= params.countAtLeast && (best === null || count > best.count)) best = { threshold, floor, count, sum };
  }
  if (best === null) return null;
  const hours = Math.round((params.windowMinutes / 60) * 10) / 10;
  return {
    rule: 'structuring',
    score: params.score,
    explanation: {
      zh: `${hours} 小时内 ${best.count} 笔金额在 ${yuan(best.floor)} 至 ${yuan(best.threshold)} 之间（略低于阈值），合计 ${yuan(best.sum)}，疑似拆分交易`,
      en: `${best.count} payments between ${yuan(best.floor)} and just under ${yuan(best.threshold)} within ${hours} hours, totalling ${yuan(best.sum)}: possible splitting under the threshold`,
    },
    figures: {
      count: best.count,
      sum: formatAmount(best.sum, 'CNY'),
      threshold: formatAmount(best.threshold, 'CNY'),
      bandFloor: formatAmount(best.floor, 'CNY'),
      windowMinutes: params.windowMinutes,
    },
  };
}
