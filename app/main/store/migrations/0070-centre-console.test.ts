import { describe, expect, it } from 'vitest';
import { memoryStore } from '../test-support/test-store';
import { migrate } from '../migrate';
import { MIGRATIONS } from './index';

describe('migration 0070: TOTP, directory status, broadcast reads', () => {
  it('keeps existing operators and participants and checks the new columns', () => {
    const db = memoryStore(69);
    db.prepare("INSERT INTO operators (username, display_name, password_hash, roles, created_at) VALUES ('super1', '李建国', '$argon2id$x', '[\"supervisor\"]', 't')").run();
    db.prepare("INSERT INTO participants (id, name, bank_code) VALUES ('ICBC', '工行', '102521000030')").run();
    expect(migrate(db, MIGRATIONS)).toContain(70);
    expect(db.prepare("SELECT totp_secret, totp_last_step FROM operators WHERE username = 'super1'").get()).toEqual({ totp_secret: null, totp_last_step: null });
    expect(db.prepare("SELECT active FROM participants WHERE id = 'ICBC'").pluck().get()).toBe(1);
    const setSecret = db.prepare("UPDATE operators SET totp_secret = ? WHERE username = 'super1'");
    setSecret.run('A'.repeat(32));
    expect(() => setSecret.run('a'.repeat(32))).toThrow(/CHECK/);
    expect(() => setSecret.run('A'.repeat(31))).toThrow(/CHECK/);
    expect(() => setSecret.run(`${'A'.repeat(31)}1`)).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE participants SET active = 2 WHERE id = 'ICBC'").run()).toThrow(/CHECK/);
    const read = db.prepare("INSERT INTO broadcast_reads (broadcast_id, username, read_at) VALUES (?, 'super1', 't')");
    read.run(1);
    expect(() => read.run(1)).toThrow(/UNIQUE|PRIMARY/);
    expect(() => read.run(0)).toThrow(/CHECK/);
  });
});
