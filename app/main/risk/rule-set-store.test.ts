import { describe, expect, it } from 'vitest';
import { DEFAULT_BANDS, DEFAULT_RULE_PARAMS } from '../../shared/risk/rules/default-rules';
import { auditTrail } from './test-support/audit-trail';
import { riskStore } from './test-support/risk-store';
import { approveRules, listRuleSets, listRuleSetVersions, proposeRules, rejectRules, rulesInForce } from './rule-set-store';

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

  it('derives statuses, keeps one proposal waiting at a time, and holds approve-xor-reject in SQL too', () => {
    const db = riskStore();
    propose(db);
    approveRules(db, { version: 1, approver: 'risk.wang', at: '2026-11-20T10:00:00+08:00' });
    propose(db, 'risk.wang', 'v2');
    expect(() => propose(db, 'risk.li', 'v3 too soon')).toThrow(/still waiting/);
    expect(rejectRules(db, { version: 2, actor: 'risk.li', at: '2026-11-21T09:00:00+08:00', note: 'no' }).status).toBe('rejected');
    expect(() => approveRules(db, { version: 2, approver: 'risk.li', at: 't' })).toThrow(/rejected/);
    // Even bypassing the code, a rejected version cannot be approved nor an approved one rejected.
    expect(() => db.prepare("UPDATE risk_rule_sets SET approver = 'risk.zhao', approved_at = 't' WHERE version = 2").run()).toThrow(/cannot be approved/);
    expect(() => db.prepare("INSERT INTO risk_rule_set_rejections VALUES (1, 'risk.zhao', 't', 'n')").run()).toThrow(/cannot be rejected/);
    propose(db, 'risk.li', 'v3');
    approveRules(db, { version: 3, approver: 'risk.wang', at: '2026-11-22T10:00:00+08:00' });
    expect(listRuleSetVersions(db).map((v) => `${v.version}:${v.status}`)).toEqual(['3:active', '2:rejected', '1:superseded']);
  });
});
