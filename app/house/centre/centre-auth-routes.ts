import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { bootstrapRequestSchema, loginRequestSchema, newOperatorSchema, operatorChangeSchema, totpRequestSchema, usernameSchema } from '../../shared/contract/centre-api';
import { bearerToken } from '../auth/tokens';
import type { ParticipantAuth } from '../http/participant-auth';
import { SESSION_IDLE_MS, operatorView, type CentreAuth } from './centre-auth';
import { attachOperator, invalid, operatorOf, refusal, requireRole, sessionOf } from './centre-request';

/** Routes that need no centre session (the first two steps of a login, and the break-glass bootstrap). */
const PUBLIC_ROUTES = new Set(['/v1/centre/bootstrap', '/v1/centre/login', '/v1/centre/login/totp']);
/** The one write an auditor may make. */
const AUDITOR_WRITES = new Set(['/v1/centre/logout']);

const usernameParamsSchema = z.object({ username: usernameSchema }).strict();

/**
 * Sign-in and accounts of the centre (docs/centre.md). Every /v1/centre/ path but the public
 * three needs a live session (`Authorization: Bearer <session>`): a bank's token, the admin
 * token or an expired session gets 401, also for paths that match no route. A centre-auditor
 * may only read (403 on any other method).
 */
export function registerCentreAuthRoutes(app: FastifyInstance, centreAuth: CentreAuth, participantAuth: ParticipantAuth, nowMs: () => number): void {
  app.addHook('onRequest', async (request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    if (!path.startsWith('/v1/centre/') && path !== '/v1/centre') return undefined;
    if (PUBLIC_ROUTES.has(request.routeOptions.url ?? '')) return undefined;
    const token = bearerToken(request.headers.authorization);
    const session = token === undefined ? undefined : await centreAuth.session(token);
    if (!session || 'status' in session) {
      return reply
        .code(401)
        .header('www-authenticate', 'Bearer')
        .send(session ?? { error: 'unauthorized', message: 'a centre operator session is required' });
    }
    attachOperator(request, session);
    if (session.operator.role === 'centre-auditor' && request.method !== 'GET' && request.method !== 'HEAD' && !AUDITOR_WRITES.has(request.routeOptions.url ?? '')) {
      return reply.code(403).send({ error: 'read_only', message: 'a centre-auditor can read, not change' });
    }
    return undefined;
  });

  app.post('/v1/centre/bootstrap', async (request, reply) => {
    if (!participantAuth.admin(request, reply)) return reply;
    const body = bootstrapRequestSchema.safeParse(request.body);
    if (!body.success) return invalid(reply, body.error);
    const created = await centreAuth.bootstrap(body.data, request.ip);
    if ('status' in created) return refusal(reply, created);
    return reply.code(201).send({ operator: operatorView(created, nowMs()), adminTokenDisabled: true });
  });

  app.post('/v1/centre/login', async (request, reply) => {
    const body = loginRequestSchema.safeParse(request.body);
    if (!body.success) return invalid(reply, body.error);
    const answer = await centreAuth.login(body.data.username, body.data.password, request.ip);
    if ('status' in answer) return refusal(reply, answer);
    return answer;
  });

  app.post('/v1/centre/login/totp', async (request, reply) => {
    const body = totpRequestSchema.safeParse(request.body);
    if (!body.success) return invalid(reply, body.error);
    const answer = await centreAuth.completeLogin(body.data.challenge, body.data.code, request.ip);
    if ('status' in answer) return refusal(reply, answer);
    return { session: answer.session, expiresAt: answer.expiresAt, idleTimeoutSeconds: SESSION_IDLE_MS / 1000, operator: operatorView(answer.operator, nowMs()) };
  });

  app.post('/v1/centre/logout', async (request) => {
    const { operator, tokenSha256 } = sessionOf(request);
    await centreAuth.logout(tokenSha256, operator.username, request.ip);
    return { ok: true };
  });

  app.get('/v1/centre/me', async (request) => ({ operator: operatorView(operatorOf(request), nowMs()) }));

  // Every centre role reads who the centre's operators are (the console's operator panel); only a supervisor changes them.
  app.get('/v1/centre/operators', async (request, reply) => {
    if (!requireRole(request, reply, ['centre-supervisor', 'centre-operator', 'centre-auditor'])) return reply;
    return { operators: (await centreAuth.operators()).map((o) => operatorView(o, nowMs())) };
  });

  app.post('/v1/centre/operators', async (request, reply) => {
    if (!requireRole(request, reply, ['centre-supervisor'])) return reply;
    const body = newOperatorSchema.safeParse(request.body);
    if (!body.success) return invalid(reply, body.error);
    const created = await centreAuth.createOperator(operatorOf(request).username, body.data, request.ip);
    if ('status' in created) return refusal(reply, created);
    return reply.code(201).send({ operator: operatorView(created, nowMs()) });
  });

  app.patch('/v1/centre/operators/:username', async (request, reply) => {
    if (!requireRole(request, reply, ['centre-supervisor'])) return reply;
    const params = usernameParamsSchema.safeParse(request.params);
    if (!params.success) return invalid(reply, params.error);
    const body = operatorChangeSchema.safeParse(request.body);
    if (!body.success) return invalid(reply, body.error);
    const changed = await centreAuth.changeOperator(operatorOf(request).username, params.data.username, body.data, request.ip);
    if ('status' in changed) return refusal(reply, changed.error === 'not_found' ? { ...changed, status: 404 } : changed);
    return { operator: operatorView(changed, nowMs()) };
  });
}
