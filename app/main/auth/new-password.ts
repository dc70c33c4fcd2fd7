import type { Db } from '../store/open-database';
import { appendAudit } from '../audit/audit-log';
import { clearLoginFailures, findOperator, setPasswordHash } from './operators';
import { hashPassword, randomPassword } from './password';
import { enrolTotp, newTotpSecret, totpRequired } from './totp-factor';
import type { Role } from '../../shared/domain/operator';

/**
 * Issues fresh random passwords to existing operators and returns them, to be shown once: the
 * way back in when a first-start password was lost (nothing keeps it). Whoever runs this can
 * already write the store file, so it grants nothing new; it is audited like every change.
 */
export async function issueNewPasswords(
  db: Db,
  usernames: readonly string[],
  by: string,
  at: string,
): Promise<{ username: string; password: string; roles: Role[]; displayName: string; totpSecret?: string }[]> {
  const unknown = usernames.filter((u) => findOperator(db, u) === undefined);
  if (unknown.length > 0) throw new Error(`no such operator: ${unknown.join(', ')}`);
  const issued = [];
  for (const username of usernames) {
    const password = randomPassword();
    const passwordHash = await hashPassword(password);
    const operator = findOperator(db, username)!;
    // Whoever lost the password may have lost the phone too: an operator who needs a one-time
    // code gets a fresh key with it, printed the same way.
    const totpSecret = totpRequired(db, operator.roles) ? newTotpSecret() : undefined;
    db.transaction(() => {
      setPasswordHash(db, username, passwordHash);
      clearLoginFailures(db, username);
      appendAudit(db, { at, actor: by, action: 'operator.password_issued', entity: 'operator', entityId: username, detail: {} });
      if (totpSecret !== undefined) enrolTotp(db, username, totpSecret, by, at);
    })();
    issued.push({ username, password, roles: operator.roles, displayName: operator.displayName, ...(totpSecret ? { totpSecret } : {}) });
  }
  return issued;
}
