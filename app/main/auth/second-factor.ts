import QRCode from 'qrcode';
import type { Db } from '../store/open-database';
import { appendAudit } from '../audit/audit-log';
import { UserError } from '../user-error';
import { otpauthUri } from '../../shared/auth/totp';
import { countLoginFailure, lockedError } from './login';
import type { OperatorRecord } from './operators';
import { acceptTotpCode, endEnrolment, pendingEnrolment, startEnrolment, totpRequired, totpSecretOf } from './totp-factor';

const codeNeeded = () =>
  new UserError('auth.totp_required', 'Enter the 6-digit code of your authenticator app.', '请输入手机验证器应用显示的 6 位动态口令。');
const enrolmentNeeded = () =>
  new UserError('auth.totp_enrol', 'Your role signs in with a one-time code: set it up first.', '您的岗位须使用动态口令登录，请先绑定。');
const wrongCode = () =>
  new UserError('auth.totp_invalid', 'Wrong or already used code. Wait for the next one and try again.', '动态口令错误或已使用，请等待下一个口令后重试。');
const notNeeded = () =>
  new UserError('auth.totp_not_needed', 'This operator has a one-time code set up already, or needs none.', '该操作员已绑定动态口令或无须动态口令。');

/**
 * After the password: an operator who needs a one-time code gives one (kept so it is never
 * accepted again); one enrolling confirms the secret just shown with its first code. A wrong
 * code counts towards the lock-out like a wrong password.
 */
export function checkSecondFactor(db: Db, operator: OperatorRecord, code: string | undefined, sessionKey: string, nowMs: number, at: string): { totp: boolean } {
  if (!totpRequired(db, operator.roles)) return { totp: false };
  const enrolled = totpSecretOf(db, operator.username) !== null;
  const pending = enrolled ? undefined : pendingEnrolment(db, sessionKey, operator.username, nowMs);
  if (!enrolled && pending === undefined) throw enrolmentNeeded();
  if (code === undefined) throw codeNeeded();
  if (!acceptTotpCode(db, operator.username, code, nowMs, pending?.secret)) {
    throw countLoginFailure(db, operator.username, at, 'wrong_code') ? lockedError() : wrongCode();
  }
  if (pending !== undefined) {
    endEnrolment(db, sessionKey);
    db.transaction(() => appendAudit(db, { at, actor: operator.username, action: 'operator.totp_enrolled', entity: 'operator', entityId: operator.username, detail: { issuedBy: 'self' } }))();
  }
  return { totp: true };
}

export interface EnrolmentView {
  secret: string;
  otpauthUri: string;
  /** The otpauth URI as a QR code, an SVG data URL (the console's CSP allows data: images). */
  qrDataUrl: string;
  expiresAt: string;
}

/** The secret to scan, for an operator who needs a code and has none yet (the password was checked). */
export async function enrolmentFor(db: Db, operator: OperatorRecord, bank: { name: string; bankCode: string }, sessionKey: string, nowMs: number): Promise<EnrolmentView> {
  if (!totpRequired(db, operator.roles) || totpSecretOf(db, operator.username) !== null) throw notNeeded();
  const pending = startEnrolment(db, sessionKey, operator.username, nowMs);
  const uri = otpauthUri(pending.secret, `${operator.username}@${bank.bankCode}`, `Hankou ${bank.name}`);
  const svg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return {
    secret: pending.secret,
    otpauthUri: uri,
    qrDataUrl: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`,
    expiresAt: new Date(pending.expiresMs).toISOString(),
  };
}
