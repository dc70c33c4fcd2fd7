import { join } from 'node:path';
import { EXIT_FAILED, EXIT_OK, UsageError, type CliIo } from '../command';
import { parseFlags } from '../parse-flags';

export const caUsage = `usage: hankou house ca init --dir CA
       hankou house ca issue --dir CA --out DIR (--participant ID | --admin | --server --host H [--host H2 ...]) [--days N]
       hankou house ca revoke --dir CA (--serial HEX | --participant ID) [--reason TEXT]
       hankou house ca list --dir CA

The clearing centre's certificate authority for mutual TLS between consoles and the house
(docs/tls.md). Private keys are written encrypted (PKCS#8, AES-256): the CA's under
$HANKOU_CA_PASSPHRASE, an issued one under $HANKOU_CERT_PASSPHRASE (at least 12 characters each;
never on the command line). Uses the openssl command line.
  init     a new CA (P-256, 10 years) in an empty directory CA
  issue    key.pem + cert.pem + ca.pem into DIR: a bank's console certificate (CN = its
           participant id, accepted only with that participant's token), the operator's
           (admin routes), or the house's server certificate for the given host names/addresses
  revoke   adds to CA/revoked.json; a house started with --ca CA refuses the certificate from
           its next request on, also on open connections
  list     the issued certificates and whether each is revoked`;

function one(values: Map<string, string[]>, flag: string): string | undefined {
  return values.get(flag)?.at(-1);
}

export async function runHouseCa(args: string[], io: CliIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const [sub, ...rest] = args;
  const ca = await import('../../house/tls/certificate-authority');
  const { values, on } = parseFlags(rest, ['--dir', '--out', '--participant', '--host', '--days', '--serial', '--reason'], ['--admin', '--server']);
  const dir = one(values, '--dir');
  if (dir === undefined) throw new UsageError('--dir CA is required');
  try {
    switch (sub) {
      case 'init': {
        const cert = await ca.initCa(dir, env);
        io.out(`CA made in ${dir}: ${cert.subject.replace(/\n/g, ', ')}, valid to ${new Date(cert.validTo).toISOString().slice(0, 10)}, fingerprint ${cert.fingerprint256}`);
        return EXIT_OK;
      }
      case 'issue': {
        const out = one(values, '--out');
        if (out === undefined) throw new UsageError('issue needs --out DIR');
        const participant = one(values, '--participant');
        const kinds = [participant !== undefined, on.has('--admin'), on.has('--server')].filter(Boolean).length;
        if (kinds !== 1) throw new UsageError('issue needs exactly one of --participant ID, --admin, --server');
        const daysText = one(values, '--days');
        const days = daysText === undefined ? 825 : Number(daysText);
        if (!Number.isInteger(days) || days < 1 || days > 3650) throw new UsageError('--days must be 1..3650');
        const request = participant !== undefined ? { kind: 'participant' as const, participant } : on.has('--admin') ? { kind: 'admin' as const } : { kind: 'server' as const, hosts: values.get('--host') ?? [] };
        const issued = await ca.issueCertificate(dir, request, out, env, days);
        io.out(`issued ${issued.certificate.kind} certificate ${issued.certificate.subject}, serial ${issued.certificate.serial}, valid to ${issued.certificate.notAfter.slice(0, 10)}: ${join(out, 'cert.pem')}, ${join(out, 'key.pem')} (encrypted), ${join(out, 'ca.pem')}`);
        return EXIT_OK;
      }
      case 'revoke': {
        const serial = one(values, '--serial');
        const participant = one(values, '--participant');
        if ((serial === undefined) === (participant === undefined)) throw new UsageError('revoke needs --serial HEX or --participant ID');
        const revoked = ca.revokeCertificates(dir, serial !== undefined ? { serial } : { participant: participant! }, one(values, '--reason') ?? 'revoked by the operator');
        io.out(revoked.length === 0 ? 'already revoked; nothing changed' : revoked.map((c) => `revoked ${c.serial} (${c.subject})`).join('\n'));
        return EXIT_OK;
      }
      case 'list': {
        const revoked = new Set(ca.readRevocations(join(dir, ca.REVOKED)).revoked.map((r) => r.serial));
        for (const c of ca.readIssued(dir)) io.out(`${c.serial}  ${c.kind.padEnd(11)}  ${c.subject}  to ${c.notAfter.slice(0, 10)}${revoked.has(c.serial) ? '  REVOKED' : ''}`);
        return EXIT_OK;
      }
      default:
        throw new UsageError(sub === undefined ? 'ca needs init, issue, revoke or list' : `unknown ca subcommand ${sub}`);
    }
  } catch (error) {
    if (error instanceof ca.CaError) {
      io.err(`hankou house ca: ${error.message}`);
      return EXIT_FAILED;
    }
    throw error;
  }
}
