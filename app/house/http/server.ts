import Fastify, { type FastifyBaseLogger, type FastifyError, type FastifyInstance, type FastifyReply } from 'fastify';
import type { ServerOptions as HttpsServerOptions } from 'node:https';
import { MAX_PUSH_BODY_BYTES } from '../../shared/contract/sync-protocol';
import type { HouseContext } from './house-context';
import { registerSyncRoutes } from './sync-routes';
import { registerAdminRoutes } from './admin-routes';
import { registerIsoRoutes } from './iso-routes';
import { newPushTiming } from '../load-trace';

/** Longest error message sent back: a framework message may quote the request. */
const MAX_ERROR_MESSAGE_CHARS = 300;

function clip(text: string): string {
  return text.length > MAX_ERROR_MESSAGE_CHARS ? `${text.slice(0, MAX_ERROR_MESSAGE_CHARS)}…` : text;
}

/** A stable, machine-readable code for a refused request: clients branch on it, not on words. */
function errorCode(error: FastifyError, status: number): string {
  if (status >= 500) return 'internal';
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || status === 413) return 'body_too_large';
  if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || status === 415) return 'unsupported_media_type';
  if (status === 400) return 'malformed_request';
  if (status === 404) return 'not_found';
  if (status === 429) return 'too_many_requests';
  return 'request_refused';
}

/**
 * The house's HTTP face: JSON only, versioned under /v1, a body limit (413 beyond it),
 * malformed JSON is a 400, every answer an object with `error` and `message` when it fails.
 */
export function buildHouseServer(house: HouseContext, options: { https?: HttpsServerOptions } = {}): FastifyInstance {
  // With https the instance serves over TLS; its routes and hooks are the same.
  const app = Fastify({
    ...(options.https ? { https: options.https } : {}),
    loggerInstance: house.logger as FastifyBaseLogger,
    bodyLimit: MAX_PUSH_BODY_BYTES,
    // Prototype pollution through JSON bodies is refused outright.
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    // A URL the router cannot decode (bad percent-encoding) never reaches setErrorHandler;
    // answer it in the same JSON shape as every other refusal.
    frameworkErrors: (error, _request, reply) => {
      void (reply as FastifyReply).code(400).send({ error: 'malformed_request', message: clip(error.message) });
    },
  }) as unknown as FastifyInstance;

  app.setErrorHandler((error: FastifyError, request, reply) => {
    // Anything but a 4xx the framework raised about the request itself is the house's fault.
    const status = typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 600 ? error.statusCode : 500;
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    void reply.code(status).send({ error: errorCode(error, status), message: status >= 500 ? 'internal error' : clip(error.message) });
  });
  app.setNotFoundHandler((request, reply) => {
    void reply.code(404).send({ error: 'not_found', message: `no route ${request.method} ${request.url.split('?')[0]}` });
  });

  const trace = house.trace;
  if (trace) {
    app.addHook('onRequest', async (request) => {
      if (request.method === 'POST' && request.url === '/v1/sync/push') trace.requests.set(request, newPushTiming(performance.now()));
    });
  }
  app.addHook('onResponse', async (request, reply) => {
    const timing = trace?.requests.get(request);
    if (timing) trace?.push(timing, performance.now(), reply.statusCode);
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
  registerIsoRoutes(app, house);
  house.centre?.register(app);
  house.testRoutes?.register(app);
  return app;
}
