import { describe, it, expect } from 'vitest';
import { memoryStore } from '../test-support/test-store';
import { migrate } from '../migrate';

describe('0002 create operators', () => {
  it('keeps argon2id hashes and a non-empty JSON role list only', () => {
    const db = memoryStore(1);
    db.prepare("INSERT INTO settings (key, value) VALUES ('business_date', '2026-11-26')").run();
    migrate(db, undefined, 2);
    const insert = db.prepare('INSERT INTO operators (username, display_name, password_hash, roles, created_at) VALUES (?, ?, ?, ?, ?)');
    insert.run('clerk1', '张丽', '$argon2id$v=19$m=19456,t=2,p=1$abc$def', '["clerk"]', '2026-11-26T00:00:00Z');
    expect(() => insert.run('x1', 'x', '$2b$10$bcrypt', '["clerk"]', 'now')).toThrow(/CHECK/);
    expect(() => insert.run('x2', 'x', '$argon2id$v=19$x', '[]', 'now')).toThrow(/CHECK/);
    expect(() => insert.run('x3', 'x', '$argon2id$v=19$x', 'clerk', 'now')).toThrow(/CHECK/);
    const row = db.prepare("SELECT failed_logins, locked_at FROM operators WHERE username = 'clerk1'").get();
    expect(row).toEqual({ failed_logins: 0, locked_at: null });
    // Rows of the migration before it survive.
    expect(db.prepare('SELECT count(*) FROM settings').pluck().get()).toBe(1);
  });
});
