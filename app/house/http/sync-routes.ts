import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { PROTOCOL_VERSION, pullQuerySchema, type AccountResponse, type PullAnswer } from '../../shared/contract/sync-protocol';
import { formatAmount } from '../../shared/money/format';
import { parsePushRequest } from '../../shared/contract/push-fast-check';
import type { HouseContext } from './house-context';
import { TransientError } from '../engine/engine-host';
import { readChanges } from '../store/pull-query';
import { controlsOf } from '../engine/liquidity-feed';
import { readAccount } from '../store/participant-queries';
import { queueQuerySchema } from '../../shared/contract/queue-protocol';
import { readOwnQueue } from '../engine/own-queue';

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid request';
  return `${issue.path.length > 0 ? `${issue.path.join('.')}: ` : ''}${issue.message}`;
}

/** Cursor text `<epoch>.<seq>`; '' is the start of the feed. */
function parseCursor(cursor: string): { epoch: string; seq: number } | undefined {
  if (cursor === '') return undefined;
  const dot = cursor.lastIndexOf('.');
  return { epoch: cursor.slice(0, dot), seq: Number(cursor.slice(dot + 1)) };
}

export function registerSyncRoutes(app: FastifyInstance, house: HouseContext): void {
  app.post('/v1/sync/push', async (request, reply) => {
    const participantId = house.auth.participant(request, reply);
    if (participantId === undefined) return reply;
    const body = request.body as { protocolVersion?: unknown } | undefined;
    if (body && typeof body === 'object' && 'protocolVersion' in body && body.protocolVersion !== PROTOCOL_VERSION) {
      return reply.code(400).send({ error: 'protocol_version', message: `this house speaks protocolVersion ${PROTOCOL_VERSION}` });
    }
    const parsed = parsePushRequest(request.body);
    if (!parsed.success) return reply.code(400).send({ error: 'invalid_request', message: firstIssue(parsed.error) });
    const timing = house.trace?.requests.get(request);
    if (timing) {
      const first = parsed.data.mutations[0];
      Object.assign(timing, { checkedMs: performance.now(), mutations: parsed.data.mutations.length, deviceId: parsed.data.deviceId, firstSeq: first?.seq ?? 0 });
    }
    try {
      const outcome = await house.host.push(participantId, parsed.data, timing);
      return reply.code(outcome.status).send(outcome.body);
    } catch (error) {
      if (error instanceof TransientError) return reply.code(503).header('retry-after', '1').send({ error: 'unavailable', message: error.message });
      throw error;
    }
  });

  app.get('/v1/sync/pull', async (request, reply) => {
    const participantId = house.auth.participant(request, reply);
    if (participantId === undefined) return reply;
    const parsed = pullQuerySchema.safeParse(request.query);
    if (!parsed.success) return reply.code(400).send({ error: 'invalid_request', message: firstIssue(parsed.error) });
    const untilSeq = house.host.committedChangeSeq;
    const cursor = parseCursor(parsed.data.cursor);
    if (cursor && (cursor.epoch !== house.epoch || cursor.seq > untilSeq)) {
      const answer: PullAnswer = {
        resync: true,
        cursor: '',
        message: 'this cursor is not from this house ledger; drop house data and pull from the start',
      };
      return reply.send(answer);
    }
    const afterSeq = cursor?.seq ?? 0;
    const page = await readChanges(house.store, participantId, afterSeq, untilSeq, parsed.data.limit);
    const last = page.changes[page.changes.length - 1];
    const answer: PullAnswer = {
      cursor: `${house.epoch}.${last ? last.seq : afterSeq}`,
      hasMore: page.hasMore,
      changes: page.changes,
    };
    return reply.send(answer);
  });

  app.get('/v1/accounts/me', async (request, reply) => {
    const participantId = house.auth.participant(request, reply);
    if (participantId === undefined) return reply;
    const account = await readAccount(house.store, participantId);
    if (!account) return reply.code(404).send({ error: 'not_found', message: `participant ${participantId} has no account` });
    // Balances come from the committed store; the liquidity controls and today's positions from
    // the engine, which is the authority and runs at most one batch ahead of the store.
    const engine = house.host.view();
    const liquidity = engine?.liquidity(participantId);
    const creditLineMinor = liquidity?.creditLineMinor ?? 0n;
    const answer: AccountResponse = {
      participant: account.id,
      currency: 'CNY',
      businessDate: house.businessDate(),
      balance: formatAmount(account.balanceMinor, 'CNY'),
      available: formatAmount(account.balanceMinor + creditLineMinor - account.netDebitMinor, 'CNY'),
      netDebit: formatAmount(account.netDebitMinor, 'CNY'),
      netDebitCap: formatAmount(account.netDebitCapMinor, 'CNY'),
    };
    if (liquidity !== undefined && engine !== undefined) {
      Object.assign(answer, controlsOf(liquidity), { clock: engine.clock() });
      answer.positions = Object.fromEntries(Object.entries(liquidity.positions).map(([counterparty, minor]) => [counterparty, formatAmount(minor, 'CNY')]));
    }
    return reply.send(answer);
  });

  // 排队管理's authority: the participant's own waiting payments in the engine's order, from
  // memory (docs/sync.md "Queue"). Committed payments only (the queue book).
  app.get('/v1/queue/me', async (request, reply) => {
    const participantId = house.auth.participant(request, reply);
    if (participantId === undefined) return reply;
    const parsed = queueQuerySchema.safeParse(request.query ?? {});
    if (!parsed.success) return reply.code(400).send({ error: 'invalid_request', message: firstIssue(parsed.error) });
    const engine = house.host.view();
    if (engine === undefined) return reply.code(503).header('retry-after', '1').send({ error: 'unavailable', message: 'the clearing engine is being rebuilt; retry' });
    return reply.send(readOwnQueue(engine, house.host.queueBook, { participantId, limit: parsed.data.limit, asOfMs: house.host.nowMs() }));
  });
}
