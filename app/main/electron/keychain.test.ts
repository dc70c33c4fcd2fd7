import { describe, it, expect } from 'vitest';
import { keychainAdapter } from './keychain';
import { createSecretBox } from '../secrets/secret-box';
import { fakeSafeStorage } from '../secrets/test-support/test-secrets';

describe('the OS keychain adapter', () => {
  it('is used where Electron says encryption is available', async () => {
    const fake = fakeSafeStorage(true);
    const adapter = keychainAdapter({ ...fake, getSelectedStorageBackend: () => 'gnome_libsecret' }, 'linux');
    const box = createSecretBox({ safeStorage: adapter });
    expect(box.sealKind()).toBe('safe-storage');
    expect(await box.open('house_link', await box.seal('house_link', 'token-value'))).toBe('token-value');
    expect(keychainAdapter(fake, 'darwin')?.isEncryptionAvailable()).toBe(true);
    expect(keychainAdapter(fake, 'win32')?.isEncryptionAvailable()).toBe(true);
  });

  it("counts Linux's basic_text fallback (a hard-coded key) as not available, so the box wants a passphrase", () => {
    const fake = fakeSafeStorage(true);
    expect(keychainAdapter({ ...fake, getSelectedStorageBackend: () => 'basic_text' }, 'linux')?.isEncryptionAvailable()).toBe(false);
    const box = createSecretBox({ safeStorage: keychainAdapter({ ...fake, getSelectedStorageBackend: () => 'basic_text' }, 'linux') });
    expect(box.sealKind()).toBeNull();
    expect(keychainAdapter(fakeSafeStorage(false), 'darwin')?.isEncryptionAvailable()).toBe(false);
    expect(keychainAdapter(undefined)).toBeUndefined();
  });
});
