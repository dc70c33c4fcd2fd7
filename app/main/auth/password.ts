import { hash, verify, type Algorithm } from '@node-rs/argon2';
import { randomBytes } from 'node:crypto';

// The package declares Algorithm as an ambient const enum, which verbatimModuleSyntax cannot
// read at run time; 2 is its Argon2id member (node_modules/@node-rs/argon2/index.d.ts).
const ARGON2ID = 2 as Algorithm.Argon2id;

/**
 * argon2id with the library defaults (19 MiB, 2 passes, 1 lane: the OWASP minimum), which
 * costs ~30 ms here: slow enough to hurt guessing, quick enough for a login.
 */
export async function hashPassword(password: string): Promise<string> {
  return hash(password, { algorithm: ARGON2ID });
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// Verified against when the user name is unknown, so a wrong name costs as long as a wrong password.
let decoyHash: Promise<string> | undefined;
export function decoyPasswordHash(): Promise<string> {
  decoyHash ??= hashPassword(randomBytes(16).toString('hex'));
  return decoyHash;
}

/** A random password for demo operators: 16 characters from an alphabet without look-alikes. */
export function randomPassword(length = 16): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(length);
  let out = '';
  for (const byte of bytes) out += alphabet[byte % alphabet.length];
  return out;
}
