import { describe, expect, it } from 'vitest';
import { memoryStore } from '../../store/test-support/test-store';
import { migrate } from '../../store/migrate';
import type { Db } from '../../store/open-database';
import { migration as m0023 } from '../../risk/migrations/0023-index-payments-by-debtor';
import { SYNC_MIGRATIONS } from './index';

function seed(db: Db): void {
  db.exec(`INSERT INTO participants (id, name, bank_code, is_self) VALUES ('HKB', 'h', '313521000011', 1), ('ICBC', 'i', '102521000030', 0);`);
  db.exec(`INSERT INTO payments (seq, id, kind, priority, status, direction, from_id, to_id, amount_minor, currency, debtor_name, debtor_account,
      creditor_name, creditor_account, purpose, bill_number, maker, created_at, updated_at, business_date)
    VALUES (5, 'HKB-D1-1', 'hvps', 0, 'queued', 'out', 'HKB', 'ICBC', 9007199254740991, 'CNY', '武汉光谷科技有限公司', '4201', '张伟', '6222', '货款', NULL, 'clerk1', 't1', 't2', '2026-11-26'),
           (9, 'ICBC-X-1', 'bill', 2, 'netted', 'in', 'HKB', 'ICBC', 1, 'CNY', 'a', '1', 'b', '2', '', '12345678', 'house', 't3', 't4', '2026-11-26')`);
}

const rows = (db: Db) => db.prepare('SELECT seq, id, status, amount_minor, counterparty_id, counterparty_name FROM payments ORDER BY seq').safeIntegers().all();
const indexNames = (db: Db) => db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'payments' ORDER BY name").pluck().all();

describe('sync migration 0017: scheduled status, payment timing, queue order and status history', () => {
  it('rebuilds payments from its own SQL keeping rows, generated columns and other areas\' indexes', () => {
    const db = memoryStore();
    seed(db);
    db.transaction(() => m0023.up(db))();
    const before = rows(db);
    const indexesBefore = indexNames(db);
    expect(() => db.prepare("UPDATE payments SET status = 'scheduled' WHERE seq = 5").run()).toThrow(/CHECK/);

    expect(migrate(db, SYNC_MIGRATIONS)).toContain(17);

    expect(rows(db)).toEqual(before);
    expect(indexNames(db)).toEqual([...indexesBefore, 'payments_waiting'].sort());
    expect(db.prepare('PRAGMA integrity_check').pluck().get()).toBe('ok');
    db.prepare("UPDATE payments SET status = 'scheduled', earliest_time = '10:05', latest_time = '11:00', value_date = '2026-11-27', queue_key = 3 WHERE seq = 5").run();
    expect(() => db.prepare("UPDATE payments SET status = 'parked' WHERE seq = 5").run()).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE payments SET earliest_time = '9:05' WHERE seq = 5").run()).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE payments SET latest_time = '10:5x' WHERE seq = 5").run()).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE payments SET value_date = '27/11/2026' WHERE seq = 5").run()).toThrow(/CHECK/);
    // The rebuilt table still refers to participants and keeps the bill rule.
    expect(() => db.prepare("UPDATE payments SET to_id = 'NOBODY' WHERE seq = 5").run()).toThrow(/FOREIGN KEY/);
    expect(() => db.prepare('UPDATE payments SET bill_number = NULL WHERE seq = 9').run()).toThrow(/CHECK/);
    db.prepare("INSERT INTO payment_status_history (payment_id, status, reason, business_date, at) VALUES ('HKB-D1-1', 'queued', 'INSUFFICIENT_FUNDS', '2026-11-26', 't')").run();
    expect(db.prepare('SELECT count(*) FROM payment_status_history').pluck().get()).toBe(1);
  });
});
