import type { PaymentDbRow } from '../payments/payment-record';
import type { VerifyHook } from '../payments/verify-hooks';
import { preparedOnce, type Db } from '../store/open-database';
import { UserError } from '../user-error';
import { evaluatePayment, type RiskEvaluation } from '../../shared/risk/rules/evaluate-payment';
import { type CustomerType, type HistoryPayment, riskPaymentSchema, type ScreeningResult } from '../../shared/risk/rules/risk-input';
import type { Screener } from '../../shared/risk/screening/screener';
import { type AlertRecord, type AlertScreeningMatch, raiseAlert } from './alert-store';
import { rulesInForce } from './rule-set-store';
import { calendarContext } from './risk-calendar';

/**
 * Risk at verification: screen both parties, score the payment with the rules in force, and
 * raise an alert unless it passes — inside the verify transaction, so a payment is never
 * verified without its assessment. The outbox must then ask paymentRiskGate() before a payment
 * leaves; a `reject` decision is for the flow to turn into a rejected payment with a reason.
 */
export interface PaymentRiskOptions {
  /** The screener in use now (swappable); null while no list is loaded. */
  screener: () => Screener | null;
  /** Minutes an officer has to decide an alert. */
  slaMinutes: number;
  /** Payments carry no customer type; the default treats every debtor as a natural person, the stricter thresholds. */
  customerTypeOf?: (payment: PaymentDbRow) => CustomerType;
  /**
   * With no approved rule set: `block` refuses verification (fail closed); `screen_only` still
   * holds a payment whose party matches a list at or above the screener's alert threshold.
   */
  whenNoRules: 'block' | 'screen_only';
}

/** History rows read per assessment at most: enough for any window the rules allow. */
export const MAX_HISTORY_ROWS = 5_000;

const sql = preparedOnce((db) => ({
  history: db.prepare<[string, string, string, number], { id: string; amount_minor: bigint; to_id: string; creditor_account: string; created_at: string }>(
    `SELECT id, amount_minor, to_id, creditor_account, created_at FROM payments
      WHERE debtor_account = ? AND created_at >= ? AND id <> ? AND direction = 'out'
        AND status NOT IN ('draft', 'cancelled', 'rejected')
      ORDER BY created_at DESC LIMIT ?`,
  ).safeIntegers(),
  lastBefore: db.prepare<[string, string, string], { at: string | null }>(
    `SELECT max(created_at) AS at FROM payments WHERE debtor_account = ? AND created_at < ? AND id <> ? AND status NOT IN ('draft', 'cancelled')`,
  ),
  knownPayee: db.prepare<[string, string, string, string], { found: bigint }>(
    `SELECT EXISTS (SELECT 1 FROM payments WHERE debtor_account = ? AND to_id = ? AND creditor_account = ? AND id <> ?
       AND status NOT IN ('draft', 'cancelled', 'rejected')) AS found`,
  ).safeIntegers(),
}));

function screenParty(screener: Screener, party: 'debtor' | 'creditor', name: string): AlertScreeningMatch[] {
  return screener.screen(name, { limit: 3 }).map((m) => ({
    party, query: name, list: m.list, id: m.id, name: m.name, matchedName: m.matchedName, score: m.score, tokens: m.tokens,
  }));
}

export function assessVerifiedPayment(db: Db, payment: PaymentDbRow, options: PaymentRiskOptions): { evaluation: RiskEvaluation; alert: AlertRecord | null } | null {
  if (payment.direction !== 'out') return null;
  const screener = options.screener();
  if (screener === null) {
    throw new UserError('risk.screening_unavailable', 'Sanctions lists are not loaded; payments cannot be verified.', '制裁名单未加载，暂不能复核支付。');
  }
  const at = payment.updated_at;
  const matches = [...screenParty(screener, 'debtor', payment.debtor_name), ...screenParty(screener, 'creditor', payment.creditor_name)];
  const screening: ScreeningResult[] = matches.map((m) => ({ party: m.party, list: m.list, entryId: m.id, listedName: m.matchedName, score: m.score }));
  const rules = rulesInForce(db);
  let evaluation: RiskEvaluation;
  if (rules === null) {
    if (options.whenNoRules === 'block') {
      throw new UserError('risk.no_rules', 'No approved risk rule set is in force; payments cannot be verified.', '尚无经复核生效的风险规则，暂不能复核支付。');
    }
    const best = matches[0];
    evaluation = best === undefined
      ? { paymentId: payment.id, ruleSetVersion: 0, total: 0, decision: 'pass', hits: [] }
      : {
          paymentId: payment.id, ruleSetVersion: 0, total: 0, decision: 'hold',
          hits: [{ rule: 'sanctions_match', score: 0, figures: { list: best.list, entryId: best.id, score: best.score },
            explanation: { zh: `名称与制裁名单 ${best.list.toUpperCase()} 第 ${best.id} 号相似（无生效规则，仅筛查）`, en: `name matches ${best.list.toUpperCase()} entry ${best.id} (no rules in force: screening only)` } }],
        };
  } else {
    const p = rules.params;
    const windowMinutes = Math.max(p.velocity.windowMinutes, p.structuring.windowMinutes);
    const since = new Date(Date.parse(at) - windowMinutes * 60_000).toISOString();
    const history: HistoryPayment[] = sql(db).history.all(payment.debtor_account, since, payment.id, MAX_HISTORY_ROWS).map((h) => ({
      id: h.id, customerId: payment.debtor_account, amountMinor: BigInt(h.amount_minor), counterpartyKey: `${h.to_id}:${h.creditor_account}`, at: h.created_at,
    }));
    const counterpartyKey = `${payment.to_id}:${payment.creditor_account}`;
    const known = sql(db).knownPayee.get(payment.debtor_account, payment.to_id, payment.creditor_account, payment.id)?.found === 1n;
    const riskPayment = riskPaymentSchema.parse({
      id: payment.id,
      kind: payment.kind,
      amountMinor: BigInt(payment.amount_minor),
      customerId: payment.debtor_account,
      customerType: options.customerTypeOf?.(payment) ?? 'individual',
      counterpartyKey,
      counterpartyCountry: 'CN', // CNAPS payments settle between mainland banks.
      at,
      businessDate: payment.business_date,
    });
    evaluation = evaluatePayment(
      riskPayment,
      {
        history,
        knownCounterparties: known ? [counterpartyKey] : [],
        lastActivityAt: sql(db).lastBefore.get(payment.debtor_account, since, payment.id)?.at ?? null,
        screening,
        ...calendarContext(db),
      },
      rules,
    );
  }
  const alert = raiseAlert(db, { paymentId: payment.id, amountMinor: BigInt(payment.amount_minor), evaluation, screening: matches, at, slaMinutes: options.slaMinutes, actor: 'risk' });
  return { evaluation, alert };
}

/** The verify hook to register: `verifyHooks.register(paymentRiskHook(options))`. */
export function paymentRiskHook(options: PaymentRiskOptions): VerifyHook {
  return (db, payment) => {
    assessVerifiedPayment(db, payment, options);
  };
}
