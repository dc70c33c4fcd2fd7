import Fastify, { type FastifyBaseLogger, type FastifyError, type FastifyInstance } from 'fastify';
import { MAX_PUSH_BODY_BYTES } from '../../shared/contract/sync-protocol';
import type { HouseContext } from './house-context';
import { registerSyncRoutes } from './sync-routes';
import { registerAdminRoutes } from './admin-routes';

/**
 * The house's HTTP face: JSON only, versioned under /v1, a body limit (413 beyond it),
 * malformed JSON is a 400, every answer an object with `error` and `message` when it fails.
 */
export function buildHouseServer(house: HouseContext): FastifyInstance {
  const app = Fastify({
    loggerInstance: house.logger as FastifyBaseLogger,
    bodyLimit: MAX_PUSH_BODY_BYTES,
    // Prototype pollution through JSON bodies is refused outright.
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = error.statusCode ?? 500;
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    const code =
      error.code === 'FST_ERR_CTP_BODY_TOO_LARGE'
        ? 'body_too_large'
        : error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE'
          ? 'unsupported_media_type'
          : status === 400
            ? 'malformed_request'
            : 'internal';
    void reply.code(status).send({ error: code, message: status >= 500 ? 'internal error' : error.message });
  });
  app.setNotFoundHandler((request, reply) => {
    void reply.code(404).send({ error: 'not_found', message: `no route ${request.method} ${request.url.split('?')[0]}` });
  });

  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    house.metrics.requests.inc({ route, method: request.method, code: String(reply.statusCode) });
    house.metrics.latency.observe(reply.elapsedTime / 1000, { route });
  });

  app.get('/healthz', async () => ({ ok: true, store: house.store.kind, businessDate: house.businessDate() }));

  app.get('/metrics', async (_request, reply) => {
    const engine = house.host.view();
    if (engine) {
      let rtgs = 0;
      let dns = 0;
      for (const p of engine.participants()) {
        const queue = engine.queue(p.id);
        rtgs += queue?.rtgs.length ?? 0;
        dns += queue?.dns.length ?? 0;
      }
      house.metrics.paymentQueueDepth.set(rtgs, { queue: 'rtgs' });
      house.metrics.paymentQueueDepth.set(dns, { queue: 'dns' });
      house.metrics.cycleState.reset();
      house.metrics.cycleState.set(1, { cycle: String(engine.openCycleId()), business_date: engine.businessDate() });
    }
    house.metrics.inputQueueDepth.set(house.host.queueDepth);
    return reply.type('text/plain; version=0.0.4').send(house.metrics.render());
  });

  registerSyncRoutes(app, house);
  registerAdminRoutes(app, house);
  return app;
}
