import { hashRaw, type Algorithm } from '@node-rs/argon2';

// The package declares Algorithm as an ambient const enum (see auth/password.ts): 2 is Argon2id.
const ARGON2ID = 2 as Algorithm.Argon2id;

/**
 * argon2id for sealing keys: RFC 9106's second recommended setting (64 MiB, 3 passes, 4 lanes).
 * Stronger than the login hashes (19 MiB, 2 passes) because a stolen disk gives an attacker
 * unlimited offline guesses at this passphrase, while logins are also rate-limited and locked.
 */
export const DEFAULT_ARGON2_PARAMS = { memoryKiB: 65_536, timeCost: 3, parallelism: 4 } as const;
export type Argon2Params = { memoryKiB: number; timeCost: number; parallelism: number };

export const SALT_BYTES = 16;
export const KEY_BYTES = 32;

/**
 * Passphrases shorter than this are refused when sealing: the derivation slows guessing, it
 * cannot rescue a short word. 12 characters is NIST SP 800-63B's floor for a single factor.
 */
export const MIN_PASSPHRASE_LENGTH = 12;

/** The 256-bit AES key for one envelope: argon2id(passphrase, salt). */
export async function derivePassphraseKey(passphrase: string, salt: Buffer, params: Argon2Params): Promise<Buffer> {
  return hashRaw(passphrase.normalize('NFC'), {
    algorithm: ARGON2ID,
    memoryCost: params.memoryKiB,
    timeCost: params.timeCost,
    parallelism: params.parallelism,
    outputLen: KEY_BYTES,
    salt,
  });
}
