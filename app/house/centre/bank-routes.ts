import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { HouseContext } from '../http/house-context';
import type { Broadcasts } from './broadcasts';
import type { BusinessDay } from './business-day';
import { readDirectory } from './directory';
import type { Monitor } from './monitor';

const broadcastQuerySchema = z.object({ before: z.coerce.number().int().positive().optional(), limit: z.coerce.number().int().min(1).max(500).default(100) }).strict();

/**
 * What every bank's console reads of the centre's publications with its own token (the same
 * things travel in the pull feed): the business day and its next cut-off, the participant
 * directory, and the broadcasts to all banks or to it. Also notes each console's last sync.
 */
export function registerBankCentreRoutes(app: FastifyInstance, house: HouseContext, businessDay: BusinessDay, broadcasts: Broadcasts, monitor: Monitor): void {
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url;
    if ((route === '/v1/sync/pull' || route === '/v1/sync/push') && reply.statusCode === 200) {
      const participantId = house.auth.peek(request);
      if (participantId !== undefined) monitor.synced(participantId);
    }
  });

  app.get('/v1/schedule', async (request, reply) => {
    if (house.auth.participant(request, reply) === undefined) return reply;
    return businessDay.state();
  });

  app.get('/v1/directory', async (request, reply) => {
    if (house.auth.participant(request, reply) === undefined) return reply;
    return { participants: await readDirectory(house.store) };
  });

  app.get('/v1/broadcasts', async (request, reply) => {
    const participantId = house.auth.participant(request, reply);
    if (participantId === undefined) return reply;
    const query = broadcastQuerySchema.safeParse(request.query);
    if (!query.success) return reply.code(400).send({ error: 'invalid_request', message: query.error.issues[0]?.message ?? 'invalid' });
    return { broadcasts: await broadcasts.list({ participantId, beforeId: query.data.before, limit: query.data.limit }) };
  });
}
