import type { SafeStorageAdapter } from '../secret-box';
import type { Argon2Params } from '../passphrase-key';

/** The cheapest argon2id the box accepts (the OWASP floor, one pass, one lane): tests only. */
export const TEST_ARGON2: Argon2Params = { memoryKiB: 19_456, timeCost: 1, parallelism: 1 };

/**
 * A stand-in for Electron's safeStorage: XORs with a per-instance pad and tags the output, so a
 * second instance (another "machine") cannot decrypt, and counts its calls.
 */
export function fakeSafeStorage(available = true): SafeStorageAdapter & { calls: { encrypt: number; decrypt: number } } {
  const pad = Buffer.from(Array.from({ length: 64 }, () => Math.floor(Math.random() * 256)));
  const mark = pad.subarray(0, 4).toString('hex');
  const xor = (b: Buffer) => Buffer.from(b.map((byte, i) => byte ^ (pad[i % pad.length] ?? 0)));
  const calls = { encrypt: 0, decrypt: 0 };
  return {
    calls,
    isEncryptionAvailable: () => available,
    encryptString(plainText) {
      calls.encrypt += 1;
      return Buffer.concat([Buffer.from(mark, 'utf8'), xor(Buffer.from(plainText, 'utf8'))]);
    },
    decryptString(encrypted) {
      calls.decrypt += 1;
      if (encrypted.subarray(0, 8).toString('utf8') !== mark) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return xor(encrypted.subarray(8)).toString('utf8');
    },
  };
}
