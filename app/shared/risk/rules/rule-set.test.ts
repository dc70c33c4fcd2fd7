import { describe, expect, it } from 'vitest';
import { DEFAULT_BANDS, DEFAULT_RULE_PARAMS } from './default-rules';
import { decide } from './decision-bands';
import { approveRuleSet, checkFourEyes, proposeRuleSet, ruleSetInForce } from './rule-set';

const propose = (author = 'risk.li', latest: { version: number } | null = null) => {
  const result = proposeRuleSet(latest, { params: DEFAULT_RULE_PARAMS, bands: DEFAULT_BANDS, author, at: '2026-11-20T09:00:00+08:00', note: 'tighten velocity' });
  if (!result.ok) throw new Error(result.message);
  return result.ruleSet;
};

describe('rule set versions and four-eyes', () => {
  it('numbers a proposal after the latest version and leaves it unapproved', () => {
    expect(propose().version).toBe(1);
    const v3 = propose('risk.li', { version: 2 });
    expect(v3.version).toBe(3);
    expect(checkFourEyes(v3)).toMatchObject({ ok: false, code: 'not_approved' });
  });

  it('refuses the author as approver, in both languages', () => {
    const result = approveRuleSet(propose(), 'risk.li', '2026-11-20T10:00:00+08:00');
    expect(result).toEqual({
      ok: false,
      code: 'same_person',
      message: { zh: '复核人不能与制定人为同一人', en: 'the approver must be a different person from the author' },
    });
  });

  it('applies once a second person approves, and only once', () => {
    const approved = approveRuleSet(propose(), 'risk.wang', '2026-11-20T10:00:00+08:00');
    expect(approved.ok).toBe(true);
    if (!approved.ok) return;
    expect(approved.ruleSet).toMatchObject({ approver: 'risk.wang', approvedAt: '2026-11-20T10:00:00+08:00' });
    expect(checkFourEyes(approved.ruleSet)).toEqual({ ok: true });
    expect(approveRuleSet(approved.ruleSet, 'risk.zhao', '2026-11-20T11:00:00+08:00')).toMatchObject({ ok: false, code: 'already_approved' });
  });

  it('catches a stored rule set approved by its author or half-approved', () => {
    const set = propose();
    expect(checkFourEyes({ ...set, approver: 'risk.li', approvedAt: '2026-11-20T10:00:00+08:00' })).toMatchObject({ code: 'same_person' });
    expect(checkFourEyes({ ...set, approver: 'risk.wang', approvedAt: null })).toMatchObject({ code: 'approval_incomplete' });
  });

  it('puts in force the highest approved version, skipping a newer unapproved one', () => {
    const v1 = { version: 1, author: 'a.a', approver: 'b.b', approvedAt: '2026-11-20T10:00:00+08:00' };
    const v2 = { version: 2, author: 'a.a', approver: 'b.b', approvedAt: '2026-11-21T10:00:00+08:00' };
    const v3 = { version: 3, author: 'a.a', approver: null, approvedAt: null };
    expect(ruleSetInForce([v1, v3, v2])?.version).toBe(2);
    expect(ruleSetInForce([v3])).toBeNull();
  });

  it('refuses bad parameters with the path of the problem', () => {
    const bad = proposeRuleSet(null, {
      params: { ...DEFAULT_RULE_PARAMS, round_amount: { enabled: true, multipleOf: '10000.001', minAmount: '1.00', score: 5 } },
      bands: DEFAULT_BANDS,
      author: 'risk.li',
      at: '2026-11-20T09:00:00+08:00',
      note: 'x',
    });
    expect(bad).toMatchObject({ ok: false });
    expect(!bad.ok && bad.message).toMatch(/^params\.round_amount\.multipleOf: CNY amounts have at most 2 decimal places/);
    const badBands = proposeRuleSet(null, { params: DEFAULT_RULE_PARAMS, bands: { review: 50, hold: 40, reject: 90 }, author: 'risk.li', at: '2026-11-20T09:00:00+08:00', note: 'x' });
    expect(!badBands.ok && badBands.message).toMatch(/bands must rise/);
  });
});

describe('decision bands', () => {
  it('maps totals to decisions at the band edges', () => {
    const bands = { review: 30, hold: 60, reject: 120 };
    expect([0, 29, 30, 59, 60, 119, 120, 500].map((t) => decide(t, bands))).toEqual(['pass', 'pass', 'review', 'review', 'hold', 'hold', 'reject', 'reject']);
  });
});
