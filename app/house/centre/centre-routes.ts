import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  alertRuleChangeSchema,
  alertRuleInputSchema,
  decisionRequestSchema,
  newBroadcastSchema,
  proposalListQuerySchema,
  proposalRequestSchema,
  settlementReportQuerySchema,
} from '../../shared/contract/centre-api';
import { participantIdSchema } from '../../shared/domain/participant';
import { formatAmount } from '../../shared/money/format';
import { hashToken, newToken } from '../auth/tokens';
import { revokeToken, rotateToken } from '../auth/token-store';
import { TransientError } from '../engine/engine-host';
import { eventsToJson } from '../http/admin-routes';
import type { HouseContext } from '../http/house-context';
import { readHouseAudit, readHouseAuditHead, verifyHouseAuditLog } from '../store/audit-log';
import { readAccounts } from '../store/participant-queries';
import type { AlertRules } from './alert-rules';
import type { Broadcasts } from './broadcasts';
import type { BusinessDay } from './business-day';
import { actorOf, invalid, operatorOf, refusal, requireRole } from './centre-request';
import { readDirectory } from './directory';
import type { Monitor } from './monitor';
import type { Proposals } from './proposals';
import { settlementReport, settlementReportCsv, settlementReportCamt053 } from './settlement-report';

const idParamsSchema = z.object({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) }).strict();
const participantParamsSchema = z.object({ id: participantIdSchema }).strict();
const auditQuerySchema = z
  .object({ after: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0), limit: z.coerce.number().int().min(1).max(1000).default(100) })
  .strict();
const broadcastQuerySchema = z.object({ participant: participantIdSchema.optional(), before: z.coerce.number().int().positive().optional(), limit: z.coerce.number().int().min(1).max(500).default(100) }).strict();

export interface CentreParts {
  proposals: Proposals;
  businessDay: BusinessDay;
  broadcasts: Broadcasts;
  monitor: Monitor;
  alertRules: AlertRules;
}

