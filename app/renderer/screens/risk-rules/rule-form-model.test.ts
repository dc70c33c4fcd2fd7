import { describe, expect, it } from 'vitest';
import { DEFAULT_BANDS, DEFAULT_RULE_PARAMS } from '../../../shared/risk/rules/default-rules';
import { ruleParamsSchema } from '../../../shared/risk/rules/rule-params';
import { buildRuleSet, changedKeys, checkField, choicesOf, ruleFields } from './rule-form-model';

describe('rule form model', () => {
  const fields = ruleFields(DEFAULT_RULE_PARAMS, DEFAULT_BANDS);

  it('lists every parameter and band with amounts grouped', () => {
    expect(fields.find((f) => f.key === 'params.velocity.amountAtLeast')).toMatchObject({ kind: 'amount', text: '1,000,000.00' });
    expect(fields.find((f) => f.key === 'params.amount_threshold.tiers.1.atLeast')).toMatchObject({ rule: 'amount_threshold', index: 1, sub: 'atLeast', text: '2,000,000.00' });
    expect(fields.find((f) => f.key === 'params.structuring.thresholds.0')).toMatchObject({ kind: 'amount', text: '50,000.00' });
    expect(fields.find((f) => f.key === 'params.cross_border.highRiskCountries')).toMatchObject({ kind: 'list', text: 'KP, IR, MM' });
    expect(fields.filter((f) => f.rule === 'bands').map((f) => f.text)).toEqual(['30', '60', '120']);
  });

  it('round-trips the defaults unchanged, and takes typed amounts with separators', () => {
    const same = buildRuleSet({ params: DEFAULT_RULE_PARAMS, bands: DEFAULT_BANDS }, fields, {});
    expect(same).toEqual({ ok: true, params: DEFAULT_RULE_PARAMS, bands: DEFAULT_BANDS });
    const edited = buildRuleSet({ params: DEFAULT_RULE_PARAMS, bands: DEFAULT_BANDS }, fields, { 'params.velocity.amountAtLeast': '2,500,000', 'bands.review': '25' });
    if (!edited.ok) throw new Error('expected ok');
    expect(edited.params.velocity.amountAtLeast).toBe('2500000.00');
    expect(edited.bands.review).toBe(25);
    expect(ruleParamsSchema.safeParse(edited.params).success).toBe(true);
    expect(changedKeys(fields, ruleFields(edited.params, edited.bands))).toEqual(new Set(['params.velocity.amountAtLeast', 'bands.review']));
  });

  it('refuses what is not an amount, a score above 100, a ratio above 1', () => {
    expect(checkField({ kind: 'amount' }, '1.001').ok).toBe(false);
    expect(checkField({ kind: 'amount' }, '1e6').ok).toBe(false);
    expect(checkField({ kind: 'amount' }, '0').ok).toBe(false);
    expect(checkField({ kind: 'score' }, '101')).toEqual({ ok: false, error: 'range' });
    expect(checkField({ kind: 'int' }, '-1')).toEqual({ ok: false, error: 'number' });
    expect(checkField({ kind: 'ratio' }, '1.2')).toEqual({ ok: false, error: 'range' });
    const bad = buildRuleSet({ params: DEFAULT_RULE_PARAMS, bands: DEFAULT_BANDS }, fields, { 'params.round_amount.multipleOf': 'abc' });
    expect(bad.ok ? [] : Object.keys(bad.errors)).toEqual(['params.round_amount.multipleOf']);
  });

  it('offers a tier’s kind and customer type as choices, not free text', () => {
    expect(choicesOf({ sub: 'customerType' })).toEqual(['any', 'individual', 'corporate']);
    expect(choicesOf({ sub: 'kind' })).toEqual(['any', 'hvps', 'beps', 'bill', 'return']);
    expect(choicesOf({ sub: 'atLeast' })).toBeNull();
  });
});
