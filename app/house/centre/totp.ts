import { randomBytes } from 'node:crypto';
import { base32Decode as decode, base32Encode, TOTP_SECRET_BYTES } from '../../shared/auth/totp';

/**
 * The centre's TOTP is the shared RFC 6238 implementation (app/shared/auth/totp.ts, also used by
 * the bank consoles' operators); the house adds what needs Node: random secrets, and Buffers.
 */
export { TOTP_DIGITS, TOTP_SECRET_BYTES, TOTP_STEP_SECONDS, TOTP_WINDOW_STEPS, base32Encode, hotp, otpauthUri, totpCode, totpStep, verifyTotp } from '../../shared/auth/totp';

export function base32Decode(text: string): Buffer {
  return Buffer.from(decode(text));
}

export function newTotpSecret(): string {
  return base32Encode(randomBytes(TOTP_SECRET_BYTES));
}
