import { describe, it, expect, beforeAll } from 'vitest';
import { memoryStore } from '../store/test-support/test-store';
import { createOperator, login, MAX_FAILED_LOGINS, unlockOperator } from './login';
import { findOperator } from './operators';
import { verifyAuditLog } from '../audit/audit-log';
import type { Db } from '../store/open-database';
import { UserError } from '../user-error';

const AT = '2026-11-26T01:00:00.000Z';
const PASSWORD = 'correct horse battery';

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'ok';
  } catch (error) {
    if (error instanceof UserError) return error.code;
    throw error;
  }
}

describe('login', () => {
  let db: Db;
  beforeAll(async () => {
    db = memoryStore();
    await createOperator(db, { username: 'clerk1', displayName: '张丽', password: PASSWORD, roles: ['clerk'] }, 'system', AT);
    await createOperator(db, { username: 'clerk2', displayName: '王磊', password: PASSWORD, roles: ['clerk'] }, 'system', AT);
  });

  it('stores an argon2id hash, never the password', () => {
    const op = findOperator(db, 'clerk1');
    expect(op?.passwordHash.startsWith('$argon2id$')).toBe(true);
    expect(op?.passwordHash).not.toContain(PASSWORD);
  });

  it('accepts the right password and refuses a wrong one or an unknown user alike', async () => {
    expect((await login(db, 'clerk1', PASSWORD, AT)).roles).toEqual(['clerk']);
    expect(await codeOf(login(db, 'clerk1', 'wrong password', AT))).toBe('auth.invalid');
    expect(await codeOf(login(db, 'nobody', PASSWORD, AT))).toBe('auth.invalid');
    // A good login resets the count.
    await login(db, 'clerk1', PASSWORD, AT);
    expect(findOperator(db, 'clerk1')?.failedLogins).toBe(0);
  });

  it(`locks after ${MAX_FAILED_LOGINS} consecutive failures, even for the right password, until an admin unlocks`, async () => {
    for (let i = 1; i < MAX_FAILED_LOGINS; i += 1) expect(await codeOf(login(db, 'clerk2', `bad ${i}`, AT))).toBe('auth.invalid');
    expect(await codeOf(login(db, 'clerk2', 'bad 5', AT))).toBe('auth.locked');
    expect(await codeOf(login(db, 'clerk2', PASSWORD, AT))).toBe('auth.locked');
    try {
      await login(db, 'clerk2', PASSWORD, AT);
    } catch (error) {
      expect((error as UserError).message).toMatch(/administrator/);
      expect((error as UserError).messageZh).toMatch(/管理员解锁/);
    }
    unlockOperator(db, 'clerk2', 'admin', AT);
    expect((await login(db, 'clerk2', PASSWORD, AT)).username).toBe('clerk2');
    expect(verifyAuditLog(db).ok).toBe(true);
    const actions = db.prepare("SELECT action FROM audit_log WHERE entity_id = 'clerk2' ORDER BY seq").pluck().all();
    expect(actions).toContain('operator.locked');
    expect(actions).toContain('operator.unlocked');
  });
});
