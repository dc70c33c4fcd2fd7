import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { createPrivateKey } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../main';
import { startHouse, type RunningHouse } from '../../house/house';
import { TEST_SEED, TOKENS, createTestDatabase, paymentPayload, postgresAvailable, pushBody } from '../../house/test-support/fixtures';
import { clientTlsFetch, type ClientTls } from '../../main/sync/tls-fetch';
import { HouseClient } from '../../main/sync/house-client';
import { setHouse } from '../console-secrets';
import { createSecretBox } from '../../main/secrets/secret-box';
import { resolveHouseLink } from '../../main/settings/house-link';
import { STORE_FILE } from '../../main/backend';

/**
 * Mutual TLS between consoles and the house (issue 14): a CA made with `house ca`, a house
 * serving HTTPS that requires client certificates, and the console's sync client presenting
 * its certificate. Needs the openssl command line.
 */
let opensslMissing: string | undefined;
try {
  execFileSync('openssl', ['version']);
} catch {
  opensslMissing = 'the openssl command line is not installed (apt-get install openssl)';
  console.warn(`mutual TLS tests skipped: ${opensslMissing}`);
}

const CA_PASS = 'centre CA passphrase, long';
const CERT_PASS = 'issued key passphrase, long';

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t), readStdin: async () => `${TOKENS.A}\n` }, out, err };
}

function clientFiles(dir: string): ClientTls {
  const key = createPrivateKey({ key: readFileSync(join(dir, 'key.pem'), 'utf8'), passphrase: CERT_PASS }).export({ type: 'pkcs8', format: 'pem' }).toString();
  return { cert: readFileSync(join(dir, 'cert.pem'), 'utf8'), key, ca: readFileSync(join(dir, 'ca.pem'), 'utf8') };
}

