import { describe, expect, it } from 'vitest';
import { migrate } from '../../store/migrate';
import { memoryStore } from '../../store/test-support/test-store';
import { migration } from './0041-create-payment-templates';

describe('migration 0041: payment templates', () => {
  it('holds a template through its lifecycle and refuses what a template must never be', () => {
    const db = memoryStore();
    migrate(db, [migration]);
    const insert = db.prepare(
      `INSERT INTO payment_templates (id, name, kind, priority, to_id, debtor_name, debtor_account, creditor_name, creditor_account, purpose, amount_minor, status, created_by, created_at)
       VALUES (?, '房租', ?, 2, 'ICBC', '汉口商贸', '6222020000000001', '江岸物业', '6222000000000001', '房租', ?, ?, 'clerk1', 't')`,
    );
    insert.run('TPL-0001', 'beps', 1_000_000, 'draft');
    insert.run('TPL-0002', 'hvps', null, 'draft');
    expect(() => insert.run('TPL-0001', 'beps', null, 'draft')).toThrow(/UNIQUE|PRIMARY/);
    expect(() => insert.run('TPL-0003', 'bill', null, 'draft')).toThrow(/CHECK/);
    expect(() => insert.run('TPL-0004', 'beps', 0, 'draft')).toThrow(/CHECK/);
    expect(() => insert.run('TPL-0005', 'beps', null, 'approved')).toThrow(/CHECK/);
    // Four eyes in the schema too: the author cannot approve.
    expect(() => db.prepare("UPDATE payment_templates SET status = 'approved', approved_by = 'clerk1' WHERE id = 'TPL-0001'").run()).toThrow(/CHECK/);
    db.prepare("UPDATE payment_templates SET status = 'approved', approved_by = 'super1' WHERE id = 'TPL-0001'").run();
    expect(db.prepare("SELECT status FROM payment_templates WHERE id = 'TPL-0001'").pluck().get()).toBe('approved');
  });
});