/** The centre's work routes (docs/centre.md); the session hook (centre-auth-routes.ts) runs first. */
export function registerCentreRoutes(app: FastifyInstance, house: HouseContext, parts: CentreParts): void {
  const { proposals, businessDay, broadcasts, monitor, alertRules } = parts;
  const writers = ['centre-operator', 'centre-supervisor'] as const;

  // ---- maker-checker ----
  app.post('/v1/centre/proposals', async (request, reply) => {
    if (!requireRole(request, reply, writers)) return reply;
    const body = proposalRequestSchema.safeParse(request.body);
    if (!body.success) return invalid(reply, body.error);
    const created = await proposals.propose(operatorOf(request).username, body.data.type, body.data.payload, body.data.note, request.ip);
    if ('error' in created) return refusal(reply, created);
    return reply.code(201).send({ proposal: created });
  });
  app.get('/v1/centre/proposals', async (request, reply) => {
    const query = proposalListQuerySchema.safeParse(request.query);
    if (!query.success) return invalid(reply, query.error);
    return { proposals: await proposals.list(query.data.status, query.data.limit) };
  });
  app.get('/v1/centre/proposals/:id', async (request, reply) => {
    const params = idParamsSchema.safeParse(request.params);
    if (!params.success) return invalid(reply, params.error);
    const proposal = await proposals.get(params.data.id);
    if (!proposal) return reply.code(404).send({ error: 'not_found', message: `no proposal ${params.data.id}` });
    return { proposal };
  });
  for (const decision of ['approve', 'reject'] as const) {
    app.post(`/v1/centre/proposals/:id/${decision}`, async (request, reply) => {
      if (!requireRole(request, reply, ['centre-supervisor'])) return reply;
      const params = idParamsSchema.safeParse(request.params);
      if (!params.success) return invalid(reply, params.error);
      const body = decisionRequestSchema.safeParse(request.body ?? {});
      if (!body.success) return invalid(reply, body.error);
      const username = operatorOf(request).username;
      const answer =
        decision === 'approve'
          ? await proposals.approve(params.data.id, username, body.data.note, request.ip)
          : await proposals.reject(params.data.id, username, body.data.note, request.ip);
      if ('error' in answer) return refusal(reply, answer);
      if ('proposal' in answer) {
        await monitor.refreshNames();
        return answer;
      }
      return { proposal: answer };
    });
  }

  // ---- direct actions (no money moves: released queues, bank tokens) ----
  app.post('/v1/centre/offset', async (request, reply) => {
    if (!requireRole(request, reply, writers)) return reply;
    try {
      const events = await house.host.operate({ command: { type: 'offset' }, audit: { actor: actorOf(request), action: 'offset.run', entity: 'house', entityId: 'rtgs', detail: { address: request.ip } } });
      return { events: eventsToJson(events) };
    } catch (error) {
      if (error instanceof TransientError) return reply.code(503).send({ error: 'unavailable', message: error.message });
      throw error;
    }
  });
  app.post('/v1/centre/participants/:id/token', async (request, reply) => {
    if (!requireRole(request, reply, ['centre-supervisor'])) return reply;
    const params = participantParamsSchema.safeParse(request.params);
    if (!params.success) return invalid(reply, params.error);
    const token = newToken();
    const tokenSha256 = hashToken(token);
    const found = await rotateToken(house.store, { participantId: params.data.id, tokenSha256, generated: true, actor: actorOf(request), at: new Date().toISOString() });
    if (!found) return reply.code(404).send({ error: 'not_found', message: `no participant ${params.data.id}` });
    house.auth.set(tokenSha256, params.data.id);
    return { id: params.data.id, token };
  });
  app.delete('/v1/centre/participants/:id/token', async (request, reply) => {
    if (!requireRole(request, reply, ['centre-supervisor'])) return reply;
    const params = participantParamsSchema.safeParse(request.params);
    if (!params.success) return invalid(reply, params.error);
    const result = await revokeToken(house.store, { participantId: params.data.id, actor: actorOf(request), at: new Date().toISOString() });
    if (!result.found) return reply.code(404).send({ error: 'not_found', message: `no participant ${params.data.id}` });
    house.auth.revoke(params.data.id);
    return { id: params.data.id, revoked: true, hadToken: result.hadToken };
  });

  // ---- reads ----
  app.get('/v1/centre/participants', async () => {
    const accounts = await readAccounts(house.store);
    const directory = new Map((await readDirectory(house.store)).map((d) => [d.id, d]));
    return {
      participants: accounts.map((a) => ({
        id: a.id,
        name: a.name,
        bankCode: a.bankCode,
        suspended: directory.get(a.id)?.active === false,
        balance: formatAmount(a.balanceMinor, 'CNY'),
        netDebit: formatAmount(a.netDebitMinor, 'CNY'),
        available: formatAmount(a.balanceMinor - a.netDebitMinor, 'CNY'),
        netDebitCap: formatAmount(a.netDebitCapMinor, 'CNY'),
      })),
    };
  });
  app.get('/v1/centre/directory', async () => ({ participants: await readDirectory(house.store) }));
  app.get('/v1/centre/audit', async (request, reply) => {
    const query = auditQuerySchema.safeParse(request.query);
    if (!query.success) return invalid(reply, query.error);
    await house.auth.auditWritten();
    const rows = await readHouseAudit(house.store, query.data.after, query.data.limit + 1);
    const head = await readHouseAuditHead(house.store);
    return {
      entries: rows.slice(0, query.data.limit).map((e) => ({ seq: e.seq, at: e.at, actor: e.actor, action: e.action, entity: e.entity, entityId: e.entityId, detail: safeJson(e.detailText), prevHash: e.prevHash, hash: e.hash })),
      hasMore: rows.length > query.data.limit,
      head: head ? { seq: head.seq, hash: head.hash } : null,
      verification: await verifyHouseAuditLog(house.store),
    };
  });

  // ---- business day ----
  app.get('/v1/centre/schedule', async () => ({ state: businessDay.state(), schedules: businessDay.all() }));

  // ---- broadcasts ----
  app.post('/v1/centre/broadcasts', async (request, reply) => {
    if (!requireRole(request, reply, writers)) return reply;
    const body = newBroadcastSchema.safeParse(request.body);
    if (!body.success) return invalid(reply, body.error);
    if (body.data.participantId !== undefined && !(await readDirectory(house.store)).some((d) => d.id === body.data.participantId)) {
      return reply.code(404).send({ error: 'not_found', message: `no participant ${body.data.participantId}` });
    }
    const operator = operatorOf(request);
    try {
      const broadcast = await broadcasts.send(body.data, operator.name, actorOf(request), request.ip);
      return reply.code(201).send({ broadcast });
    } catch (error) {
      if (error instanceof TransientError) return reply.code(503).send({ error: 'unavailable', message: error.message });
      throw error;
    }
  });
  app.get('/v1/centre/broadcasts', async (request, reply) => {
    const query = broadcastQuerySchema.safeParse(request.query);
    if (!query.success) return invalid(reply, query.error);
    return { broadcasts: await broadcasts.list({ participantId: query.data.participant, beforeId: query.data.before, limit: query.data.limit }) };
  });

  // ---- monitoring ----
  app.get('/v1/centre/dashboard', async () => monitor.dashboard(house.businessDate(), businessDay.state()));
  app.get('/v1/centre/alert-rules', async () => ({ rules: alertRules.list() }));
  app.post('/v1/centre/alert-rules', async (request, reply) => {
    if (!requireRole(request, reply, writers)) return reply;
    const body = alertRuleInputSchema.safeParse(request.body);
    if (!body.success) return invalid(reply, body.error);
    return reply.code(201).send({ rule: await alertRules.create(body.data, actorOf(request), operatorOf(request).username, request.ip) });
  });
  app.patch('/v1/centre/alert-rules/:id', async (request, reply) => {
    if (!requireRole(request, reply, writers)) return reply;
    const params = idParamsSchema.safeParse(request.params);
    if (!params.success) return invalid(reply, params.error);
    const body = alertRuleChangeSchema.safeParse(request.body);
    if (!body.success) return invalid(reply, body.error);
    const rule = await alertRules.setEnabled(params.data.id, body.data.enabled, actorOf(request), request.ip);
    if (!rule) return reply.code(404).send({ error: 'not_found', message: `no alert rule ${params.data.id}` });
    return { rule };
  });
  app.delete('/v1/centre/alert-rules/:id', async (request, reply) => {
    if (!requireRole(request, reply, writers)) return reply;
    const params = idParamsSchema.safeParse(request.params);
    if (!params.success) return invalid(reply, params.error);
    if (!(await alertRules.remove(params.data.id, actorOf(request), request.ip))) return reply.code(404).send({ error: 'not_found', message: `no alert rule ${params.data.id}` });
    return { deleted: params.data.id };
  });
  app.get('/v1/centre/alerts', async () => ({ alerts: alertRules.recent() }));

  // ---- reports ----
  app.get('/v1/centre/reports/settlement', async (request, reply) => {
    const query = settlementReportQuerySchema.safeParse(request.query);
    if (!query.success) return invalid(reply, query.error);
    const date = query.data.date ?? house.businessDate();
    const report = await settlementReport(house.store, date);
    if (query.data.format === 'csv') return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="settlement-${date}.csv"`).send(settlementReportCsv(report));
    return report;
  });
  app.get('/v1/centre/reports/settlement/:id/camt053', async (request, reply) => {
    const params = participantParamsSchema.safeParse(request.params);
    if (!params.success) return invalid(reply, params.error);
    const query = z.object({ date: settlementReportQuerySchema.shape.date }).strict().safeParse(request.query);
    if (!query.success) return invalid(reply, query.error);
    const date = query.data.date ?? house.businessDate();
    const xml = await settlementReportCamt053(house.store, date, params.data.id, new Date().toISOString());
    if (xml === undefined) return reply.code(404).send({ error: 'not_found', message: `no participant ${params.data.id}` });
    return reply.type('application/xml; charset=utf-8').send(xml);
  });
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
