import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { hashToken, newToken } from '../auth/tokens';
import { revokeToken, rotateToken } from '../auth/token-store';
import type { HouseContext } from './house-context';
import { ADMIN_ACTOR, badRequest, idParamsSchema, tokenSchema } from './admin-request';

const rotateBodySchema = z.object({ token: tokenSchema.optional() }).strict();

/**
 * Rotation and revocation of a participant's token. No grace period: the old token stops the
 * moment the change commits (a console holding it goes offline and keeps its outbox until it
 * is given the new one, so nothing is lost). Changes run one at a time so the in-memory token
 * map follows the database in commit order.
 */
export function registerAdminTokenRoutes(app: FastifyInstance, house: HouseContext): void {
  let tail: Promise<unknown> = Promise.resolve();
  const oneAtATime = <T>(work: () => Promise<T>): Promise<T> => {
    const next = tail.then(work, work);
    tail = next.catch(() => undefined);
    return next;
  };

  app.post('/v1/admin/participants/:id/token', async (request, reply) => {
    const params = idParamsSchema.safeParse(request.params);
    if (!params.success) return badRequest(reply, params.error);
    const body = rotateBodySchema.safeParse(request.body ?? {});
    if (!body.success) return badRequest(reply, body.error);
    const id = params.data.id;
    const token = body.data.token ?? newToken();
    const tokenSha256 = hashToken(token);
    const found = await oneAtATime(async () => {
      const ok = await rotateToken(house.store, { participantId: id, tokenSha256, generated: body.data.token === undefined, actor: ADMIN_ACTOR, at: new Date().toISOString() });
      if (ok) house.auth.set(tokenSha256, id);
      return ok;
    });
    if (!found) return reply.code(404).send({ error: 'not_found', message: `no participant ${id}` });
    request.log.info({ event: 'token.rotated', participant: id }, 'participant token rotated');
    // Shown once, to the operator; only its hash is kept.
    return { id, token };
  });

  app.delete('/v1/admin/participants/:id/token', async (request, reply) => {
    const params = idParamsSchema.safeParse(request.params);
    if (!params.success) return badRequest(reply, params.error);
    const id = params.data.id;
    const result = await oneAtATime(async () => {
      const outcome = await revokeToken(house.store, { participantId: id, actor: ADMIN_ACTOR, at: new Date().toISOString() });
      if (outcome.found) house.auth.revoke(id);
      return outcome;
    });
    if (!result.found) return reply.code(404).send({ error: 'not_found', message: `no participant ${id}` });
    request.log.info({ event: 'token.revoked', participant: id }, 'participant token revoked');
    return { id, revoked: true, hadToken: result.hadToken };
  });
}
