import { describe, expect, it } from 'vitest';
import { migrate } from '../../store/migrate';
import { memoryStore } from '../../store/test-support/test-store';
import { migration } from './0020-create-risk-rule-sets';

describe('0020 create risk rule sets', () => {
  it('keeps versions and refuses self-approval and half approvals', () => {
    const db = memoryStore();
    migrate(db, [migration]);
    const insert = db.prepare('INSERT INTO risk_rule_sets (version, params, bands, author, created_at, approver, approved_at, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    insert.run(1, '{}', '{}', 'risk.li', '2026-11-20T09:00:00+08:00', 'risk.wang', '2026-11-20T10:00:00+08:00', 'initial');
    expect(() => insert.run(2, '{}', '{}', 'risk.li', 't', 'risk.li', 't', 'self')).toThrow(/CHECK/);
    expect(() => insert.run(2, '{}', '{}', 'risk.li', 't', 'risk.wang', null, 'half')).toThrow(/CHECK/);
    expect(() => insert.run(2, 'not json', '{}', 'risk.li', 't', null, null, 'x')).toThrow(/CHECK/);
    expect(() => insert.run(1, '{}', '{}', 'risk.li', 't', null, null, 'again')).toThrow(/UNIQUE|PRIMARY/);
    expect(db.prepare('SELECT approver FROM risk_rule_sets').pluck().all()).toEqual(['risk.wang']);
  });
});
