import { execFile } from 'node:child_process';
import { X509Certificate, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

/**
 * The clearing centre's certificate authority (`hankou house ca init|issue|revoke`): a
 * directory holding the CA certificate, its private key (PKCS#8, AES-256 under the CA
 * passphrase: never in clear), the register of issued certificates and the revocation list the
 * house reads. Keys and certificates are made by the openssl command line (Debian's openssl):
 * node:crypto can make keys but cannot sign a certificate.
 */
export const CA_CERT = 'ca.cert.pem';
export const CA_KEY = 'ca.key.pem';
export const ISSUED = 'issued.json';
export const REVOKED = 'revoked.json';
/** Environment variables holding the passphrases (never on the command line: ps shows it). */
export const CA_PASSPHRASE_ENV = 'HANKOU_CA_PASSPHRASE';
export const CERT_PASSPHRASE_ENV = 'HANKOU_CERT_PASSPHRASE';
const MIN_PASSPHRASE = 12;

export const issuedSchema = z.array(
  z
    .object({
      serial: z.string().regex(/^[0-9A-F]+$/),
      kind: z.enum(['server', 'participant', 'admin']),
      subject: z.string(),
      notAfter: z.string(),
      issuedAt: z.string(),
    })
    .strict(),
);
export type IssuedCertificate = z.infer<typeof issuedSchema>[number];

export const revokedSchema = z
  .object({
    revoked: z.array(z.object({ serial: z.string().regex(/^[0-9A-F]+$/), subject: z.string(), at: z.string(), reason: z.string() }).strict()),
  })
  .strict();
export type RevocationFile = z.infer<typeof revokedSchema>;

export class CaError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CaError';
  }
}

function passphrase(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name];
  if (value === undefined || value === '') throw new CaError(`set ${name} (the passphrase that seals the private key)`);
  if ([...value].length < MIN_PASSPHRASE) throw new CaError(`${name} must be at least ${MIN_PASSPHRASE} characters`);
  return value;
}

function openssl(args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('openssl', args, { env }, (error, stdout, stderr) => {
      if (error) reject(new CaError(`openssl ${args[0]} failed: ${String(stderr).trim() || error.message}`));
      else resolve(stdout);
    });
  });
}

/** Writes a file whole under a temporary name, then renames it (readers never see half). */
function writeAtomic(path: string, text: string, mode = 0o600): void {
  const temp = `${path}.tmp-${process.pid}`;
  writeFileSync(temp, text, { mode });
  renameSync(temp, path);
}

export function readIssued(caDir: string): IssuedCertificate[] {
  const path = join(caDir, ISSUED);
  return existsSync(path) ? issuedSchema.parse(JSON.parse(readFileSync(path, 'utf8'))) : [];
}

export function readRevocations(path: string): RevocationFile {
  return existsSync(path) ? revokedSchema.parse(JSON.parse(readFileSync(path, 'utf8'))) : { revoked: [] };
}

function requireCa(caDir: string): void {
  if (!existsSync(join(caDir, CA_CERT)) || !existsSync(join(caDir, CA_KEY))) throw new CaError(`${caDir} holds no certificate authority (hankou house ca init --dir ${caDir})`);
}

/** `ca init`: a new P-256 CA, valid 10 years, in an empty directory. */
export async function initCa(caDir: string, env: NodeJS.ProcessEnv = process.env, name = 'Hankou clearing centre CA'): Promise<X509Certificate> {
  passphrase(env, CA_PASSPHRASE_ENV);
  if (existsSync(caDir) && readdirSync(caDir).length > 0) throw new CaError(`${caDir} is not empty: a CA is made once, in a new directory`);
  mkdirSync(caDir, { recursive: true, mode: 0o700 });
  const key = join(caDir, CA_KEY);
  await openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-aes-256-cbc', '-pass', `env:${CA_PASSPHRASE_ENV}`, '-out', key], env);
  await openssl(
    ['req', '-x509', '-new', '-key', key, '-passin', `env:${CA_PASSPHRASE_ENV}`, '-sha256', '-days', '3650', '-subj', `/O=Hankou/CN=${name}`,
      '-addext', 'basicConstraints=critical,CA:TRUE,pathlen:0', '-addext', 'keyUsage=critical,keyCertSign,cRLSign', '-out', join(caDir, CA_CERT)],
    env,
  );
  writeAtomic(join(caDir, ISSUED), '[]\n');
  writeAtomic(join(caDir, REVOKED), `${JSON.stringify({ revoked: [] }, null, 2)}\n`, 0o644);
  return new X509Certificate(readFileSync(join(caDir, CA_CERT)));
}

export type IssueRequest =
  | { kind: 'participant'; participant: string }
  | { kind: 'admin' }
  | { kind: 'server'; hosts: string[] };

export interface IssuedFiles {
  certificate: IssuedCertificate;
  dir: string;
}

/**
 * `ca issue`: a key (PKCS#8, AES-256 under HANKOU_CERT_PASSPHRASE) and a certificate signed by
 * the CA into outDir: key.pem, cert.pem and ca.pem (the CA's certificate, to trust the other
 * side). A participant's certificate names the participant id as its CN: the house accepts it
 * only with that participant's token.
 */
