import { formatAmount } from '../../money/format';
import { epochMs, type RiskContext, type RiskPayment } from './risk-input';
import { type RuleHit, yuan } from './rule-hit';
import type { RuleParams } from './rule-params';

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/** A round amount: an exact multiple of e.g. 10,000.00, at or above a floor. */
export function roundAmountRule(payment: RiskPayment, params: RuleParams['round_amount']): RuleHit | null {
  if (params.multipleOf <= 0n || payment.amountMinor < params.minAmount || payment.amountMinor % params.multipleOf !== 0n) return null;
  return {
    rule: 'round_amount',
    score: params.score,
    explanation: {
      zh: `整数金额 ${yuan(payment.amountMinor)}（${yuan(params.multipleOf)} 的整倍数）`,
      en: `round amount ${yuan(payment.amountMinor)} (an exact multiple of ${yuan(params.multipleOf)})`,
    },
    figures: { amount: formatAmount(payment.amountMinor, 'CNY'), multipleOf: formatAmount(params.multipleOf, 'CNY') },
  };
}

/** Local wall-clock date, weekday and "HH:MM" of a timestamp at a fixed UTC offset. */
export function localTime(timestamp: string, utcOffsetMinutes: number): { date: string; weekday: number; hhmm: string } {
  const shifted = new Date(epochMs(timestamp) + utcOffsetMinutes * MINUTE_MS);
  const iso = shifted.toISOString();
  return { date: iso.slice(0, 10), weekday: shifted.getUTCDay(), hhmm: iso.slice(11, 16) };
}

/** Outside business hours, on a weekend or on a holiday of the business calendar. */
export function offHoursRule(payment: RiskPayment, context: RiskContext, params: RuleParams['off_hours']): RuleHit | null {
  if (payment.amountMinor < params.minAmount) return null;
  const local = localTime(payment.at, params.utcOffsetMinutes);
  const weekend = params.weekendsAreOffHours && (local.weekday === 0 || local.weekday === 6) && !context.workingWeekends.includes(local.date);
  const holiday = context.holidays.includes(local.date);
  const outside = local.hhmm < params.businessStart || local.hhmm >= params.businessEnd;
  if (!weekend && !holiday && !outside) return null;
  const whyZh = holiday ? '节假日' : weekend ? '周末' : `营业时间 ${params.businessStart}-${params.businessEnd} 之外`;
  const whyEn = holiday ? 'on a holiday' : weekend ? 'at the weekend' : `outside business hours ${params.businessStart}-${params.businessEnd}`;
  return {
    rule: 'off_hours',
    score: params.score,
    explanation: {
      zh: `${local.date} ${local.hhmm}（${whyZh}）发起付款 ${yuan(payment.amountMinor)}`,
      en: `payment of ${yuan(payment.amountMinor)} made ${local.date} ${local.hhmm} local time, ${whyEn}`,
    },
    figures: { localDate: local.date, localTime: local.hhmm, businessStart: params.businessStart, businessEnd: params.businessEnd },
  };
}

/** An account silent for `dormantDays` or more that suddenly pays out. No earlier activity at all is not dormancy. */
export function dormantAccountRule(payment: RiskPayment, context: RiskContext, params: RuleParams['dormant_account']): RuleHit | null {
  if (payment.amountMinor < params.minAmount) return null;
  const now = epochMs(payment.at);
  let last = context.lastActivityAt === null ? null : epochMs(context.lastActivityAt);
  for (const h of context.history) {
    if (h.id === payment.id || h.customerId !== payment.customerId) continue;
    const at = epochMs(h.at);
    if (at <= now && (last === null || at > last)) last = at;
  }
  if (last === null) return null;
  const idleDays = Math.floor((now - last) / DAY_MS);
  if (idleDays < params.dormantDays) return null;
  const since = new Date(last).toISOString().slice(0, 10);
  return {
    rule: 'dormant_account',
    score: params.score,
    explanation: {
      zh: `账户已 ${idleDays} 天无交易（上次 ${since}），现付款 ${yuan(payment.amountMinor)}`,
      en: `account idle for ${idleDays} days (last activity ${since}) now pays ${yuan(payment.amountMinor)}`,
    },
    figures: { idleDays, lastActivity: since, dormantDays: params.dormantDays, amount: formatAmount(payment.amountMinor, 'CNY') },
  };
}

