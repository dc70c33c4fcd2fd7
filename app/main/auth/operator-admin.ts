import type { Db } from '../store/open-database';
import type { Role } from '../../shared/domain/operator';
import { preparedOnce } from '../store/open-database';
import { appendAudit } from '../audit/audit-log';
import { UserError } from '../user-error';
import { clearLoginFailures, findOperator, insertOperator, setPasswordHash } from './operators';
import { hashPassword, randomPassword, verifyPassword } from './password';

/**
 * Operator administration from the console (issue 16): create with a one-time password, change
 * roles, reset a lost password, and each operator's own password change.
 *
 * Whether a password is one-time is read from the audit trail, not a column: the operator's
 * latest password event decides. A password an administrator set in the console (created with
 * `oneTimePassword`, or `operator.password_reset`) must be replaced at the next sign-in; one the
 * operator chose (`operator.password_changed`) need not. Passwords issued at the machine
 * (first start, `hankou console new-password`) are handed over by whoever runs the machine and
 * are not forced (their events carry no such mark). The audit log is indexed by (entity, entity_id).
 */
const PASSWORD_EVENTS = ['operator.created', 'operator.password_reset', 'operator.password_changed', 'operator.password_issued'] as const;

const sql = preparedOnce((db) => ({
  lastPasswordEvent: db.prepare<[string], { action: string; detail: string }>(
    `SELECT action, detail FROM audit_log WHERE entity = 'operator' AND entity_id = ?
       AND action IN (${PASSWORD_EVENTS.map((a) => `'${a}'`).join(', ')}) ORDER BY seq DESC LIMIT 1`,
  ),
  setRoles: db.prepare<[string, string]>('UPDATE operators SET roles = ? WHERE username = ?'),
}));

export function mustChangePassword(db: Db, username: string): boolean {
  const last = sql(db).lastPasswordEvent.get(username);
  if (last === undefined) return false;
  if (last.action === 'operator.password_reset') return true;
  return last.action === 'operator.created' && (JSON.parse(last.detail) as { oneTimePassword?: boolean }).oneTimePassword === true;
}

const notFound = (username: string) => new UserError('operators.not_found', `No operator named ${username}.`, `操作员 ${username} 不存在。`);

export async function createOperatorWithOneTimePassword(db: Db, op: { username: string; displayName: string; roles: Role[] }, by: string, at: string): Promise<string> {
  if (findOperator(db, op.username) !== undefined) {
    throw new UserError('operators.exists', `An operator named ${op.username} exists already.`, `操作员 ${op.username} 已存在。`);
  }
  const password = randomPassword();
  const passwordHash = await hashPassword(password);
  db.transaction(() => {
    insertOperator(db, { ...op, passwordHash }, at);
    appendAudit(db, { at, actor: by, action: 'operator.created', entity: 'operator', entityId: op.username, detail: { roles: op.roles, displayName: op.displayName, oneTimePassword: true } });
  })();
  return password;
}

export function setOperatorRoles(db: Db, username: string, roles: Role[], by: string, at: string): void {
  const unique = [...new Set(roles)];
  db.transaction(() => {
    const operator = findOperator(db, username);
    if (operator === undefined) throw notFound(username);
    // The last way back in must not be closed from inside: another administrator changes an admin's roles.
    if (username === by && operator.roles.includes('admin') && !unique.includes('admin')) {
      throw new UserError('operators.own_admin', 'You cannot remove your own administrator role.', '不能取消自己的管理员岗位。');
    }
    sql(db).setRoles.run(JSON.stringify(unique), username);
    appendAudit(db, { at, actor: by, action: 'operator.roles_changed', entity: 'operator', entityId: username, detail: { from: operator.roles, to: unique } });
  })();
}

export async function resetOperatorPassword(db: Db, username: string, by: string, at: string): Promise<string> {
  if (findOperator(db, username) === undefined) throw notFound(username);
  const password = randomPassword();
  const passwordHash = await hashPassword(password);
  db.transaction(() => {
    setPasswordHash(db, username, passwordHash);
    clearLoginFailures(db, username);
    appendAudit(db, { at, actor: by, action: 'operator.password_reset', entity: 'operator', entityId: username, detail: {} });
  })();
  return password;
}

export async function changeOwnPassword(db: Db, username: string, current: string, next: string, at: string): Promise<void> {
  const operator = findOperator(db, username);
  if (operator === undefined) throw notFound(username);
  if (!(await verifyPassword(operator.passwordHash, current))) {
    throw new UserError('auth.invalid', 'The current password is wrong.', '当前密码不正确。');
  }
  if (current === next) throw new UserError('auth.same_password', 'Choose a password other than the current one.', '新密码不能与当前密码相同。');
  const passwordHash = await hashPassword(next);
  db.transaction(() => {
    setPasswordHash(db, username, passwordHash);
    appendAudit(db, { at, actor: username, action: 'operator.password_changed', entity: 'operator', entityId: username, detail: {} });
  })();
}
