import { describe, it, expect } from 'vitest';
import { memoryStore } from '../test-support/test-store';
import { migrate } from '../migrate';

const cols = `(id, kind, priority, status, direction, from_id, to_id, amount_minor, currency, debtor_name, debtor_account,
  creditor_name, creditor_account, purpose, bill_number, maker, checker, created_at, updated_at, business_date)`;

describe('0004 create payments', () => {
  it('stores money as integer fen, derives the counterparty, and enforces the rules', () => {
    const db = memoryStore(3);
    db.exec(`INSERT INTO participants (id, name, bank_code, is_self) VALUES ('HKB', '汉口银行', '313521000011', 1), ('ICBC', '工行', '102521000030', 0)`);
    migrate(db, undefined, 4);
    const insert = db.prepare(`INSERT INTO payments ${cols} VALUES (?, ?, 2, 'draft', ?, ?, ?, ?, 'CNY', '付款人', '123456', '收款人', '654321', '货款', ?, 'clerk1', ?, 't', 't', '2026-11-26')`);
    insert.run('p1', 'hvps', 'out', 'HKB', 'ICBC', 99_999_999_999_999_999n, null, null);
    insert.run('p2', 'beps', 'in', 'ICBC', 'HKB', 150, null, null);
    const rows = db.prepare('SELECT id, amount_minor, counterparty_id, counterparty_name FROM payments ORDER BY id').safeIntegers().all();
    expect(rows).toEqual([
      { id: 'p1', amount_minor: 99_999_999_999_999_999n, counterparty_id: 'ICBC', counterparty_name: '收款人' },
      { id: 'p2', amount_minor: 150n, counterparty_id: 'ICBC', counterparty_name: '付款人' },
    ]);
    expect(() => insert.run('p3', 'hvps', 'out', 'HKB', 'HKB', 1, null, null)).toThrow(/CHECK/); // same bank
    expect(() => insert.run('p4', 'hvps', 'out', 'HKB', 'ICBC', 0, null, null)).toThrow(/CHECK/); // zero amount
    expect(() => insert.run('p5', 'hvps', 'out', 'HKB', 'NOPE', 1, null, null)).toThrow(/FOREIGN KEY/);
    expect(() => insert.run('p6', 'bill', 'out', 'HKB', 'ICBC', 1, null, null)).toThrow(/CHECK/); // bill without number
    expect(() => insert.run('p7', 'hvps', 'out', 'HKB', 'ICBC', 1, null, 'clerk1')).toThrow(/CHECK/); // maker = checker
    expect(() => insert.run('p1', 'hvps', 'out', 'HKB', 'ICBC', 1, null, null)).toThrow(/UNIQUE/);
  });
});