export async function issueCertificate(caDir: string, request: IssueRequest, outDir: string, env: NodeJS.ProcessEnv = process.env, days = 825): Promise<IssuedFiles> {
  requireCa(caDir);
  passphrase(env, CA_PASSPHRASE_ENV);
  passphrase(env, CERT_PASSPHRASE_ENV);
  if (existsSync(outDir) && readdirSync(outDir).length > 0) throw new CaError(`${outDir} is not empty: issue into a new directory`);
  if (request.kind === 'participant' && !/^[A-Z0-9_-]{1,32}$/i.test(request.participant)) throw new CaError('a participant id is letters, digits, _ and - (at most 32)');
  const hosts = request.kind === 'server' ? request.hosts : [];
  for (const host of hosts) if (!/^[A-Za-z0-9.:-]{1,253}$/.test(host)) throw new CaError(`not a host name or address: ${host}`);
  if (request.kind === 'server' && hosts.length === 0) throw new CaError('a server certificate needs at least one --host');
  mkdirSync(outDir, { recursive: true, mode: 0o700 });
  const subject = request.kind === 'participant' ? `/O=Hankou/OU=participant/CN=${request.participant}` : request.kind === 'admin' ? '/O=Hankou/OU=operator/CN=admin' : `/O=Hankou/OU=house/CN=${hosts[0]}`;
  const key = join(outDir, 'key.pem');
  const csr = join(outDir, 'request.csr');
  const ext = join(outDir, 'extensions.cnf');
  const san = hosts.map((h) => (/^[\d.]+$|:/.test(h) ? `IP:${h}` : `DNS:${h}`)).join(',');
  writeFileSync(
    ext,
    ['basicConstraints=critical,CA:FALSE', 'keyUsage=critical,digitalSignature', `extendedKeyUsage=${request.kind === 'server' ? 'serverAuth' : 'clientAuth'}`, ...(san ? [`subjectAltName=${san}`] : [])].join('\n'),
  );
  // A positive serial without a leading zero byte, so every tool prints it the same way.
  const serialBytes = randomBytes(16);
  serialBytes[0] = ((serialBytes[0] ?? 0) & 0x7f) | 0x10;
  try {
    await openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-aes-256-cbc', '-pass', `env:${CERT_PASSPHRASE_ENV}`, '-out', key], env);
    await openssl(['req', '-new', '-key', key, '-passin', `env:${CERT_PASSPHRASE_ENV}`, '-subj', subject, '-out', csr], env);
    await openssl(
      ['x509', '-req', '-in', csr, '-CA', join(caDir, CA_CERT), '-CAkey', join(caDir, CA_KEY), '-passin', `env:${CA_PASSPHRASE_ENV}`,
        '-set_serial', `0x${serialBytes.toString('hex')}`, '-days', String(days), '-sha256', '-extfile', ext, '-out', join(outDir, 'cert.pem')],
      env,
    );
  } finally {
    rmSync(csr, { force: true });
    rmSync(ext, { force: true });
  }
  writeFileSync(join(outDir, 'ca.pem'), readFileSync(join(caDir, CA_CERT)), { mode: 0o644 });
  const cert = new X509Certificate(readFileSync(join(outDir, 'cert.pem')));
  const certificate: IssuedCertificate = {
    serial: normaliseSerial(cert.serialNumber),
    kind: request.kind,
    subject: cert.subject.replace(/\n/g, ', '),
    notAfter: new Date(cert.validTo).toISOString(),
    issuedAt: new Date().toISOString(),
  };
  writeAtomic(join(caDir, ISSUED), `${JSON.stringify([...readIssued(caDir), certificate], null, 2)}\n`);
  return { certificate, dir: outDir };
}

/** Serial numbers as upper-case hex without leading zeros (how TLS peers report them). */
export function normaliseSerial(serial: string): string {
  return serial.toUpperCase().replace(/^0+(?=.)/, '');
}

/**
 * `ca revoke`: adds certificates to revoked.json (by serial, or every certificate of a
 * participant). The house re-reads that file on every request whose file has changed, so the
 * next request made with a revoked certificate is refused, also on an open connection.
 */
export function revokeCertificates(caDir: string, which: { serial: string } | { participant: string }, reason: string, now = new Date()): IssuedCertificate[] {
  requireCa(caDir);
  const issued = readIssued(caDir);
  const targets = 'serial' in which
    ? issued.filter((c) => c.serial === normaliseSerial(which.serial))
    : issued.filter((c) => c.kind === 'participant' && c.subject.endsWith(`CN=${which.participant}`));
  if (targets.length === 0) throw new CaError(`no certificate issued by this CA matches ${'serial' in which ? `serial ${which.serial}` : `participant ${which.participant}`}`);
  const file = readRevocations(join(caDir, REVOKED));
  const already = new Set(file.revoked.map((r) => r.serial));
  const added = targets.filter((c) => !already.has(c.serial));
  file.revoked.push(...added.map((c) => ({ serial: c.serial, subject: c.subject, at: now.toISOString(), reason })));
  writeAtomic(join(caDir, REVOKED), `${JSON.stringify(file, null, 2)}\n`, 0o644);
  return added;
}
