import { describe, it, expect } from 'vitest';
import { createSecretBox, SecretBoxError, type SecretBoxErrorCode } from './secret-box';
import { envelopeSchema } from './envelope';
import { DEFAULT_ARGON2_PARAMS } from './passphrase-key';
import { fakeSafeStorage, TEST_ARGON2 } from './test-support/test-secrets';

const PASSPHRASE = 'correct horse battery staple';
const TOKEN = 'hk-token-7f3a9c2e5b1d4f60-very-secret';

async function failure(promise: Promise<unknown>): Promise<SecretBoxErrorCode | string> {
  try {
    await promise;
    return 'no error';
  } catch (error) {
    return error instanceof SecretBoxError ? error.code : `not a SecretBoxError: ${String(error)}`;
  }
}

/** Flips one bit of a base64 field of the envelope. */
function flip(sealed: string, field: 'data' | 'iv'): string {
  const envelope = JSON.parse(sealed) as Record<string, string>;
  const bytes = Buffer.from(envelope[field] ?? '', 'base64');
  bytes[0] = (bytes[0] ?? 0) ^ 1;
  return JSON.stringify({ ...envelope, [field]: bytes.toString('base64') });
}

describe('secret box with a passphrase (the browser host)', () => {
  const box = createSecretBox({ passphrase: () => PASSPHRASE, argon2: TEST_ARGON2 });

  it('round-trips, and the envelope holds neither the secret nor the passphrase', async () => {
    const sealed = await box.seal('house_link', TOKEN);
    expect(await box.open('house_link', sealed)).toBe(TOKEN);
    expect(sealed).not.toContain(TOKEN);
    expect(sealed).not.toContain(Buffer.from(TOKEN).toString('base64').slice(0, 12));
    expect(sealed).not.toContain(PASSPHRASE);
    const envelope = envelopeSchema.parse(JSON.parse(sealed));
    expect(envelope.key).toMatchObject({ kind: 'argon2id', memoryKiB: TEST_ARGON2.memoryKiB });
    expect(box.sealKind()).toBe('argon2id');
  });

  it('uses a fresh salt and nonce for every envelope', async () => {
    const a = envelopeSchema.parse(JSON.parse(await box.seal('house_link', TOKEN)));
    const b = envelopeSchema.parse(JSON.parse(await box.seal('house_link', TOKEN)));
    expect(a.iv).not.toBe(b.iv);
    expect(a.key.kind === 'argon2id' && b.key.kind === 'argon2id' && a.key.salt !== b.key.salt).toBe(true);
    expect(a.data).not.toBe(b.data);
  });

  it('says "wrong passphrase" for a wrong passphrase', async () => {
    const sealed = await box.seal('house_link', TOKEN);
    const other = createSecretBox({ passphrase: () => 'not the passphrase at all', argon2: TEST_ARGON2 });
    expect(await failure(other.open('house_link', sealed))).toBe('wrong_passphrase');
    await expect(other.open('house_link', sealed)).rejects.toThrow(/wrong passphrase for the secret house_link/);
  });

  it('detects a changed ciphertext, nonce, header or name', async () => {
    const sealed = await box.seal('house_link', TOKEN);
    expect(await failure(box.open('house_link', flip(sealed, 'data')))).toBe('tampered');
    expect(await failure(box.open('house_link', flip(sealed, 'iv')))).toBe('tampered');
    // Moved under another name: the name is in the associated data.
    expect(await failure(box.open('other_secret', sealed))).toBe('tampered');
    // Cheaper derivation written into the header: the key no longer matches.
    const weaker = JSON.stringify({ ...JSON.parse(sealed), key: { ...JSON.parse(sealed).key, timeCost: 2 } });
    expect(await failure(box.open('house_link', weaker))).toBe('wrong_passphrase');
    expect(await failure(box.open('house_link', 'hk-token-in-clear'))).toBe('malformed');
    const huge = JSON.stringify({ ...JSON.parse(sealed), key: { ...JSON.parse(sealed).key, memoryKiB: 64 * 1024 * 1024 } });
    expect(await failure(box.open('house_link', huge))).toBe('malformed');
  });

  it('refuses a short passphrase and a missing one, with a message that says what to do', async () => {
    const short = createSecretBox({ passphrase: () => 'short', argon2: TEST_ARGON2 });
    expect(await failure(short.seal('house_link', TOKEN))).toBe('weak_passphrase');
    const none = createSecretBox({});
    expect(none.sealKind()).toBeNull();
    await expect(none.seal('house_link', TOKEN)).rejects.toThrow(/HANKOU_PASSPHRASE/);
  });

  it('asks for the passphrase once per box', async () => {
    let asked = 0;
    const counting = createSecretBox({ passphrase: () => (asked++, PASSPHRASE), argon2: TEST_ARGON2 });
    await counting.open('a', await counting.seal('a', 'x'));
    await counting.open('b', await counting.seal('b', 'y'));
    expect(asked).toBe(1);
  });

  it('derives with RFC 9106 parameters by default (64 MiB, 3 passes, 4 lanes)', async () => {
    const real = createSecretBox({ passphrase: () => PASSPHRASE });
    const sealed = await real.seal('house_link', TOKEN);
    expect(envelopeSchema.parse(JSON.parse(sealed)).key).toMatchObject({ kind: 'argon2id', ...DEFAULT_ARGON2_PARAMS });
    expect(await real.open('house_link', sealed)).toBe(TOKEN);
  });
});

describe('secret box with Electron safeStorage', () => {
  it('seals with safeStorage when the adapter says it is available, asking no passphrase', async () => {
    const safeStorage = fakeSafeStorage(true);
    const box = createSecretBox({ safeStorage, passphrase: () => { throw new Error('must not be asked'); } });
    expect(box.sealKind()).toBe('safe-storage');
    const sealed = await box.seal('house_link', TOKEN);
    expect(envelopeSchema.parse(JSON.parse(sealed)).key.kind).toBe('safe-storage');
    expect(safeStorage.calls.encrypt).toBe(1);
    expect(sealed).not.toContain(TOKEN);
    expect(await box.open('house_link', sealed)).toBe(TOKEN);
    expect(safeStorage.calls.decrypt).toBe(1);
    expect(await failure(box.open('house_link', flip(sealed, 'data')))).toBe('tampered');
  });

  it('falls back to the passphrase when safeStorage is not available', async () => {
    const safeStorage = fakeSafeStorage(false);
    const box = createSecretBox({ safeStorage, passphrase: () => PASSPHRASE, argon2: TEST_ARGON2 });
    expect(box.sealKind()).toBe('argon2id');
    const sealed = await box.seal('house_link', TOKEN);
    expect(envelopeSchema.parse(JSON.parse(sealed)).key.kind).toBe('argon2id');
    expect(safeStorage.calls.encrypt).toBe(0);
    expect(await box.open('house_link', sealed)).toBe(TOKEN);
  });

  it('cannot open a keychain envelope on another machine or without the keychain', async () => {
    const sealed = await createSecretBox({ safeStorage: fakeSafeStorage(true) }).seal('house_link', TOKEN);
    expect(await failure(createSecretBox({ safeStorage: fakeSafeStorage(true) }).open('house_link', sealed))).toBe('keychain_refused');
    expect(await failure(createSecretBox({ passphrase: () => PASSPHRASE }).open('house_link', sealed))).toBe('no_key');
  });
});
