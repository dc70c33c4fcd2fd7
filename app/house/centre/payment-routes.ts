import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { paymentIdSchema } from '../../shared/domain/payment';
import { centreStopOrRelease } from '../http/payment-stop-action';
import type { HouseContext } from '../http/house-context';
import { actorOf, invalid, operatorOf, requireRole } from './centre-request';
import { lookUpPayment } from './payment-lookup';

const paymentParamsSchema = z.object({ id: paymentIdSchema }).strict();

/**
 * 止付 / 解除止付 by a named centre operator (docs/messages.md, "Stop payment"): operators and
 * supervisors, one person each time (audited, no maker-checker: see the doc); auditors only look.
 * The session hook (centre-auth-routes.ts) runs first.
 */
export function registerCentrePaymentRoutes(app: FastifyInstance, house: HouseContext): void {
  app.get('/v1/centre/payments/:id', async (request, reply) => {
    const params = paymentParamsSchema.safeParse(request.params);
    if (!params.success) return invalid(reply, params.error);
    const payment = await lookUpPayment(house.store, params.data.id);
    if (payment === undefined) return reply.code(404).send({ error: 'not_found', message: `no payment ${params.data.id}` });
    return { payment };
  });
  for (const type of ['stop', 'release'] as const) {
    app.post(`/v1/centre/payments/:id/${type}`, async (request, reply) => {
      if (!requireRole(request, reply, ['centre-operator', 'centre-supervisor'])) return reply;
      return centreStopOrRelease(house, request, reply, type, { actor: actorOf(request), operator: operatorOf(request).username });
    });
  }
}
