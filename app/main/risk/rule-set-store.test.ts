import { describe, expect, it } from 'vitest';
import { DEFAULT_BANDS, DEFAULT_RULE_PARAMS } from '../../shared/risk/rules/default-rules';
import { auditTrail } from './testing/audit-trail';
import { riskStore } from './testing/risk-store';
import { approveRules, listRuleSets, proposeRules, rulesInForce } from './rule-set-store';

const propose = (db: ReturnType<typeof riskStore>, author = 'risk.li', note = 'initial rules') =>
  proposeRules(db, { params: DEFAULT_RULE_PARAMS, bands: DEFAULT_BANDS, author, at: '2026-11-20T09:00:00+08:00', note });

describe('rule-set store', () => {
  it('puts nothing in force until a second officer approves', () => {
    const db = riskStore();
    expect(propose(db).version).toBe(1);
    expect(rulesInForce(db)).toBeNull();
    expect(() => approveRules(db, { version: 1, approver: 'risk.li', at: '2026-11-20T10:00:00+08:00' })).toThrow(/different person/);
    expect(rulesInForce(db)).toBeNull();
    const approved = approveRules(db, { version: 1, approver: 'risk.wang', at: '2026-11-20T10:00:00+08:00' });
    expect(approved).toMatchObject({ version: 1, approver: 'risk.wang' });
    expect(rulesInForce(db)?.params.round_amount.multipleOf).toBe(1_000_000n);
  });

  it('keeps the old version in force while a newer one waits, and audits both steps', () => {
    const db = riskStore();
    propose(db);
    approveRules(db, { version: 1, approver: 'risk.wang', at: '2026-11-20T10:00:00+08:00' });
    expect(propose(db, 'risk.wang', 'tighten velocity').version).toBe(2);
    expect(rulesInForce(db)?.version).toBe(1);
    expect(() => approveRules(db, { version: 1, approver: 'risk.zhao', at: 't' })).toThrow(/already approved/);
    approveRules(db, { version: 2, approver: 'risk.li', at: '2026-11-21T10:00:00+08:00' });
    expect(rulesInForce(db)?.version).toBe(2);
    expect(listRuleSets(db).map((s) => s.version)).toEqual([2, 1]);
    expect(auditTrail(db)).toEqual([
      ['risk.li', 'risk.rules.propose', '1'],
      ['risk.wang', 'risk.rules.approve', '1'],
      ['risk.wang', 'risk.rules.propose', '2'],
      ['risk.li', 'risk.rules.approve', '2'],
    ]);
  });

  it('refuses invalid rules with nothing stored', () => {
    const db = riskStore();
    expect(() => proposeRules(db, { params: DEFAULT_RULE_PARAMS, bands: { review: 60, hold: 30, reject: 90 }, author: 'risk.li', at: '2026-11-20T09:00:00+08:00', note: 'x' })).toThrow(/bands must rise/);
    expect(listRuleSets(db)).toEqual([]);
    expect(auditTrail(db)).toEqual([]);
  });
});
