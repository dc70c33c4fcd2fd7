import { hmacSha1 } from './sha1';

/**
 * TOTP (RFC 6238) over HOTP (RFC 4226) with HMAC-SHA1, as authenticator apps implement it:
 * 30 s steps counted from the Unix epoch, 6 digits. A code is accepted in its own step or one
 * step either side (clock drift between phone and machine), and a step once used is refused
 * (replay): the caller keeps the last accepted step per operator. Pure, so the house's centre
 * operators and the bank console's operators check codes with the same code; each side makes
 * its own random secrets (newTotpSecret) where it has a random source.
 */
export const TOTP_STEP_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** Steps either side of now that are still accepted. */
export const TOTP_WINDOW_STEPS = 1;
/** 160-bit secrets, the size RFC 4226 recommends for HMAC-SHA1. */
export const TOTP_SECRET_BYTES = 20;

const BASE32_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function base32Encode(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32_ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32_ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

export function base32Decode(text: string): Uint8Array {
  const clean = text.replace(/=+$/, '').replace(/\s+/g, '').toUpperCase();
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const char of clean) {
    const index = BASE32_ALPHABET.indexOf(char);
    if (index < 0) throw new Error(`not base32: ${char}`);
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Uint8Array.from(out);
}

/** A secret as newTotpSecret makes them: 20 bytes, 32 base32 characters. */
export function isTotpSecret(text: string): boolean {
  return /^[A-Z2-7]{32}$/.test(text);
}

/** HOTP value of one counter (RFC 4226 section 5.3, dynamic truncation). */
export function hotp(key: Uint8Array, counter: number, digits = TOTP_DIGITS): string {
  if (!Number.isSafeInteger(counter) || counter < 0) throw new Error(`HOTP counter must be a non-negative integer, got ${counter}`);
  const message = new Uint8Array(8);
  const view = new DataView(message.buffer);
  view.setUint32(0, Math.floor(counter / 2 ** 32));
  view.setUint32(4, counter >>> 0);
  const mac = hmacSha1(key, message);
  const offset = (mac[mac.length - 1] as number) & 0x0f;
  const binary = new DataView(mac.buffer).getUint32(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

export function totpStep(nowMs: number): number {
  return Math.floor(nowMs / 1000 / TOTP_STEP_SECONDS);
}

/** The code for the step holding `nowMs` (tests and the enrolment check use it). */
export function totpCode(secretBase32: string, nowMs: number, digits = TOTP_DIGITS): string {
  return hotp(base32Decode(secretBase32), totpStep(nowMs), digits);
}

/** Equal strings of digits, compared without an early exit (no timing hint about a near miss). */
function sameCode(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i += 1) difference |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return difference === 0;
}

/**
 * The step the code belongs to, if it is valid now (±TOTP_WINDOW_STEPS) and later than
 * `lastUsedStep` (a used code, or an older one, is refused: no replay).
 */
export function verifyTotp(secretBase32: string, code: string, nowMs: number, lastUsedStep: number | null): number | undefined {
  if (!/^\d{6}$/.test(code)) return undefined;
  const key = base32Decode(secretBase32);
  const now = totpStep(nowMs);
  let matched: number | undefined;
  for (let step = now - TOTP_WINDOW_STEPS; step <= now + TOTP_WINDOW_STEPS; step += 1) {
    if (step < 0) continue;
    if (sameCode(hotp(key, step), code) && matched === undefined) matched = step;
  }
  if (matched === undefined) return undefined;
  if (lastUsedStep !== null && matched <= lastUsedStep) return undefined;
  return matched;
}

/** The otpauth:// URI authenticator apps read from the QR code (Key Uri Format). */
export function otpauthUri(secretBase32: string, account: string, issuer = 'Hankou clearing centre'): string {
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(account)}`;
  // Form-encoded as URLSearchParams writes it (space as '+'); app/shared has no URL globals.
  const form = (value: string) => encodeURIComponent(value).replace(/%20/g, '+');
  const query = Object.entries({ secret: secretBase32, issuer, algorithm: 'SHA1', digits: String(TOTP_DIGITS), period: String(TOTP_STEP_SECONDS) })
    .map(([key, value]) => `${key}=${form(value)}`)
    .join('&');
  return `otpauth://totp/${label}?${query}`;
}
