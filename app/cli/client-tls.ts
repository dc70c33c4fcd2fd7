import { X509Certificate, createPrivateKey } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { UsageError } from './command';
import type { ClientTls } from '../main/sync/tls-fetch';

export const CLIENT_TLS_FLAGS = ['--client-cert', '--client-key', '--ca'] as const;

function file(path: string, flag: string): string {
  if (!existsSync(path)) throw new UsageError(`${flag} ${path} does not exist`);
  return readFileSync(path, 'utf8');
}

/**
 * The bank's client certificate files as `house ca issue --participant` wrote them: the key is
 * decrypted here with $HANKOU_CERT_PASSPHRASE so it can be sealed with the house link (and the
 * files deleted); the certificate must belong to the key and be signed by the CA given.
 */
export function readClientTls(values: Map<string, string[]>, env: NodeJS.ProcessEnv): ClientTls | undefined {
  const [certPath, keyPath, caPath] = CLIENT_TLS_FLAGS.map((flag) => values.get(flag)?.at(-1));
  if (certPath === undefined && keyPath === undefined && caPath === undefined) return undefined;
  if (certPath === undefined || keyPath === undefined || caPath === undefined) throw new UsageError('--client-cert, --client-key and --ca go together');
  const cert = file(certPath, '--client-cert');
  const ca = file(caPath, '--ca');
  let key;
  try {
    key = createPrivateKey({ key: file(keyPath, '--client-key'), ...(env.HANKOU_CERT_PASSPHRASE ? { passphrase: env.HANKOU_CERT_PASSPHRASE } : {}) });
  } catch (error) {
    throw new UsageError(`--client-key cannot be read (wrong or missing $HANKOU_CERT_PASSPHRASE?): ${(error as Error).message}`);
  }
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(cert);
  } catch {
    throw new UsageError('--client-cert is not a PEM certificate');
  }
  if (!x509.checkPrivateKey(key)) throw new UsageError('--client-key is not the key of --client-cert');
  if (!x509.verify(new X509Certificate(ca).publicKey)) throw new UsageError('--client-cert was not issued by the CA in --ca');
  return { cert, key: key.export({ type: 'pkcs8', format: 'pem' }).toString(), ca };
}
