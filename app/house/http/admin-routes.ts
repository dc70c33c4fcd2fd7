import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { EngineCommand } from '../../shared/clearing/commands';
import type { EngineEvent } from '../../shared/clearing/events';
import { bankCodeSchema } from '../../shared/domain/bank-code';
import { decimalAmountSchema, signedDecimalAmountSchema } from '../../shared/domain/amount-schema';
import { participantIdSchema } from '../../shared/domain/participant';
import { isBusinessDate } from '../../shared/domain/calendar';
import { formatAmount } from '../../shared/money/format';
import { parseAmount } from '../../shared/money/parse';
import { hashToken, newToken } from '../auth/tokens';
import { TransientError, type OperatorJob } from '../engine/engine-host';
import { readAccounts } from '../store/participant-queries';
import type { HouseContext } from './house-context';
import { registerAdminTokenRoutes } from './admin-token-routes';
import { registerAdminAuditRoutes } from './admin-audit-routes';
import { registerCalendarRoutes } from './calendar-routes';
import { registerAdminStopRoutes } from './admin-stop-routes';
import { calendarNextBusinessDate } from '../store/calendar-store';
import { ADMIN_ACTOR, badRequest as bad, idParamsSchema, tokenSchema } from './admin-request';

const newParticipantSchema = z
  .object({
    id: participantIdSchema,
    name: z.string().trim().min(1).max(140),
    bankCode: bankCodeSchema,
    balance: decimalAmountSchema,
    netDebitCap: decimalAmountSchema,
    token: tokenSchema.optional(),
  })
  .strict();

const liquiditySchema = z.union([
  z.object({ amount: signedDecimalAmountSchema }).strict(),
  z.object({ balance: decimalAmountSchema }).strict(),
]);
const capSchema = z.object({ netDebitCap: decimalAmountSchema }).strict();
/** 日间透支额度, set by the clearing centre against the participant's pledged collateral. */
const creditLineSchema = z.object({ line: decimalAmountSchema }).strict();
const endOfDaySchema = z
  .object({ nextBusinessDate: z.string().refine(isBusinessDate, { message: 'nextBusinessDate must be YYYY-MM-DD' }).optional() })
  .strict();

const cny = (text: string, allowNegative = false): bigint => parseAmount(text, 'CNY', { allowNegative });

/** Engine events as JSON: `fooMinor: 123n` becomes `foo: "1.23"`. */
export function eventsToJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(eventsToJson);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      if (typeof v === 'bigint') out[key.endsWith('Minor') ? key.slice(0, -5) : key] = formatAmount(v, 'CNY');
      else out[key] = eventsToJson(v);
    }
    return out;
  }
  return value;
}

