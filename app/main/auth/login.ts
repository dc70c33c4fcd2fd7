import type { Db } from '../store/open-database';
import type { Role } from '../../shared/domain/operator';
import { appendAudit } from '../audit/audit-log';
import { UserError } from '../user-error';
import { clearLoginFailures, findOperator, insertOperator, lockOperator, recordLoginFailure, type OperatorRecord } from './operators';
import { decoyPasswordHash, hashPassword, verifyPassword } from './password';

/** Consecutive failed logins that lock an account until an admin unlocks it. */
export const MAX_FAILED_LOGINS = 5;

const invalid = () =>
  new UserError('auth.invalid', 'Wrong user name or password.', '用户名或密码错误。');
const locked = () =>
  new UserError(
    'auth.locked',
    `This account is locked after ${MAX_FAILED_LOGINS} failed logins. Ask an administrator to unlock it.`,
    `该账户因连续 ${MAX_FAILED_LOGINS} 次登录失败已被锁定，请联系系统管理员解锁。`,
  );

/**
 * Checks a password and keeps the lock-out count. A locked account stays locked even with the
 * right password. Every outcome is audited (the count is operator state).
 */
export async function login(db: Db, username: string, password: string, at: string): Promise<OperatorRecord> {
  const operator = await checkPassword(db, username, password, at);
  completeLogin(db, username, at);
  return { ...operator, failedLogins: 0 };
}

/**
 * The first factor only: a wrong password counts towards the lock-out; a right one leaves the
 * count alone, so guessing a second-factor code after it still locks the account.
 */
export async function checkPassword(db: Db, username: string, password: string, at: string): Promise<OperatorRecord> {
  const operator = findOperator(db, username);
  if (operator === undefined) {
    await verifyPassword(await decoyPasswordHash(), password);
    db.transaction(() => appendAudit(db, { at, actor: username, action: 'auth.login_failed', entity: 'operator', entityId: username, detail: { reason: 'unknown_user' } }))();
    throw invalid();
  }
  if (operator.lockedAt !== null) {
    db.transaction(() => appendAudit(db, { at, actor: username, action: 'auth.login_refused', entity: 'operator', entityId: username, detail: { reason: 'locked' } }))();
    throw locked();
  }
  if (await verifyPassword(operator.passwordHash, password)) return operator;
  throw countLoginFailure(db, username, at, 'wrong_password') ? locked() : invalid();
}

/** Every factor passed: the failure count starts again, and the login is audited. */
export function completeLogin(db: Db, username: string, at: string, detail: Record<string, unknown> = {}): void {
  db.transaction(() => {
    clearLoginFailures(db, username);
    appendAudit(db, { at, actor: username, action: 'auth.login', entity: 'operator', entityId: username, detail });
  })();
}

/** A wrong password or code: counted and audited; locks the account at MAX_FAILED_LOGINS. True when now locked. */
export function countLoginFailure(db: Db, username: string, at: string, reason: 'wrong_password' | 'wrong_code'): boolean {
  return db.transaction(() => {
    const failures = recordLoginFailure(db, username);
    appendAudit(db, { at, actor: username, action: 'auth.login_failed', entity: 'operator', entityId: username, detail: { reason, failures } });
    if (failures >= MAX_FAILED_LOGINS) {
      lockOperator(db, username, at);
      appendAudit(db, { at, actor: 'system', action: 'operator.locked', entity: 'operator', entityId: username, detail: { failures } });
      return true;
    }
    return false;
  })();
}

export const lockedError = locked;

export function unlockOperator(db: Db, username: string, by: string, at: string): void {
  db.transaction(() => {
    if (findOperator(db, username) === undefined) {
      throw new UserError('operators.not_found', `No operator named ${username}.`, `操作员 ${username} 不存在。`);
    }
    clearLoginFailures(db, username);
    appendAudit(db, { at, actor: by, action: 'operator.unlocked', entity: 'operator', entityId: username, detail: {} });
  })();
}

export async function createOperator(
  db: Db,
  op: { username: string; displayName: string; password: string; roles: Role[] },
  by: string,
  at: string,
): Promise<void> {
  const passwordHash = await hashPassword(op.password);
  db.transaction(() => {
    insertOperator(db, { username: op.username, displayName: op.displayName, passwordHash, roles: op.roles }, at);
    appendAudit(db, { at, actor: by, action: 'operator.created', entity: 'operator', entityId: op.username, detail: { roles: op.roles, displayName: op.displayName } });
  })();
}
