import { describe, expect, it } from 'vitest';
import { DEFAULT_BANDS, DEFAULT_RULE_PARAMS } from './default-rules';
import { evaluatePayment } from './evaluate-payment';
import { approvedRuleSet, earlier, payment } from './testing/rule-fixtures';

describe('evaluatePayment', () => {
  const rules = approvedRuleSet();
  const known = { knownCounterparties: ['104521000012:6222000011112222'] };

  it('passes an ordinary payment with no hits', () => {
    expect(evaluatePayment(payment({ amount: '1234.50' }), { history: [], ...known }, rules)).toEqual({
      paymentId: 'P-1',
      ruleSetVersion: 1,
      total: 0,
      decision: 'pass',
      hits: [],
    });
  });

  it('adds the scores of every rule that fires and maps the total through the bands', () => {
    // Structuring (45) + off hours at 22:00 (10) = 55 -> review (30..59).
    const history = [earlier('2026-11-25T20:00:00+08:00', '48000.00'), earlier('2026-11-25T21:00:00+08:00', '46000.00')];
    const result = evaluatePayment(payment({ amount: '49500.00', at: '2026-11-25T22:00:00+08:00' }), { history, ...known }, rules);
    expect(result.hits.map((h) => [h.rule, h.score])).toEqual([
      ['structuring', 45],
      ['off_hours', 10],
    ]);
    expect(result.total).toBe(55);
    expect(result.decision).toBe('review');
  });

  it('holds a payment to a strongly matching sanctioned name, and rejects when more piles on', () => {
    const screening = [{ party: 'creditor' as const, list: 'ofac', entryId: '306', listedName: 'BANCO NACIONAL DE CUBA', score: 1 }];
    expect(evaluatePayment(payment(), { history: [], ...known, screening }, rules).decision).toBe('hold');
    // Sanctions 70 + cross-border high-risk 65 = 135 -> reject (>= 120).
    const kp = evaluatePayment(payment({ counterpartyCountry: 'KP' }), { history: [], ...known, screening }, rules);
    expect(kp.total).toBe(135);
    expect(kp.decision).toBe('reject');
  });

  it('skips disabled rules', () => {
    const quiet = approvedRuleSet({ ...DEFAULT_RULE_PARAMS, cross_border: { ...DEFAULT_RULE_PARAMS.cross_border, enabled: false } }, DEFAULT_BANDS);
    expect(evaluatePayment(payment({ counterpartyCountry: 'KP' }), { history: [], ...known }, quiet).hits).toEqual([]);
  });

  it('refuses to apply a rule set without four-eyes approval', () => {
    expect(() => evaluatePayment(payment(), { history: [] }, { ...rules, approver: null, approvedAt: null })).toThrow(/not in force \(not_approved\)/);
    expect(() => evaluatePayment(payment(), { history: [] }, { ...rules, approver: rules.author })).toThrow(/same_person/);
  });
});
