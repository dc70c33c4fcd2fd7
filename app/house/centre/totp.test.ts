import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, hotp, otpauthUri, totpCode, totpStep, verifyTotp } from './totp';

// RFC 6238 appendix B: the SHA1 seed is the ASCII string "12345678901234567890", 8 digits.
const RFC_SECRET = base32Encode(Buffer.from('12345678901234567890', 'ascii'));
const RFC_VECTORS: Array<[number, string]> = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
];

describe('TOTP (RFC 6238, HMAC-SHA1)', () => {
  it('gives the RFC 6238 appendix B values', () => {
    for (const [seconds, code] of RFC_VECTORS) expect(totpCode(RFC_SECRET, seconds * 1000, 8)).toBe(code);
  });

  it('gives the RFC 4226 appendix D HOTP values', () => {
    const key = Buffer.from('12345678901234567890', 'ascii');
    expect([0, 1, 2, 9].map((c) => hotp(key, c))).toEqual(['755224', '287082', '359152', '520489']);
  });

  it('round-trips base32 and reads the secret as apps write it', () => {
    expect(base32Encode(Buffer.from('12345678901234567890'))).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
    expect(base32Decode('gezd gnbv gy3t qojq gezd gnbv gy3t qojq').toString()).toBe('12345678901234567890');
  });

  it('accepts a code one step either side, not two, and refuses a used step', () => {
    const nowMs = 1_111_111_111_000;
    const step = totpStep(nowMs);
    const previous = totpCode(RFC_SECRET, nowMs - 30_000);
    const next = totpCode(RFC_SECRET, nowMs + 30_000);
    expect(verifyTotp(RFC_SECRET, previous, nowMs, null)).toBe(step - 1);
    expect(verifyTotp(RFC_SECRET, next, nowMs, null)).toBe(step + 1);
    expect(verifyTotp(RFC_SECRET, totpCode(RFC_SECRET, nowMs - 60_000), nowMs, null)).toBeUndefined();
    expect(verifyTotp(RFC_SECRET, totpCode(RFC_SECRET, nowMs), nowMs, step)).toBeUndefined();
    expect(verifyTotp(RFC_SECRET, totpCode(RFC_SECRET, nowMs), nowMs, step - 1)).toBe(step);
    expect(verifyTotp(RFC_SECRET, '12345', nowMs, null)).toBeUndefined();
  });

  it('writes an otpauth URI authenticator apps accept', () => {
    const uri = otpauthUri('JBSWY3DPEHPK3PXP', 'wang.li');
    expect(uri).toBe('otpauth://totp/Hankou%20clearing%20centre:wang.li?secret=JBSWY3DPEHPK3PXP&issuer=Hankou+clearing+centre&algorithm=SHA1&digits=6&period=30');
  });
});
