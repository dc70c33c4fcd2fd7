import type { FastifyReply, FastifyRequest } from 'fastify';
import { bearerToken, hashToken, sameSecret } from '../auth/tokens';
import type { AuthAttempt, AuthFailureGuard, AuthFailureReason, AuthKind } from '../auth/auth-failure-guard';

/**
 * Who is calling: the participant whose token hash matches, or the operator with the admin
 * token. Token hashes are cached in memory (a handful of participants) and changed, after the
 * database commit, when participants are added and tokens rotated or revoked: a participant
 * has at most one live token, so a rotated or revoked token stops at once.
 * Failures go to the guard (log, rate limit, audit); a locked-out address gets 429 before its
 * token is looked at.
 */
export class ParticipantAuth {
  constructor(
    private tokenHashes: Map<string, string>,
    private readonly adminToken: string,
    private readonly guard?: AuthFailureGuard,
  ) {}

  private adminDisabled: () => boolean = () => false;

  /** After the first centre supervisor exists the admin token is refused (docs/centre.md). */
  disableAdminWhen(disabled: () => boolean): void {
    this.adminDisabled = disabled;
  }

  /** The participant of a request's token, without counting a failure (metrics of who synced). */
  peek(request: FastifyRequest): string | undefined {
    const token = bearerToken(request.headers.authorization);
    return token === undefined ? undefined : this.tokenHashes.get(hashToken(token));
  }

  replaceAll(tokenHashes: Map<string, string>): void {
    this.tokenHashes = tokenHashes;
  }

  /** The participant's one live token (any earlier one stops working). */
  set(tokenSha256: string, participantId: string): void {
    this.revoke(participantId);
    this.tokenHashes.set(tokenSha256, participantId);
  }

  /** The participant has no live token any more. */
  revoke(participantId: string): void {
    for (const [hash, id] of this.tokenHashes) if (id === participantId) this.tokenHashes.delete(hash);
  }

  /** Resolves once the failed-authentication audit entries queued so far are written. */
  auditWritten(): Promise<void> {
    return this.guard?.settled() ?? Promise.resolve();
  }

  /** The participant a token belongs to, without counting a failure (the client-certificate check). */
  participantOfToken(token: string): string | undefined {
    return this.tokenHashes.get(hashToken(token));
  }

  /** The participant, or undefined after a 401 or 429 has been sent. */
  participant(request: FastifyRequest, reply: FastifyReply): string | undefined {
    const attempt = attemptOf(request);
    if (this.lockedOut(attempt, reply)) return undefined;
    const header = request.headers.authorization;
    const token = bearerToken(header);
    const id = token === undefined ? undefined : this.tokenHashes.get(hashToken(token));
    if (id === undefined) {
      this.fail(attempt, 'participant', token !== undefined ? 'unknown_token' : header ? 'malformed_header' : 'no_token');
      void reply.code(401).header('www-authenticate', 'Bearer').send({ error: 'unauthorized', message: 'a valid participant bearer token is required' });
      return undefined;
    }
    return id;
  }

  /** true for the operator; otherwise a 401 or 429 has been sent. */
  admin(request: FastifyRequest, reply: FastifyReply): boolean {
    const attempt = attemptOf(request);
    if (this.lockedOut(attempt, reply)) return false;
    if (this.adminDisabled()) {
      void reply.code(401).send({ error: 'admin_token_disabled', message: 'the admin token is disabled since the first centre supervisor was created; use a centre operator session (/v1/centre)' });
      return false;
    }
    const header = request.headers.authorization;
    const token = bearerToken(header);
    if (token === undefined || !sameSecret(token, this.adminToken)) {
      this.fail(attempt, 'admin', token !== undefined ? 'wrong_admin_token' : header ? 'malformed_header' : 'no_token');
      void reply.code(401).header('www-authenticate', 'Bearer').send({ error: 'unauthorized', message: 'the admin token is required' });
      return false;
    }
    return true;
  }

  private lockedOut(attempt: AuthAttempt, reply: FastifyReply): boolean {
    const retryAfterSeconds = this.guard?.retryAfterSeconds(attempt) ?? 0;
    if (retryAfterSeconds <= 0) return false;
    void reply
      .code(429)
      .header('retry-after', String(retryAfterSeconds))
      .send({ error: 'too_many_failures', message: `too many failed authentications from this address; retry after ${retryAfterSeconds} s` });
    return true;
  }

  private fail(attempt: AuthAttempt, kind: AuthKind, reason: AuthFailureReason): void {
    this.guard?.failed(attempt, kind, reason);
  }
}

function attemptOf(request: FastifyRequest): AuthAttempt {
  return { address: request.ip, method: request.method, route: request.routeOptions.url ?? request.url.split('?')[0] ?? '' };
}
