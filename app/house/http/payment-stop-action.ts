import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { paymentIdSchema } from '../../shared/domain/payment';
import { stopPayloadSchema } from '../../shared/contract/message-protocol';
import type { EngineEvent } from '../../shared/clearing/events';
import { TransientError } from '../engine/engine-host';
import type { HouseContext } from './house-context';
import { badRequest } from './admin-request';

const paymentParamsSchema = z.object({ id: paymentIdSchema }).strict();

/** Who the centre's stop names: the audit actor (`admin` or `centre:<username>`) and, for a person, their username. */
export interface StopActor {
  actor: string;
  operator?: string;
}

/**
 * 止付 / 解除止付 by the clearing centre (docs/messages.md), one function behind both doors: the
 * admin token's route (before bootstrap) and a centre operator's session (after). Any queued or
 * scheduled payment, pending investigation; the centre's stop only the centre lifts. The reason
 * is required and lands in the audit log and the payment's stop thread, which the sending bank
 * pulls. Refused 409 NOT_STOPPABLE / NOT_STOPPED / NOT_FOUND, changing nothing.
 */
export async function centreStopOrRelease(
  house: HouseContext,
  request: { params: unknown; body: unknown },
  reply: FastifyReply,
  type: 'stop' | 'release',
  who: StopActor,
): Promise<FastifyReply> {
  const params = paymentParamsSchema.safeParse(request.params);
  if (!params.success) return badRequest(reply, params.error);
  const body = stopPayloadSchema.safeParse(request.body ?? {});
  if (!body.success) return badRequest(reply, body.error);
  let events: EngineEvent[];
  try {
    events = await house.host.operate({ command: { type, paymentId: params.data.id }, stop: { reason: body.data.reason, ...who } });
  } catch (error) {
    if (error instanceof TransientError) return reply.code(503).send({ error: 'unavailable', message: error.message });
    throw error;
  }
  const refused = events.find((e) => e.type === 'refused');
  if (refused) return reply.code(409).send({ error: 'refused', reason: refused.reason, message: `${type} refused: ${refused.reason}` });
  return reply.code(200).send({ paymentId: params.data.id, state: type === 'stop' ? 'stopped' : 'released' });
}
