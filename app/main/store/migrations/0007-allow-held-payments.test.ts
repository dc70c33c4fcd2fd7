import { describe, expect, it } from 'vitest';
import { memoryStore } from '../test-support/test-store';
import { migrate } from '../migrate';
import type { Db } from '../open-database';
import { migration as m0023 } from '../../risk/migrations/0023-index-payments-by-debtor';

const COLUMNS = `id, kind, priority, status, direction, from_id, to_id, amount_minor, currency, debtor_name, debtor_account,
  creditor_name, creditor_account, purpose, bill_number, bill_issue_date, bill_drawer, original_id, maker, checker, reason, note,
  created_at, updated_at, business_date`;

function seed(db: Db): void {
  db.exec(`INSERT INTO participants (id, name, bank_code, is_self) VALUES ('HKB', 'h', '313521000011', 1), ('ICBC', 'i', '102521000030', 0);`);
  const insert = db.prepare(`INSERT INTO payments (seq, ${COLUMNS}) VALUES (${Array.from({ length: 26 }, () => '?').join(', ')})`);
  // seq gaps, the largest fen INTEGER holds, NULLs, a bill, CJK and an emoji, an incoming payment.
  insert.run(3, 'HKB-D1-1', 'hvps', 0, 'verified', 'out', 'HKB', 'ICBC', 9_007_199_254_740_991n, 'CNY', '武汉光谷科技有限公司', '4201', 'Banco Nacional de Cuba', '6222', '货款 💴', null, null, null, null, 'clerk1', 'super1', null, null, '2026-11-26T02:00:00.000Z', '2026-11-26T02:01:00.000Z', '2026-11-26');
  insert.run(7, 'HKB-D1-2', 'bill', 2, 'settled', 'out', 'HKB', 'ICBC', 1n, 'CNY', 'a', '1', 'b', '2', '', 'B-1', '2026-11-01', 'drawer', null, 'clerk1', 'super1', null, 'n', 't1', 't2', '2026-11-26');
  insert.run(8, 'ICBC-X-9', 'return', 1, 'returned', 'in', 'ICBC', 'HKB', 500n, 'CNY', 'x', '3', 'y', '4', 'p', null, null, null, 'HKB-D1-2', 'icbc', null, 'AC04', null, 't3', 't4', '2026-11-25');
}

/** Every stored value with its SQLite type and bytes, in seq order: "byte-exact" made checkable. */
function snapshot(db: Db): unknown[] {
  const cols = `seq, ${COLUMNS}, counterparty_id, counterparty_name`.split(',').map((c) => c.trim());
  const select = cols.map((c) => `typeof(${c}) || ':' || coalesce(hex(${c}), 'NULL')`).join(` || '|' || `);
  return db.prepare(`SELECT ${select} AS v FROM payments ORDER BY seq`).pluck().all();
}

function schemaOf(db: Db): { type: string; name: string; sql: string }[] {
  return db.prepare(`SELECT type, name, coalesce(sql, '') AS sql FROM sqlite_master WHERE type IN ('index', 'trigger', 'view') ORDER BY type, name`).all() as { type: string; name: string; sql: string }[];
}

describe('0007 allow held payments', () => {
  it('rebuilds payments keeping every row byte for byte and every index, trigger and view', () => {
    const db = memoryStore(6);
    seed(db);
    // What other areas put on payments before 0007 runs on an existing store: the risk index,
    // and (made up here) a trigger on payments and a view and a trigger elsewhere that name it.
    db.transaction(() => m0023.up(db))();
    db.exec(`
      CREATE TABLE payment_touches (id TEXT NOT NULL) STRICT;
      CREATE TRIGGER payments_touched AFTER UPDATE OF status ON payments BEGIN INSERT INTO payment_touches VALUES (NEW.id); END;
      CREATE VIEW outgoing AS SELECT id, status FROM payments WHERE direction = 'out';
      CREATE TRIGGER alerts_read_payments AFTER INSERT ON alerts BEGIN SELECT count(*) FROM payments; END;`);
    const rowsBefore = snapshot(db);
    const schemaBefore = schemaOf(db);

    expect(migrate(db, undefined, 7)).toEqual([7]);

    expect(snapshot(db)).toEqual(rowsBefore);
    expect(schemaOf(db)).toEqual(schemaBefore);
    expect(schemaBefore.map((o) => o.name)).toEqual(expect.arrayContaining([
      'payments_status', 'payments_amount', 'payments_counterparty_name', 'risk_payments_by_debtor', 'sqlite_autoindex_payments_1',
      'payments_touched', 'outgoing', 'alerts_read_payments',
    ]));
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name LIKE '%payments_new%'").all()).toEqual([]);
    expect(db.prepare('PRAGMA foreign_key_check').all()).toEqual([]);
    expect(db.prepare('PRAGMA integrity_check').pluck().get()).toBe('ok');
    // The rebuilt table still refers to participants, and the recreated trigger and view work.
    expect(() => db.prepare("UPDATE payments SET to_id = 'NOBODY' WHERE seq = 3").run()).toThrow(/FOREIGN KEY/);
    db.prepare("UPDATE payments SET status = 'held' WHERE seq = 3").run();
    expect(db.prepare('SELECT id FROM payment_touches').pluck().all()).toEqual(['HKB-D1-1']);
    expect(db.prepare("SELECT status FROM outgoing WHERE id = 'HKB-D1-1'").pluck().get()).toBe('held');
    // The risk history read still finds its index on the new table.
    expect(db.prepare('EXPLAIN QUERY PLAN SELECT seq FROM payments WHERE debtor_account = ? ORDER BY created_at').all('4201')
      .map((r) => (r as { detail: string }).detail).join(' ')).toMatch(/risk_payments_by_debtor/);
  });

  it('accepts the status held and still refuses an unknown one and every other CHECK', () => {
    const db = memoryStore(7);
    seed(db);
    const set = db.prepare('UPDATE payments SET status = ? WHERE seq = 3');
    expect(set.run('held').changes).toBe(1);
    for (const status of ['draft', 'verified', 'queued_offline', 'rejected']) expect(set.run(status).changes).toBe(1);
    expect(() => set.run('HELD')).toThrow(/CHECK/);
    expect(() => set.run('stopped')).toThrow(/CHECK/);
    expect(() => db.prepare('UPDATE payments SET amount_minor = 0 WHERE seq = 3').run()).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE payments SET to_id = 'HKB' WHERE seq = 3").run()).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE payments SET id = 'HKB-D1-2' WHERE seq = 3").run()).toThrow(/UNIQUE/);
    expect(() => db.prepare("UPDATE payments SET amount_minor = '1' WHERE seq = 3").run()).not.toThrow();
    expect(() => db.prepare("UPDATE payments SET amount_minor = 'x' WHERE seq = 3").run()).toThrow(/INTEGER/);
  });

  it('refuses to rebuild when a table refers to payments, changing nothing', () => {
    const db = memoryStore(6);
    seed(db);
    db.exec('CREATE TABLE payment_notes (payment_id TEXT NOT NULL REFERENCES payments (id)) STRICT');
    const rowsBefore = snapshot(db);
    expect(() => migrate(db, undefined, 7)).toThrow(/refer to payments \(payment_notes\)/);
    expect(snapshot(db)).toEqual(rowsBefore);
    expect(db.prepare('SELECT max(version) FROM schema_migrations').pluck().get()).toBe(6);
    expect(() => db.prepare("UPDATE payments SET status = 'held' WHERE seq = 3").run()).toThrow(/CHECK/);
  });
});
