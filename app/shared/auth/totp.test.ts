import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, hotp, isTotpSecret, otpauthUri, totpCode, totpStep, verifyTotp } from './totp';
import { hmacSha1, sha1 } from './sha1';

const ascii = (text: string) => new TextEncoder().encode(text);
const hex = (bytes: Uint8Array) => [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');

// RFC 6238 appendix B: the SHA1 seed is the ASCII string "12345678901234567890", 8 digits.
const RFC_SECRET = base32Encode(ascii('12345678901234567890'));
const RFC_VECTORS: Array<[number, string]> = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
];

describe('SHA-1 and HMAC-SHA1', () => {
  it('gives the FIPS 180 and RFC 2202 values', () => {
    expect(hex(sha1(ascii('abc')))).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
    expect(hex(sha1(ascii('')))).toBe('da39a3ee5e6b4b0d3255bfef95601890afd80709');
    // Two blocks, and a message whose length pads into a second block.
    expect(hex(sha1(ascii('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')))).toBe('84983e441c3bd26ebaae4aa1f95129e5e54670f1');
    expect(hex(sha1(new Uint8Array(1_000_000).fill(0x61)))).toBe('34aa973cd4c4daa4f61eeb2bdbad27316534016f');
    expect(hex(hmacSha1(new Uint8Array(20).fill(0x0b), ascii('Hi There')))).toBe('b617318655057264e28bc0b6fb378c8ef146be00');
    expect(hex(hmacSha1(ascii('Jefe'), ascii('what do ya want for nothing?')))).toBe('effcdf6ae5eb2fa2d27416d5f184df9c259a7c79');
    // A key longer than a block is hashed first (RFC 2202 case 6).
    expect(hex(hmacSha1(new Uint8Array(80).fill(0xaa), ascii('Test Using Larger Than Block-Size Key - Hash Key First')))).toBe('aa4ae5e15272d00e95705637ce8a3b55ed402112');
  });
});

describe('TOTP (RFC 6238, HMAC-SHA1)', () => {
  it('gives the RFC 6238 appendix B values', () => {
    for (const [seconds, code] of RFC_VECTORS) expect(totpCode(RFC_SECRET, seconds * 1000, 8)).toBe(code);
  });

  it('gives the RFC 4226 appendix D HOTP values', () => {
    const key = ascii('12345678901234567890');
    expect([0, 1, 2, 9].map((c) => hotp(key, c))).toEqual(['755224', '287082', '359152', '520489']);
  });

  it('round-trips base32 and reads the secret as apps write it', () => {
    expect(base32Encode(ascii('12345678901234567890'))).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
    expect(new TextDecoder().decode(base32Decode('gezd gnbv gy3t qojq gezd gnbv gy3t qojq'))).toBe('12345678901234567890');
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

  it('knows a secret newTotpSecret could have made', () => {
    expect(isTotpSecret(base32Encode(new Uint8Array(20).fill(7)))).toBe(true);
    expect(isTotpSecret('JBSWY3DPEHPK3PXP')).toBe(false);
  });
});
