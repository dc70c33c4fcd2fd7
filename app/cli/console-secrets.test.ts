import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { forgetHouse, newPassword, setHouse } from './console-secrets';
import { parseServeArgs } from './commands/console';
import { UsageError } from './command';
import { STORE_FILE } from '../main/backend';
import { createSecretBox } from '../main/secrets/secret-box';
import { resolveHouseLink } from '../main/settings/house-link';
import { openDatabase } from '../main/store/open-database';
import { migrate } from '../main/store/migrate';
import { ensureInitialised } from '../main/demo/initialise';
import { parseCredentialLines } from '../main/demo/demo-operators';
import { login } from '../main/auth/login';

const TOKEN = 'hk-cli-token-5e4d3c2b1a09f8e7';
const PASSPHRASE = 'the console passphrase, long enough';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t), readStdin: async () => `${TOKEN}\n` } };
}

function folderHolds(dir: string, text: string): boolean {
  return readdirSync(dir).some((name) => readFileSync(join(dir, name)).includes(Buffer.from(text)));
}

describe('hankou console set-house / forget-house', () => {
  let work: string;
  let dataDir: string;
  let tokenFile: string;
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'hankou-cli-house-'));
    dataDir = join(work, 'console');
    tokenFile = join(work, 'token.txt');
    writeFileSync(tokenFile, `${TOKEN}\n`, { mode: 0o600 });
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('seals the link with HANKOU_PASSPHRASE; the store holds no token; serve opens it with the same passphrase', async () => {
    const { io, out } = capture();
    const env = { HANKOU_PASSPHRASE: PASSPHRASE };
    expect(await setHouse(['--data', dataDir, '--url', 'http://127.0.0.1:4100', '--token-file', tokenFile], io, env, dataDir)).toBe(0);
    expect(out.join('\n')).toMatch(/sealed \(argon2id\)/);
    expect(out.join('\n')).not.toContain(TOKEN);
    expect(folderHolds(dataDir, TOKEN)).toBe(false);
    const box = createSecretBox({ passphrase: () => PASSPHRASE });
    expect(await resolveHouseLink({ explicit: undefined, explicitSource: 'arguments', dataDir, storeFile: STORE_FILE, box })).toEqual({
      link: { url: 'http://127.0.0.1:4100', token: TOKEN },
      source: 'stored',
    });
    const wrong = createSecretBox({ passphrase: () => 'a different passphrase' });
    await expect(resolveHouseLink({ explicit: undefined, explicitSource: 'arguments', dataDir, storeFile: STORE_FILE, box: wrong })).rejects.toThrow(/wrong passphrase/);
  });

  it('reads the token from standard input with --token-file -', async () => {
    const { io } = capture();
    expect(await setHouse(['--data', dataDir, '--url', 'https://house.example:8443', '--token-file', '-'], io, { HANKOU_PASSPHRASE: PASSPHRASE }, dataDir)).toBe(0);
    const box = createSecretBox({ passphrase: () => PASSPHRASE });
    expect((await resolveHouseLink({ explicit: undefined, explicitSource: 'arguments', dataDir, storeFile: STORE_FILE, box }))?.link.url).toBe('https://house.example:8443');
  });

  it('refuses without a passphrase (no terminal to ask in), with a short one, or with the token on the command line', async () => {
    const none = capture();
    expect(await setHouse(['--data', dataDir, '--url', 'http://127.0.0.1:4100', '--token-file', tokenFile], none.io, {}, dataDir)).toBe(1);
    expect(none.err.join('\n')).toMatch(/HANKOU_PASSPHRASE/);
    const short = capture();
    expect(await setHouse(['--data', dataDir, '--url', 'http://127.0.0.1:4100', '--token-file', tokenFile], short.io, { HANKOU_PASSPHRASE: 'short' }, dataDir)).toBe(1);
    expect(short.err.join('\n')).toMatch(/at least 12 characters/);
    await expect(setHouse(['--data', dataDir, '--url', 'http://127.0.0.1:4100', '--token', TOKEN], capture().io, {}, dataDir)).rejects.toThrow(UsageError);
    await expect(setHouse(['--data', dataDir, '--url', 'ftp://x', '--token-file', tokenFile], capture().io, {}, dataDir)).rejects.toThrow(/http/);
  });

  it('forgets the stored link', async () => {
    const { io, out } = capture();
    expect(await forgetHouse(['--data', dataDir], io, {}, dataDir)).toBe(0);
    expect(out).toEqual(['stored house link removed']);
    const box = createSecretBox({ passphrase: () => PASSPHRASE });
    expect(await resolveHouseLink({ explicit: undefined, explicitSource: 'arguments', dataDir, storeFile: STORE_FILE, box })).toBeUndefined();
  });

  it('serve takes a one-off token from a file, so it need not be on the command line', () => {
    expect(parseServeArgs(['--house', 'http://127.0.0.1:4100', '--house-token-file', tokenFile], {}).house).toEqual({ url: 'http://127.0.0.1:4100', token: TOKEN });
    expect(() => parseServeArgs(['--house', 'http://127.0.0.1:4100', '--house-token-file', join(work, 'missing')], {})).toThrow(/does not exist/);
  });
});

describe('hankou console new-password', () => {
  it('issues fresh one-time passwords, printed once; the old ones stop working', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hankou-cli-newpw-'));
    const db = openDatabase(join(dataDir, STORE_FILE));
    migrate(db);
    const first: string[] = [];
    await ensureInitialised(db, { dataDir, demo: { payments: 5 }, now: () => new Date(), log: (l) => first.push(l) });
    db.close();
    const old = parseCredentialLines(first).get('clerk1') ?? '';

    const { io, out } = capture();
    expect(await newPassword(['--data', dataDir, '--user', 'clerk1', '--user', 'super1'], io, {}, dataDir)).toBe(0);
    const issued = parseCredentialLines(out);
    expect([...issued.keys()]).toEqual(['clerk1', 'super1']);
    expect(folderHolds(dataDir, issued.get('clerk1') ?? '?')).toBe(false);
    const check = openDatabase(join(dataDir, STORE_FILE));
    const at = new Date().toISOString();
    expect((await login(check, 'clerk1', issued.get('clerk1') ?? '', at)).username).toBe('clerk1');
    await expect(login(check, 'clerk1', old, at)).rejects.toThrow();
    expect(check.prepare("SELECT count(*) FROM audit_log WHERE action = 'operator.password_issued'").pluck().get()).toBe(2);
    check.close();

    const unknown = capture();
    expect(await newPassword(['--data', dataDir, '--user', 'nobody'], unknown.io, {}, dataDir)).toBe(1);
    expect(unknown.err.join('\n')).toMatch(/no such operator: nobody/);
    await expect(newPassword(['--data', dataDir], capture().io, {}, dataDir)).rejects.toThrow(UsageError);
    rmSync(dataDir, { recursive: true, force: true });
  });
});
