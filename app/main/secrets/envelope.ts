import { z } from 'zod';

/**
 * The sealed form of one secret, stored as JSON text (a settings value or a file). Version 1:
 * AES-256-GCM under a fresh 256-bit key per envelope; how that key is recovered is the `key`
 * part: wrapped by the OS keychain (Electron safeStorage) or derived from a passphrase with
 * argon2id. The header (version, key part) and the secret's name are the GCM associated data,
 * so a header edited to weaker parameters, or an envelope copied under another name, fails to open.
 */
export const ENVELOPE_VERSION = 1;

/**
 * Bounds on what an envelope may ask of the key derivation: the stored parameters are input, and
 * a file edited to m=4 GiB must not make the console allocate it. The floor is the OWASP minimum.
 */
export const ARGON2_LIMITS = { minMemoryKiB: 19_456, maxMemoryKiB: 1_048_576, maxTimeCost: 10, maxParallelism: 16 } as const;

const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64').max(16_384);

const safeStorageKey = z.object({ kind: z.literal('safe-storage'), wrapped: base64.min(1) }).strict();
const argon2Key = z
  .object({
    kind: z.literal('argon2id'),
    memoryKiB: z.number().int().min(ARGON2_LIMITS.minMemoryKiB).max(ARGON2_LIMITS.maxMemoryKiB),
    timeCost: z.number().int().min(1).max(ARGON2_LIMITS.maxTimeCost),
    parallelism: z.number().int().min(1).max(ARGON2_LIMITS.maxParallelism),
    salt: base64.min(22),
    /** Key-check value: tells a wrong passphrase apart from a changed envelope. */
    check: base64.min(8).max(24),
  })
  .strict();

export const envelopeKeySchema = z.discriminatedUnion('kind', [safeStorageKey, argon2Key]);
export type EnvelopeKey = z.infer<typeof envelopeKeySchema>;

export const envelopeSchema = z
  .object({
    v: z.literal(ENVELOPE_VERSION),
    key: envelopeKeySchema,
    /** 96-bit GCM nonce. */
    iv: base64.min(16).max(16),
    /** Ciphertext followed by the 128-bit tag. */
    data: base64.min(24),
  })
  .strict();
export type Envelope = z.infer<typeof envelopeSchema>;

/** Secret names: short, fixed identifiers such as `house_link`; they are bound into the AAD. */
export const secretNameSchema = z.string().regex(/^[a-z][a-z0-9_.-]{0,63}$/, 'a secret name is lower-case letters, digits, _ . -');

/** The associated data: everything in the envelope but the ciphertext, plus the name it is stored under. */
export function associatedData(name: string, envelope: Pick<Envelope, 'v' | 'key' | 'iv'>): Buffer {
  return Buffer.from(JSON.stringify(['hankou-secret', envelope.v, name, envelope.key, envelope.iv]), 'utf8');
}
