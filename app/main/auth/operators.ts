import { preparedOnce, type Db } from '../store/open-database';
import { roleSchema, type Role } from '../../shared/domain/operator';
import { z } from 'zod';

export interface OperatorRecord {
  username: string;
  displayName: string;
  passwordHash: string;
  roles: Role[];
  failedLogins: number;
  lockedAt: string | null;
}

interface Row {
  username: string;
  display_name: string;
  password_hash: string;
  roles: string;
  failed_logins: number;
  locked_at: string | null;
}

const rolesColumn = z.array(roleSchema).min(1);

const sql = preparedOnce((db) => ({
  byName: db.prepare<[string], Row>('SELECT * FROM operators WHERE username = ?'),
  all: db.prepare<[], Row>('SELECT * FROM operators ORDER BY username'),
  insert: db.prepare(
    `INSERT INTO operators (username, display_name, password_hash, roles, failed_logins, locked_at, created_at)
     VALUES (?, ?, ?, ?, 0, NULL, ?)`,
  ),
  recordFailure: db.prepare('UPDATE operators SET failed_logins = failed_logins + 1 WHERE username = ?'),
  lock: db.prepare('UPDATE operators SET locked_at = ? WHERE username = ?'),
  resetFailures: db.prepare('UPDATE operators SET failed_logins = 0, locked_at = NULL WHERE username = ?'),
  setHash: db.prepare('UPDATE operators SET password_hash = ? WHERE username = ?'),
}));

function toRecord(row: Row): OperatorRecord {
  return {
    username: row.username,
    displayName: row.display_name,
    passwordHash: row.password_hash,
    // The column is checked JSON; a role we do not know means the file was edited: fail loudly.
    roles: rolesColumn.parse(JSON.parse(row.roles)),
    failedLogins: row.failed_logins,
    lockedAt: row.locked_at,
  };
}

export function findOperator(db: Db, username: string): OperatorRecord | undefined {
  const row = sql(db).byName.get(username);
  return row === undefined ? undefined : toRecord(row);
}

export function listOperators(db: Db): OperatorRecord[] {
  return sql(db).all.all().map(toRecord);
}

export function insertOperator(db: Db, op: { username: string; displayName: string; passwordHash: string; roles: Role[] }, at: string): void {
  sql(db).insert.run(op.username, op.displayName, op.passwordHash, JSON.stringify(op.roles), at);
}

/** Counts a failed login; returns the new count. */
export function recordLoginFailure(db: Db, username: string): number {
  sql(db).recordFailure.run(username);
  return findOperator(db, username)?.failedLogins ?? 0;
}

export function lockOperator(db: Db, username: string, at: string): void {
  sql(db).lock.run(at, username);
}

/** After a good login or an admin's unlock. */
export function clearLoginFailures(db: Db, username: string): void {
  sql(db).resetFailures.run(username);
}

/** Replaces an operator's password hash; false when there is no such operator. */
export function setPasswordHash(db: Db, username: string, passwordHash: string): boolean {
  return sql(db).setHash.run(passwordHash, username).changes === 1;
}
