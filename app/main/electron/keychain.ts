import type { SafeStorageAdapter } from '../secrets/secret-box';

/** The part of Electron's safeStorage the keychain adapter reads. */
export interface ElectronSafeStorage extends SafeStorageAdapter {
  getSelectedStorageBackend?: () => string;
}

/**
 * Electron's safeStorage as the secret box's adapter, with one refusal: on Linux without a
 * keyring (GNOME libsecret, KWallet) Chromium falls back to 'basic_text', a key hard-coded in
 * the browser, which protects nothing against a stolen disk. That counts as "not available", so
 * the box asks for a passphrase instead.
 */
export function keychainAdapter(safeStorage: ElectronSafeStorage | undefined, platform: NodeJS.Platform = process.platform): SafeStorageAdapter | undefined {
  if (safeStorage === undefined) return undefined;
  return {
    isEncryptionAvailable() {
      if (!safeStorage.isEncryptionAvailable()) return false;
      if (platform !== 'linux') return true;
      const backend = safeStorage.getSelectedStorageBackend?.() ?? 'unknown';
      return backend !== 'basic_text' && backend !== 'unknown';
    },
    encryptString: (plainText) => safeStorage.encryptString(plainText),
    decryptString: (encrypted) => safeStorage.decryptString(encrypted),
  };
}
