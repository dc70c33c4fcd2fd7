import { randomBytes, timingSafeEqual, createHash } from 'node:crypto';

/** 32 random bytes, URL-safe: the per-launch key the console URL carries (?k=...). */
export function createLaunchSecret(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Constant-time comparison of a presented secret with the real one. Both sides are hashed
 * first so the comparison does not leak the secret's length through an early return.
 */
export function secretMatches(presented: string | null | undefined, secret: string): boolean {
  if (typeof presented !== 'string' || presented.length === 0 || presented.length > 512) return false;
  const a = createHash('sha256').update(presented, 'utf8').digest();
  const b = createHash('sha256').update(secret, 'utf8').digest();
  return timingSafeEqual(a, b);
}

/** A fresh nonce for one HTML response's style-src (the grid's theme <style> elements). */
export function createStyleNonce(): string {
  return randomBytes(18).toString('base64');
}
