import { describe, expect, it } from 'vitest';
import { memoryStore } from '../test-support/test-store';
import { migrate } from '../migrate';

const COLUMNS = `id, kind, priority, status, direction, from_id, to_id, amount_minor, currency, debtor_name, debtor_account,
  creditor_name, creditor_account, purpose, bill_number, maker, created_at, updated_at, business_date`;

describe('0009 bill counterparty', () => {
  it('rebuilds the counterparty of existing rows: bills take the other bank and the other side’s customer', () => {
    const db = memoryStore(8);
    db.exec(`INSERT INTO participants (id, name, bank_code, is_self) VALUES ('HKB', 'h', '313521000011', 1), ('ICBC', 'i', '102521000030', 0)`);
    const insert = db.prepare(`INSERT INTO payments (${COLUMNS}) VALUES (?, ?, 2, 'settled', ?, ?, ?, 100, 'CNY', ?, 'd', ?, 'c', 'p', ?, 'x', 't', 't', '2026-11-26')`);
    insert.run('out-pay', 'beps', 'out', 'HKB', 'ICBC', 'our debtor', 'their creditor', null);
    insert.run('in-pay', 'beps', 'in', 'ICBC', 'HKB', 'their debtor', 'our creditor', null);
    insert.run('out-bill', 'bill', 'out', 'HKB', 'ICBC', 'their drawer', 'our payee', '31000051201234');
    // Pulled from the house: from = the paying bank = us.
    insert.run('in-bill', 'bill', 'in', 'HKB', 'ICBC', 'our drawer', 'their payee', '31000051201235');
    // Written by the old demo loader the other way round: to = us.
    insert.run('in-bill-demo', 'bill', 'in', 'ICBC', 'HKB', 'our drawer', 'their payee', '31000051201236');
    const read = () => db.prepare('SELECT id, from_id, to_id, counterparty_id, counterparty_name FROM payments ORDER BY seq').all();
    // Before: the inbound bill names ourselves and our own customer.
    expect(read()).toContainEqual({ id: 'in-bill', from_id: 'HKB', to_id: 'ICBC', counterparty_id: 'HKB', counterparty_name: 'our drawer' });
    migrate(db, undefined, 9);
    expect(read()).toEqual([
      { id: 'out-pay', from_id: 'HKB', to_id: 'ICBC', counterparty_id: 'ICBC', counterparty_name: 'their creditor' },
      { id: 'in-pay', from_id: 'ICBC', to_id: 'HKB', counterparty_id: 'ICBC', counterparty_name: 'their debtor' },
      { id: 'out-bill', from_id: 'HKB', to_id: 'ICBC', counterparty_id: 'ICBC', counterparty_name: 'their drawer' },
      { id: 'in-bill', from_id: 'HKB', to_id: 'ICBC', counterparty_id: 'ICBC', counterparty_name: 'their payee' },
      { id: 'in-bill-demo', from_id: 'HKB', to_id: 'ICBC', counterparty_id: 'ICBC', counterparty_name: 'their payee' },
    ]);
    // The blotter's indexes on the columns came back and are used.
    const indexes = db.prepare<[], string>("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'payments' AND name LIKE 'payments_counterparty%' ORDER BY name").pluck().all();
    expect(indexes).toEqual(['payments_counterparty', 'payments_counterparty_name']);
    const plan = db.prepare("EXPLAIN QUERY PLAN SELECT seq FROM payments INDEXED BY payments_counterparty WHERE counterparty_id = 'ICBC'").all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/payments_counterparty/);
  });
});
