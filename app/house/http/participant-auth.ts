import type { FastifyReply, FastifyRequest } from 'fastify';
import { bearerToken, hashToken, sameSecret } from '../auth/tokens';

/**
 * Who is calling: the participant whose token hash matches, or the operator with the admin
 * token. Token hashes are cached in memory (a handful of participants) and refreshed when
 * participants are added or tokens rotated.
 */
export class ParticipantAuth {
  constructor(
    private tokenHashes: Map<string, string>,
    private readonly adminToken: string,
  ) {}

  replaceAll(tokenHashes: Map<string, string>): void {
    this.tokenHashes = tokenHashes;
  }

  set(tokenSha256: string, participantId: string): void {
    for (const [hash, id] of this.tokenHashes) if (id === participantId) this.tokenHashes.delete(hash);
    this.tokenHashes.set(tokenSha256, participantId);
  }

  /** The participant, or undefined after a 401 has been sent. */
  participant(request: FastifyRequest, reply: FastifyReply): string | undefined {
    const token = bearerToken(request.headers.authorization);
    const id = token === undefined ? undefined : this.tokenHashes.get(hashToken(token));
    if (id === undefined) {
      void reply.code(401).header('www-authenticate', 'Bearer').send({ error: 'unauthorized', message: 'a valid participant bearer token is required' });
      return undefined;
    }
    return id;
  }

  /** true for the operator; otherwise a 401 has been sent. */
  admin(request: FastifyRequest, reply: FastifyReply): boolean {
    const token = bearerToken(request.headers.authorization);
    if (token === undefined || !sameSecret(token, this.adminToken)) {
      void reply.code(401).header('www-authenticate', 'Bearer').send({ error: 'unauthorized', message: 'the admin token is required' });
      return false;
    }
    return true;
  }
}
