import { base32Decode, hotp, totpStep, TOTP_WINDOW_STEPS } from '../../../shared/auth/totp';
import { parseCredentialLines, parseTotpLines } from '../../demo/demo-operators';

// The last step handed out per secret: a code is accepted once, so each login gets the next
// step still inside the window (three per 30 s of a test's fixed clock).
const lastStep = new Map<string, number>();

/** A fresh code for the secret at `nowMs`, never one handed out before. */
export function nextTotpCode(secret: string, nowMs: number): string {
  const now = totpStep(nowMs);
  const step = Math.max(now - TOTP_WINDOW_STEPS, (lastStep.get(secret) ?? -1) + 1);
  if (step > now + TOTP_WINDOW_STEPS) throw new Error('more than three logins of one operator within 30 s of the test clock: move the clock on');
  lastStep.set(secret, step);
  return hotp(base32Decode(secret), step);
}

/**
 * The auth.login input of a demo operator, read from what the first start printed (passwords,
 * and one-time-code keys of those who need one) as a person would: with a code when one is due.
 */
export function demoLoginInput(output: string | readonly string[], username: string, nowMs = Date.now()): { username: string; password: string; code?: string } {
  const password = parseCredentialLines(output).get(username);
  if (password === undefined) throw new Error(`no password printed for ${username}`);
  const secret = parseTotpLines(output).get(username);
  return secret === undefined ? { username, password } : { username, password, code: nextTotpCode(secret, nowMs) };
}
