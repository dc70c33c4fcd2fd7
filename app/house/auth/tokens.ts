import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Bearer tokens are long random strings, so one sha256 is enough to store them safely (a
 * password hash like argon2 guards low-entropy secrets; these are not, and each request checks
 * one). Only the hash is stored; lookups are by hash.
 */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

/** "Bearer <token>" -> token; anything else -> undefined. */
export function bearerToken(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const match = /^Bearer\s+(\S{8,256})\s*$/i.exec(header);
  return match?.[1];
}

export function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(hashToken(a), 'hex');
  const right = Buffer.from(hashToken(b), 'hex');
  return timingSafeEqual(left, right);
}
