import { formatAmount } from '../../money/format';
import { epochMs, type HistoryPayment, type RiskPayment } from './risk-input';
import { type RuleHit, yuan } from './rule-hit';
import type { RuleParams } from './rule-params';

const MINUTE_MS = 60_000;

/** Earlier payments of the customer within `windowMinutes` before this one (this one excluded). */
export function paymentsInWindow(payment: RiskPayment, history: readonly HistoryPayment[], windowMinutes: number): HistoryPayment[] {
  const now = epochMs(payment.at);
  const from = now - windowMinutes * MINUTE_MS;
  return history.filter((h) => {
    if (h.id === payment.id || h.customerId !== payment.customerId) return false;
    const at = epochMs(h.at);
    return at > from && at <= now;
  });
}

/** Count or sum of the customer's payments in a sliding window, this one included, at a limit. */
export function velocityRule(payment: RiskPayment, history: readonly HistoryPayment[], params: RuleParams['velocity']): RuleHit | null {
  const earlier = paymentsInWindow(payment, history, params.windowMinutes);
  const count = earlier.length + 1;
  const sumMinor = earlier.reduce((sum, h) => sum + h.amountMinor, payment.amountMinor);
  if (count < params.countAtLeast && sumMinor < params.amountAtLeast) return null;
  return {
    rule: 'velocity',
    score: params.score,
    explanation: {
      zh: `${params.windowMinutes} 分钟内共 ${count} 笔、合计 ${yuan(sumMinor)}（限额 ${params.countAtLeast} 笔或 ${yuan(params.amountAtLeast)}）`,
      en: `${count} payments totalling ${yuan(sumMinor)} within ${params.windowMinutes} minutes (limits ${params.countAtLeast} payments or ${yuan(params.amountAtLeast)})`,
    },
    figures: {
      count,
      sum: formatAmount(sumMinor, 'CNY'),
      windowMinutes: params.windowMinutes,
      countAtLeast: params.countAtLeast,
      amountAtLeast: formatAmount(params.amountAtLeast, 'CNY'),
    },
  };
}
