import { randomBytes } from 'node:crypto';
import { preparedOnce, type Db } from '../store/open-database';
import { appendAudit } from '../audit/audit-log';
import { getSetting, setSetting } from '../settings/settings';
import { base32Encode, TOTP_SECRET_BYTES, verifyTotp } from '../../shared/auth/totp';
import type { Role } from '../../shared/domain/operator';

/**
 * The bank console's second factor (docs/centre-console.md): TOTP (RFC 6238, the shared
 * implementation the clearing centre's operators use). Supervisors and administrators always
 * sign in with a code; a bank may require it of every operator (`totp_required_all`). The
 * secret sits in the operators table in clear (base32), as a TOTP verifier must be able to
 * compute codes; the store file is the bank's to protect, like its backups.
 */

/** Roles that always need a code: they release money and hand out access. */
export const TOTP_ROLES: readonly Role[] = ['supervisor', 'admin'];
const POLICY_KEY = 'totp_required_all';

const sql = preparedOnce((db) => ({
  state: db.prepare<[string], { totp_secret: string | null; totp_last_step: number | null }>('SELECT totp_secret, totp_last_step FROM operators WHERE username = ?'),
  enrol: db.prepare('UPDATE operators SET totp_secret = ?, totp_last_step = ? WHERE username = ?'),
  used: db.prepare('UPDATE operators SET totp_last_step = ? WHERE username = ? AND (totp_last_step IS NULL OR totp_last_step < ?)'),
  reset: db.prepare('UPDATE operators SET totp_secret = NULL, totp_last_step = NULL WHERE username = ?'),
}));

export function newTotpSecret(): string {
  return base32Encode(randomBytes(TOTP_SECRET_BYTES));
}

export function totpRequiredForAll(db: Db): boolean {
  return getSetting(db, POLICY_KEY) === '1';
}

export function setTotpRequiredForAll(db: Db, required: boolean, by: string, at: string): void {
  db.transaction(() => {
    setSetting(db, POLICY_KEY, required ? '1' : '0');
    appendAudit(db, { at, actor: by, action: 'operator.totp_policy', entity: 'settings', entityId: POLICY_KEY, detail: { requiredForAll: required } });
  })();
}

export function totpRequired(db: Db, roles: readonly Role[]): boolean {
  return roles.some((r) => TOTP_ROLES.includes(r)) || totpRequiredForAll(db);
}

export function totpSecretOf(db: Db, username: string): string | null {
  return sql(db).state.get(username)?.totp_secret ?? null;
}

/**
 * Checks a code against the operator's secret (or, while enrolling, the secret just shown) and
 * keeps its step so it is never accepted again: the update is a compare-and-set, so two windows
 * racing with one code let only one in.
 */
export function acceptTotpCode(db: Db, username: string, code: string, nowMs: number, enrollingSecret?: string): boolean {
  const state = sql(db).state.get(username);
  if (state === undefined) return false;
  const secret = enrollingSecret ?? state.totp_secret;
  if (secret === null) return false;
  const step = verifyTotp(secret, code, nowMs, enrollingSecret === undefined ? state.totp_last_step : null);
  if (step === undefined) return false;
  if (enrollingSecret !== undefined) {
    sql(db).enrol.run(enrollingSecret, step, username);
    return true;
  }
  return sql(db).used.run(step, username, step).changes === 1;
}

/** Sets a secret directly: the demo's operators and `hankou console new-password`, whose output carries it. */
export function enrolTotp(db: Db, username: string, secret: string, by: string, at: string): void {
  sql(db).enrol.run(secret, null, username);
  appendAudit(db, { at, actor: by, action: 'operator.totp_enrolled', entity: 'operator', entityId: username, detail: { issuedBy: by } });
}

/** The operator enrols again at the next sign-in (a lost phone). */
export function resetTotp(db: Db, username: string, by: string, at: string): void {
  db.transaction(() => {
    sql(db).reset.run(username);
    appendAudit(db, { at, actor: by, action: 'operator.totp_reset', entity: 'operator', entityId: username, detail: {} });
  })();
}

/** Enrolments shown but not yet confirmed with a code, by host session (window), for a few minutes. */
export const ENROLMENT_TTL_MS = 5 * 60_000;
interface PendingEnrolment {
  username: string;
  secret: string;
  expiresMs: number;
}
const pendingByDb = new WeakMap<Db, Map<string, PendingEnrolment>>();

export function startEnrolment(db: Db, sessionKey: string, username: string, nowMs: number): PendingEnrolment {
  const pending = pendingByDb.get(db) ?? new Map<string, PendingEnrolment>();
  pendingByDb.set(db, pending);
  for (const [key, p] of pending) if (p.expiresMs <= nowMs) pending.delete(key);
  const existing = pending.get(sessionKey);
  // The same window asking again (a reload of the step) keeps the secret already scanned.
  if (existing !== undefined && existing.username === username) return existing;
  const fresh = { username, secret: newTotpSecret(), expiresMs: nowMs + ENROLMENT_TTL_MS };
  pending.set(sessionKey, fresh);
  return fresh;
}

export function pendingEnrolment(db: Db, sessionKey: string, username: string, nowMs: number): PendingEnrolment | undefined {
  const p = pendingByDb.get(db)?.get(sessionKey);
  return p !== undefined && p.username === username && p.expiresMs > nowMs ? p : undefined;
}

export function endEnrolment(db: Db, sessionKey: string): void {
  pendingByDb.get(db)?.delete(sessionKey);
}
