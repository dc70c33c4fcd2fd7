import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConsoleBackend, STORE_FILE } from '../backend';
import { createSecretBox, SecretBoxError } from '../secrets/secret-box';
import { fakeSafeStorage, TEST_ARGON2 } from '../secrets/test-support/test-secrets';
import { forgetHouseLink, houseLinkFromEnv, loadHouseLink, resolveHouseLink, sealedHouseLinkIn, storeHouseLink } from './house-link';

const TOKEN = 'hk-house-token-0c9d8e7f6a5b4c3d2e1f';
const URL_ = 'http://127.0.0.1:4100';
const PASSPHRASE = 'a long passphrase for the test';

/** Every file under dir, with the plaintext looked for as UTF-8, UTF-16 and base64. */
function filesContaining(dir: string, secret: string): string[] {
  const needles = [Buffer.from(secret, 'utf8'), Buffer.from(secret, 'utf16le'), Buffer.from(Buffer.from(secret).toString('base64').slice(0, 16))];
  const hits: string[] = [];
  for (const name of readdirSync(dir, { recursive: true }) as string[]) {
    const path = join(dir, name);
    if (!statSync(path).isFile()) continue;
    const bytes = readFileSync(path);
    if (needles.some((needle) => bytes.includes(needle))) hits.push(name);
  }
  return hits;
}

describe('the house link, sealed in the console store', () => {
  let dataDir: string;
  let backend: Awaited<ReturnType<typeof createConsoleBackend>>;
  const box = createSecretBox({ passphrase: () => PASSPHRASE, argon2: TEST_ARGON2 });

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'hankou-house-link-'));
    backend = await createConsoleBackend({ dataDir, demo: { payments: 5 }, log: () => {} });
  });
  afterAll(async () => backend.close());

  it('never writes the token in clear: not in the SQLite file, its WAL, or anywhere in the data folder', async () => {
    const { db } = backend.services;
    expect(await storeHouseLink(db, box, { url: URL_, token: TOKEN }, 'cli', '2026-11-26T02:00:00.000Z')).toBe('argon2id');
    // The write sits in the WAL while the store is open: scan it there first.
    expect(readdirSync(dataDir)).toContain(`${STORE_FILE}-wal`);
    expect(filesContaining(dataDir, TOKEN)).toEqual([]);
    db.pragma('wal_checkpoint(TRUNCATE)');
    expect(filesContaining(dataDir, TOKEN)).toEqual([]);
    // The control: the scan does find what is stored in clear (the URL, in the audit entry).
    expect(filesContaining(dataDir, URL_).length).toBeGreaterThan(0);
    const audit = db.prepare("SELECT detail FROM audit_log WHERE action = 'house_link.stored'").pluck().get() as string;
    expect(JSON.parse(audit)).toEqual({ url: URL_, sealedWith: 'argon2id' });
  });

  it('opens again with the passphrase, and not with a wrong one', async () => {
    const { db } = backend.services;
    expect(await loadHouseLink(db, box)).toEqual({ url: URL_, token: TOKEN });
    const wrong = createSecretBox({ passphrase: () => 'some other passphrase', argon2: TEST_ARGON2 });
    await expect(loadHouseLink(db, wrong)).rejects.toThrow(SecretBoxError);
    await expect(loadHouseLink(db, wrong)).rejects.toThrow(/wrong passphrase/);
  });

  it('is read before start-up from the store file; an explicit link wins and is not stored', async () => {
    const sealed = sealedHouseLinkIn(dataDir, STORE_FILE);
    expect(sealed).toBeDefined();
    expect(sealed).not.toContain(TOKEN);
    expect(await resolveHouseLink({ explicit: undefined, explicitSource: 'environment', dataDir, storeFile: STORE_FILE, box })).toEqual({
      link: { url: URL_, token: TOKEN },
      source: 'stored',
    });
    const oneOff = { url: 'http://127.0.0.1:9', token: 'one-off-token' };
    expect(await resolveHouseLink({ explicit: oneOff, explicitSource: 'environment', dataDir, storeFile: STORE_FILE, box })).toEqual({ link: oneOff, source: 'environment' });
    expect(filesContaining(dataDir, 'one-off-token')).toEqual([]);
    expect(sealedHouseLinkIn(join(dataDir, 'missing'), STORE_FILE)).toBeUndefined();
  });

  it('seals with safeStorage where the host has it', async () => {
    const { db } = backend.services;
    const keychain = createSecretBox({ safeStorage: fakeSafeStorage(true) });
    expect(await storeHouseLink(db, keychain, { url: URL_, token: TOKEN }, 'electron', '2026-11-26T02:00:00.000Z')).toBe('safe-storage');
    expect(await loadHouseLink(db, keychain)).toEqual({ url: URL_, token: TOKEN });
    db.pragma('wal_checkpoint(TRUNCATE)');
    expect(filesContaining(dataDir, TOKEN)).toEqual([]);
  });

  it('refuses a bad link and forgets a stored one', async () => {
    const { db } = backend.services;
    await expect(storeHouseLink(db, box, { url: 'ftp://x', token: TOKEN }, 'cli', '2026-11-26T02:00:00.000Z')).rejects.toThrow(/http/);
    await expect(storeHouseLink(db, box, { url: URL_, token: 'two words' }, 'cli', '2026-11-26T02:00:00.000Z')).rejects.toThrow(/spaces/);
    expect(forgetHouseLink(db, 'cli', '2026-11-26T02:00:00.000Z')).toBe(true);
    expect(await loadHouseLink(db, box)).toBeUndefined();
  });

  it('takes a one-off link from the environment, both variables or neither', () => {
    expect(houseLinkFromEnv({})).toBeUndefined();
    expect(houseLinkFromEnv({ HANKOU_HOUSE_URL: URL_, HANKOU_HOUSE_TOKEN: 't' })).toEqual({ url: URL_, token: 't' });
    expect(() => houseLinkFromEnv({ HANKOU_HOUSE_URL: URL_ })).toThrow(/go together/);
  });
});