/** A GET presenting the given client credentials (or none): the status, or the TLS error. */
function get(url: string, ca: string, token: string, client?: { cert: string; key: string }): Promise<number | string> {
  return new Promise((resolve) => {
    const req = httpsRequest(url, { ca, ...(client ?? {}), headers: { authorization: `Bearer ${token}` }, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', (error) => resolve(`tls error: ${(error as NodeJS.ErrnoException).code ?? error.message}`));
    req.end();
  });
}

describe.skipIf(opensslMissing !== undefined)('mutual TLS: house ca, HTTPS house, console client certificates', () => {
  let dir: string;
  let caDir: string;
  let house: RunningHouse;
  let drop: (() => Promise<void>) | undefined;
  const saved = { ca: process.env.HANKOU_CA_PASSPHRASE, cert: process.env.HANKOU_CERT_PASSPHRASE };

  const issue = async (out: string, ...what: string[]) => {
    const run = io();
    expect(await main(['house', 'ca', 'issue', '--dir', caDir, '--out', join(dir, out), ...what], run.io), run.err.join('\n')).toBe(0);
    return run.out.join('\n');
  };

  beforeAll(async () => {
    process.env.HANKOU_CA_PASSPHRASE = CA_PASS;
    process.env.HANKOU_CERT_PASSPHRASE = CERT_PASS;
    dir = mkdtempSync(join(tmpdir(), 'hk-tls-'));
    caDir = join(dir, 'ca');
    const init = io();
    expect(await main(['house', 'ca', 'init', '--dir', caDir], init.io), init.err.join('\n')).toBe(0);
    expect(init.out[0]).toMatch(/CA made in .*Hankou clearing centre CA/);
    await issue('server', '--server', '--host', '127.0.0.1', '--host', 'localhost');
    await issue('bank-a', '--participant', 'A');
    await issue('bank-b', '--participant', 'B');
    await issue('operator', '--admin');
    // Another CA's certificate for "A": the right name, the wrong issuer.
    expect(await main(['house', 'ca', 'init', '--dir', join(dir, 'rogue-ca')], io().io)).toBe(0);
    expect(await main(['house', 'ca', 'issue', '--dir', join(dir, 'rogue-ca'), '--out', join(dir, 'rogue-a'), '--participant', 'A'], io().io)).toBe(0);
    const store = (await postgresAvailable()) ? await createTestDatabase() : undefined;
    drop = store?.drop;
    house = await startHouse({
      ...(store ? { databaseUrl: store.url } : {}),
      seed: TEST_SEED,
      logLevel: 'silent',
      cycleIntervalMs: 0,
      offsetIntervalMs: 0,
      businessDate: '2026-03-02',
      tls: {
        certFile: join(dir, 'server', 'cert.pem'),
        keyFile: join(dir, 'server', 'key.pem'),
        keyPassphrase: CERT_PASS,
        clientCaFile: join(caDir, 'ca.cert.pem'),
        revocationFile: join(caDir, 'revoked.json'),
      },
    });
  }, 180_000);

  afterAll(async () => {
    await house?.close();
    await drop?.();
    rmSync(dir, { recursive: true, force: true });
    process.env.HANKOU_CA_PASSPHRASE = saved.ca;
    process.env.HANKOU_CERT_PASSPHRASE = saved.cert;
    if (saved.ca === undefined) delete process.env.HANKOU_CA_PASSPHRASE;
    if (saved.cert === undefined) delete process.env.HANKOU_CERT_PASSPHRASE;
  });

  it('keeps every private key encrypted at rest', () => {
    for (const d of ['ca', 'server', 'bank-a', 'operator']) {
      const keyFile = readdirSync(join(dir, d)).find((f) => f.endsWith('key.pem'))!;
      const text = readFileSync(join(dir, d, keyFile), 'utf8');
      expect(text).toContain('-----BEGIN ENCRYPTED PRIVATE KEY-----');
      expect(() => createPrivateKey(text)).toThrow();
    }
  });

  it('serves HTTPS: a valid certificate with its token works; none, or another CA\'s, is refused in the handshake', async () => {
    expect(house.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const a = clientFiles(join(dir, 'bank-a'));
    const client = new HouseClient(house.url, TOKENS.A, clientTlsFetch(a));
    expect((await client.account()).participant).toBe('A');
    const pushed = await client.push(pushBody('tls-dev-a', 1, [paymentPayload('TLS-1', 'B', '12.34')]));
    expect(pushed.kind === 'ok' && pushed.body.results[0]?.status).toBe('accepted');
    expect(await get(`${house.url}/v1/accounts/me`, a.ca, TOKENS.A)).toMatch(/^tls error/);
    const rogue = clientFiles(join(dir, 'rogue-a'));
    expect(await get(`${house.url}/v1/accounts/me`, a.ca, TOKENS.A, { cert: rogue.cert, key: rogue.key })).toMatch(/^tls error/);
    // The console trusts only the centre's CA: a house presenting another CA's certificate is refused too.
    const wrongTrust = new HouseClient(house.url, TOKENS.A, clientTlsFetch({ ...a, ca: rogue.ca }));
    await expect(wrongTrust.account()).rejects.toThrow(/house unreachable/);
  });

  it('binds a certificate to its participant and the admin routes to the operator certificate', async () => {
    const a = clientFiles(join(dir, 'bank-a'));
    const op = clientFiles(join(dir, 'operator'));
    expect(await get(`${house.url}/v1/accounts/me`, a.ca, TOKENS.B, a)).toBe(403);
    expect(await get(`${house.url}/v1/admin/state`, a.ca, house.adminToken, a)).toBe(403);
    expect(await get(`${house.url}/v1/admin/state`, a.ca, house.adminToken, op)).toBe(200);
    expect(await get(`${house.url}/v1/accounts/me`, a.ca, TOKENS.A, op)).toBe(403);
    expect(await get(`${house.url}/healthz`, a.ca, '', op)).toBe(200);
  });

  it('refuses a revoked certificate at once, also on an open keep-alive connection; others go on', async () => {
    const a = clientFiles(join(dir, 'bank-a'));
    const b = clientFiles(join(dir, 'bank-b'));
    const keptOpen = new HouseClient(house.url, TOKENS.A, clientTlsFetch(a));
    expect((await keptOpen.account()).participant).toBe('A');
    const revoke = io();
    expect(await main(['house', 'ca', 'revoke', '--dir', caDir, '--participant', 'A', '--reason', 'laptop stolen'], revoke.io)).toBe(0);
    expect(revoke.out[0]).toMatch(/^revoked [0-9A-F]+ \(.*CN=A\)/);
    await expect(keptOpen.account()).rejects.toThrow();
    expect(await get(`${house.url}/v1/accounts/me`, a.ca, TOKENS.A, a)).toBe(403);
    expect((await new HouseClient(house.url, TOKENS.B, clientTlsFetch(b)).account()).participant).toBe('B');
    const list = io();
    expect(await main(['house', 'ca', 'list', '--dir', caDir], list.io)).toBe(0);
    expect(list.out.filter((l) => l.endsWith('REVOKED'))).toHaveLength(1);
  });

  it('house calendar put|get reach an HTTPS house with the operator certificate; without one, or with a bank\'s, they do not', async () => {
    const tokenFile = join(dir, 'admin-token.txt');
    writeFileSync(tokenFile, house.adminToken);
    const calendar = fileURLToPath(new URL('../../house/calendar-example-2026.json', import.meta.url));
    const tls = (who: string) => ['--client-cert', join(dir, who, 'cert.pem'), '--client-key', join(dir, who, 'key.pem'), '--ca', join(dir, who, 'ca.pem')];
    const put = io();
    expect(await main(['house', 'calendar', 'put', '--url', house.url, '--admin-token-file', tokenFile, '--file', calendar, ...tls('operator')], put.io), put.err.join('\n')).toBe(0);
    expect(put.out.join('\n')).toMatch(/"year":2026/);
    const got = io();
    expect(await main(['house', 'calendar', 'get', '--url', house.url, '--admin-token-file', tokenFile, '--year', '2026', ...tls('operator')], got.io), got.err.join('\n')).toBe(0);
    expect(JSON.parse(got.out.join('\n'))).toMatchObject({ year: 2026 });
    const bank = io();
    expect(await main(['house', 'calendar', 'get', '--url', house.url, '--admin-token-file', tokenFile, '--year', '2026', ...tls('bank-b')], bank.io)).toBe(1);
    expect(bank.err.join('\n')).toMatch(/refused \(403\)/);
    const none = io();
    expect(await main(['house', 'calendar', 'get', '--url', house.url, '--admin-token-file', tokenFile, '--year', '2026'], none.io)).toBe(1);
    expect(none.err.join('\n')).toMatch(/could not reach the house/);
  }, 60_000);

  it('plain HTTP listens on 127.0.0.1 only', async () => {
    await expect(startHouse({ host: '0.0.0.0', logLevel: 'silent' })).rejects.toThrow(/plain HTTP is for 127\.0\.0\.1 development only/);
  });

  it('console set-house seals the client certificate and key with the link; nothing of the key in clear on disk', async () => {
    const data = join(dir, 'console');
    const env = { HANKOU_PASSPHRASE: 'the console passphrase, long enough', HANKOU_CERT_PASSPHRASE: CERT_PASS };
    const tokenFile = join(dir, 'token.txt');
    writeFileSync(tokenFile, TOKENS.B);
    const run = io();
    const bank = join(dir, 'bank-b');
    expect(await setHouse(['--data', data, '--url', house.url, '--token-file', tokenFile, '--client-cert', join(bank, 'cert.pem'), '--client-key', join(bank, 'key.pem'), '--ca', join(bank, 'ca.pem')], run.io, env, data), run.err.join('\n')).toBe(0);
    expect(run.out[0]).toContain('with its client certificate sealed');
    const keyBody = clientFiles(bank).key.split('\n')[1]!;
    for (const name of readdirSync(data)) expect(readFileSync(join(data, name)).includes(Buffer.from(keyBody))).toBe(false);
    const resolved = await resolveHouseLink({ explicit: undefined, explicitSource: 'arguments', dataDir: data, storeFile: STORE_FILE, box: createSecretBox({ passphrase: () => env.HANKOU_PASSPHRASE }) });
    const tls = resolved?.link.tls;
    expect(tls?.key).toContain('BEGIN PRIVATE KEY');
    expect((await new HouseClient(house.url, TOKENS.B, clientTlsFetch(tls!)).account()).participant).toBe('B');
    // A key that is not the certificate's is refused before anything is stored.
    const wrong = io();
    await expect(setHouse(['--data', data, '--url', house.url, '--token-file', tokenFile, '--client-cert', join(bank, 'cert.pem'), '--client-key', join(dir, 'bank-a', 'key.pem'), '--ca', join(bank, 'ca.pem')], wrong.io, env, data)).rejects.toThrow(/not the key of --client-cert/);
  }, 60_000);
});
