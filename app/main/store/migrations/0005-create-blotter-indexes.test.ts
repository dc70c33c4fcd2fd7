import { describe, it, expect } from 'vitest';
import { memoryStore } from '../test-support/test-store';
import { migrate } from '../migrate';
import { SORT_COLUMNS } from '../../payments/blotter/sort-columns';

describe('0005 create blotter indexes', () => {
  it('gives every sortable column an index the blotter names, keeping existing rows', () => {
    const db = memoryStore(4);
    db.exec(`INSERT INTO participants (id, name, bank_code, is_self) VALUES ('HKB', 'h', '313521000011', 1), ('ICBC', 'i', '102521000030', 0);
      INSERT INTO payments (id, kind, priority, status, direction, from_id, to_id, amount_minor, currency, debtor_name, debtor_account,
        creditor_name, creditor_account, purpose, maker, created_at, updated_at, business_date)
      VALUES ('p1', 'hvps', 2, 'settled', 'out', 'HKB', 'ICBC', 100, 'CNY', 'a', '123456', 'b', '654321', '', 'c', '2026-01-01', '2026-01-01', '2026-01-01')`);
    migrate(db, undefined, 5);
    const indexes = new Set(db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'payments'").pluck().all());
    for (const [colId, { index, column }] of Object.entries(SORT_COLUMNS)) {
      expect(indexes.has(index), colId).toBe(true);
      const plan = db.prepare(`EXPLAIN QUERY PLAN SELECT seq FROM payments ORDER BY ${column} DESC, seq DESC LIMIT 10`).all() as { detail: string }[];
      expect(plan.map((p) => p.detail).join(' '), colId).not.toMatch(/TEMP B-TREE/);
    }
    expect(db.prepare('SELECT count(*) FROM payments INDEXED BY payments_amount WHERE amount_minor > 0').pluck().get()).toBe(1);
  });
});
