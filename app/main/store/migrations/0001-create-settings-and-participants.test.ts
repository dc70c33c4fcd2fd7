import { describe, it, expect } from 'vitest';
import { memoryStore } from '../test-support/test-store';
import { migrate } from '../migrate';

describe('0001 create settings and participants', () => {
  it('stores participants, checks 12-digit codes and allows only one own bank', () => {
    const db = memoryStore(0);
    migrate(db, undefined, 1);
    db.prepare("INSERT INTO participants (id, name, bank_code, is_self) VALUES ('HKB', '汉口银行', '313521000011', 1)").run();
    db.prepare("INSERT INTO participants (id, name, bank_code) VALUES ('ICBC', '工行', '102521000030')").run();
    expect(() => db.prepare("INSERT INTO participants (id, name, bank_code, is_self) VALUES ('X', 'x', '104521000017', 1)").run()).toThrow(/UNIQUE/);
    expect(() => db.prepare("INSERT INTO participants (id, name, bank_code) VALUES ('Y', 'y', '12345')").run()).toThrow(/CHECK/);
    db.prepare("INSERT INTO settings (key, value) VALUES ('business_date', '2026-11-26')").run();
    expect(db.prepare('SELECT count(*) FROM participants').pluck().get()).toBe(2);
    expect(db.prepare("SELECT value FROM settings WHERE key = 'business_date'").pluck().get()).toBe('2026-11-26');
  });
});