export function registerAdminRoutes(app: FastifyInstance, house: HouseContext): void {
  /** Runs an operator command through the writer; a refusal by the engine is a 409. */
  const execute = async (job: OperatorJob): Promise<{ status: number; body: unknown }> => {
    let events: EngineEvent[];
    try {
      events = await house.host.operate(job);
    } catch (error) {
      if (error instanceof TransientError) return { status: 503, body: { error: 'unavailable', message: error.message } };
      throw error;
    }
    const refused = events.find((e) => e.type === 'refused');
    if (refused) return { status: 409, body: { error: 'refused', reason: refused.reason, message: `${job.command.type} refused: ${refused.reason}` } };
    return { status: 200, body: { events: eventsToJson(events) } };
  };
  const run = async (reply: FastifyReply, job: OperatorJob): Promise<FastifyReply> => {
    const result = await execute(job);
    return reply.code(result.status).send(result.body);
  };

  // Either test: the matched route, and the raw path for what matches no route (still 401, not 404).
  app.addHook('onRequest', async (request, reply) => {
    const adminRoute = request.routeOptions.url?.startsWith('/v1/admin/') === true || request.url.startsWith('/v1/admin/');
    if (adminRoute && !house.auth.admin(request, reply)) return reply;
    return undefined;
  });
  /** The audit entry of an admin command (the host adds time and outcome). */
  const audit = (request: FastifyRequest, action: string, entity: string, entityId: string, detail: Record<string, unknown> = {}): OperatorJob['audit'] => ({
    actor: ADMIN_ACTOR,
    action,
    entity,
    entityId,
    detail: { ...detail, address: request.ip },
  });

  app.get('/v1/admin/participants', async () => {
    const accounts = await readAccounts(house.store);
    return {
      participants: accounts.map((a) => ({
        id: a.id,
        name: a.name,
        bankCode: a.bankCode,
        active: a.active,
        balance: formatAmount(a.balanceMinor, 'CNY'),
        netDebit: formatAmount(a.netDebitMinor, 'CNY'),
        available: formatAmount(a.balanceMinor - a.netDebitMinor, 'CNY'),
        netDebitCap: formatAmount(a.netDebitCapMinor, 'CNY'),
      })),
    };
  });

  app.post('/v1/admin/participants', async (request, reply) => {
    const parsed = newParticipantSchema.safeParse(request.body);
    if (!parsed.success) return bad(reply, parsed.error);
    const p = parsed.data;
    const token = p.token ?? newToken();
    const result = await execute({
      command: { type: 'addParticipant', id: p.id, balanceMinor: cny(p.balance), netDebitCapMinor: cny(p.netDebitCap) },
      participantRow: { id: p.id, name: p.name, bankCode: p.bankCode, tokenSha256: hashToken(token) },
      audit: audit(request, 'participant.added', 'participant', p.id, {
        name: p.name,
        bankCode: p.bankCode,
        balance: p.balance,
        netDebitCap: p.netDebitCap,
        tokenGenerated: p.token === undefined,
      }),
    });
    if (result.status !== 200) return reply.code(result.status).send(result.body);
    // The token is shown once, to the operator who created it; only its hash is kept.
    house.auth.set(hashToken(token), p.id);
    return reply.code(201).send({ id: p.id, token });
  });

  registerAdminTokenRoutes(app, house);
  registerAdminAuditRoutes(app, house);
  registerCalendarRoutes(app, house);
  registerAdminStopRoutes(app, house);

  app.put('/v1/admin/participants/:id/net-debit-cap', async (request, reply) => {
    const params = idParamsSchema.safeParse(request.params);
    if (!params.success) return bad(reply, params.error);
    const body = capSchema.safeParse(request.body);
    if (!body.success) return bad(reply, body.error);
    return run(reply, {
      command: { type: 'setNetDebitCap', participantId: params.data.id, netDebitCapMinor: cny(body.data.netDebitCap) },
      audit: audit(request, 'netDebitCap.set', 'participant', params.data.id, { netDebitCap: body.data.netDebitCap }),
    });
  });

  // Refused 409 CREDIT_IN_USE when the new line would not cover what is drawn (DESIGN 4.1).
  app.put('/v1/admin/participants/:id/credit-line', async (request, reply) => {
    const params = idParamsSchema.safeParse(request.params);
    if (!params.success) return bad(reply, params.error);
    const body = creditLineSchema.safeParse(request.body);
    if (!body.success) return bad(reply, body.error);
    return run(reply, {
      command: { type: 'credit', participantId: params.data.id, lineMinor: cny(body.data.line) },
      audit: audit(request, 'creditLine.set', 'participant', params.data.id, { line: body.data.line }),
    });
  });

  app.post('/v1/admin/participants/:id/liquidity', async (request, reply) => {
    const params = idParamsSchema.safeParse(request.params);
    if (!params.success) return bad(reply, params.error);
    const body = liquiditySchema.safeParse(request.body);
    if (!body.success) return bad(reply, body.error);
    const command: EngineCommand =
      'amount' in body.data
        ? { type: 'adjust', participantId: params.data.id, amountMinor: cny(body.data.amount, true) }
        : { type: 'setBalance', participantId: params.data.id, balanceMinor: cny(body.data.balance) };
    const action = 'amount' in body.data ? 'liquidity.adjusted' : 'liquidity.set';
    return run(reply, { command, audit: audit(request, action, 'participant', params.data.id, { ...body.data }) });
  });

  app.post('/v1/admin/offset', async (request, reply) => run(reply, { command: { type: 'offset' }, audit: audit(request, 'offset.run', 'house', 'rtgs') }));
  app.post('/v1/admin/cycles/close', async (request, reply) =>
    run(reply, { command: { type: 'closeCycle' }, audit: audit(request, 'cycle.closed', 'house', 'dns') }),
  );
  app.post('/v1/admin/end-of-day', async (request, reply) => {
    const body = endOfDaySchema.safeParse(request.body ?? {});
    if (!body.success) return bad(reply, body.error);
    // Without a date the day rolls to the next working day of the calendar (none loaded: Monday to Friday).
    const next = body.data.nextBusinessDate ?? (await calendarNextBusinessDate(house.store, house.businessDate()));
    const command: EngineCommand = next ? { type: 'endOfDay', nextBusinessDate: next } : { type: 'endOfDay' };
    return run(reply, { command, audit: audit(request, 'endOfDay', 'house', 'day', { ...body.data }) });
  });

  app.get('/v1/admin/state', async () => {
    const engine = house.host.view();
    return {
      businessDate: house.businessDate(),
      openCycleId: engine?.openCycleId() ?? null,
      queueDepth: house.host.queueDepth,
      participants: (engine?.participants() ?? []).map((p) => ({ id: p.id, queued: p.queuedCount, ...(engine?.queue(p.id) ?? {}) })),
    };
  });
}
