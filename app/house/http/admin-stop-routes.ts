import type { FastifyInstance } from 'fastify';
import type { HouseContext } from './house-context';
import { ADMIN_ACTOR } from './admin-request';
import { centreStopOrRelease } from './payment-stop-action';

/**
 * 止付 / 解除止付 with the admin token (a house not yet bootstrapped; afterwards the centre's
 * operators use /v1/centre/payments/:id/stop|release, centre-routes.ts). Audited as `admin`.
 */
export function registerAdminStopRoutes(app: FastifyInstance, house: HouseContext): void {
  app.post('/v1/admin/payments/:id/stop', async (request, reply) => centreStopOrRelease(house, request, reply, 'stop', { actor: ADMIN_ACTOR }));
  app.post('/v1/admin/payments/:id/release', async (request, reply) => centreStopOrRelease(house, request, reply, 'release', { actor: ADMIN_ACTOR }));
}
