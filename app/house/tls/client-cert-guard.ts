import { readFileSync, statSync } from 'node:fs';
import type { ServerOptions } from 'node:https';
import type { TLSSocket, PeerCertificate } from 'node:tls';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { bearerToken } from '../auth/tokens';
import { normaliseSerial, readRevocations } from './certificate-authority';

/** The house's HTTPS with client certificates (`house serve --tls DIR --ca DIR`). */
export interface HouseTlsOptions {
  certFile: string;
  keyFile: string;
  /** The server key's passphrase (HANKOU_CERT_PASSPHRASE); the key is stored encrypted. */
  keyPassphrase?: string;
  /** The centre CA's certificate: only client certificates it signed are accepted. */
  clientCaFile: string;
  /** The CA's revoked.json, re-read whenever it changes. */
  revocationFile: string;
}

/**
 * TLS 1.2+, a certificate required from every client and checked against the centre's CA in the
 * handshake: no certificate, or one from another CA, never reaches HTTP.
 */
export function houseHttpsOptions(tls: HouseTlsOptions): ServerOptions {
  return {
    key: readFileSync(tls.keyFile),
    cert: readFileSync(tls.certFile),
    ...(tls.keyPassphrase === undefined ? {} : { passphrase: tls.keyPassphrase }),
    ca: readFileSync(tls.clientCaFile),
    requestCert: true,
    rejectUnauthorized: true,
    minVersion: 'TLSv1.2',
  };
}

/**
 * The revocation list in memory, re-read when the file's size, time or inode changed (a stat
 * per request: microseconds), so `ca revoke` takes effect on the next request. An unreadable or
 * malformed list refuses every certificate (fail closed) until it is fixed.
 */
export class RevocationList {
  private signature = '';
  private serials = new Set<string>();
  private broken: string | undefined;

  constructor(
    private readonly path: string,
    private readonly logger?: Logger,
  ) {
    this.refresh();
  }

  private refresh(): void {
    let signature: string;
    try {
      const s = statSync(this.path);
      signature = `${s.ino}:${s.size}:${s.mtimeMs}`;
    } catch {
      signature = 'missing';
    }
    if (signature === this.signature) return;
    this.signature = signature;
    try {
      if (signature === 'missing') throw new Error(`${this.path} does not exist`);
      this.serials = new Set(readRevocations(this.path).revoked.map((r) => normaliseSerial(r.serial)));
      this.broken = undefined;
      this.logger?.info({ event: 'tls.revocations_loaded', revoked: this.serials.size }, 'certificate revocation list loaded');
    } catch (error) {
      this.broken = (error as Error).message;
      this.logger?.error({ event: 'tls.revocations_unreadable', problem: this.broken }, 'certificate revocation list unreadable: refusing every client certificate');
    }
  }

  /** undefined when the certificate may be used, otherwise why not. */
  refusal(serial: string): string | undefined {
    this.refresh();
    if (this.broken !== undefined) return 'the house cannot read its certificate revocation list';
    return this.serials.has(normaliseSerial(serial)) ? 'this client certificate has been revoked' : undefined;
  }
}

type Peer = Pick<PeerCertificate, 'serialNumber' | 'subject'>;
const peers = new WeakMap<TLSSocket, Peer>();

function peerOf(socket: TLSSocket): Peer | undefined {
  let peer = peers.get(socket);
  if (peer === undefined) {
    const cert = socket.getPeerCertificate();
    if (!cert || !cert.serialNumber) return undefined;
    peer = { serialNumber: cert.serialNumber, subject: cert.subject };
    peers.set(socket, peer);
  }
  return peer;
}

/**
 * On every request, before any route: the client certificate is not revoked, and it fits the
 * caller: `/v1/admin` needs the operator's certificate (OU=operator, CN=admin); every other
 * `/v1` route a participant's (OU=participant) whose CN is the participant of the bearer
 * token given, so a stolen token is useless without that bank's key, and a bank's key is
 * useless with another bank's token. /healthz and /metrics take any valid certificate.
 */
export function installClientCertGuard(app: FastifyInstance, revocations: RevocationList, participantOfToken: (token: string) => string | undefined, logger: Logger): void {
  app.addHook('onRequest', async (request, reply) => {
    const socket = request.raw.socket as TLSSocket;
    const peer = socket.authorized ? peerOf(socket) : undefined;
    const refuse = (status: number, error: string, message: string) => {
      logger.warn({ event: 'tls.refused', error, address: request.ip, serial: peer?.serialNumber, subject: peer?.subject?.CN, route: request.url.split('?')[0] }, message);
      return reply.code(status).header('connection', 'close').send({ error, message });
    };
    if (peer === undefined) return refuse(401, 'client_certificate_required', 'a client certificate issued by the clearing centre is required');
    const revoked = revocations.refusal(peer.serialNumber);
    if (revoked !== undefined) return refuse(403, 'certificate_revoked', revoked);
    const path = request.url.split('?')[0] ?? '';
    const ou = String(peer.subject?.OU ?? '');
    const cn = String(peer.subject?.CN ?? '');
    if (path === '/healthz' || path === '/metrics') return undefined;
    if (path.startsWith('/v1/admin')) {
      if (ou !== 'operator' || cn !== 'admin') return refuse(403, 'certificate_not_for_route', 'the admin routes need the operator certificate');
      return undefined;
    }
    if (ou !== 'participant') return refuse(403, 'certificate_not_for_route', 'participant routes need a participant certificate');
    const token = bearerToken(request.headers.authorization);
    const owner = token === undefined ? undefined : participantOfToken(token);
    // An unknown token is the route's 401 (counted by the failure limiter); a known one must match.
    if (owner !== undefined && owner !== cn) return refuse(403, 'certificate_mismatch', `this certificate is ${cn}'s, not the token's participant`);
    return undefined;
  });
}
