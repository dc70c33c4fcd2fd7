import type { LimitsCommand, ReorderCommand, ReserveCommand, WarningCommand } from '../../shared/clearing/commands';
import {
  liquidityLimitsPayloadSchema,
  liquidityReservePayloadSchema,
  liquidityWarningPayloadSchema,
  paymentReorderPayloadSchema,
  type LiquidityMutationType,
  type PushResult,
} from '../../shared/contract/sync-protocol';
import { parseAmount } from '../../shared/money/parse';
import { applyEvents } from './apply-events';
import { reasonMessage } from '../../shared/domain/reason-codes';
import type { PushContext } from './push-context';

type Refusal = { code: string; message: string };

/** payment.reorder or a liquidity.* mutation, after the house checked its envelope. */
export interface LiquidityMutation {
  seq: number;
  id: string;
  type: LiquidityMutationType | 'payment.reorder';
  payload: unknown;
}

const AUDIT = {
  'payment.reorder': 'payment.reordered',
  'liquidity.reserve': 'liquidity.reserved',
  'liquidity.limits': 'liquidity.limits',
  'liquidity.warning': 'liquidity.warning',
} as const;

const minor = (text: string | undefined): bigint => (text === undefined ? 0n : parseAmount(text, 'CNY'));

type Parsed = { ok: true; command: ReorderCommand | ReserveCommand | LimitsCommand | WarningCommand } | ({ ok: false } & Refusal);

function parse(mutation: LiquidityMutation, participantId: string): Parsed {
  const schema =
    mutation.type === 'payment.reorder'
      ? paymentReorderPayloadSchema
      : mutation.type === 'liquidity.reserve'
        ? liquidityReservePayloadSchema
        : mutation.type === 'liquidity.limits'
          ? liquidityLimitsPayloadSchema
          : liquidityWarningPayloadSchema;
  const parsed = schema.safeParse(mutation.payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    return { ok: false, code: 'INVALID_PAYLOAD', message: `${where}${issue?.message ?? 'malformed payload'}` };
  }
  switch (mutation.type) {
    case 'payment.reorder': {
      const { to } = paymentReorderPayloadSchema.parse(parsed.data);
      return { ok: true, command: { type: 'reorder', paymentId: mutation.id, to, by: participantId } };
    }
    case 'liquidity.reserve': {
      const { urgent, high } = liquidityReservePayloadSchema.parse(parsed.data);
      return { ok: true, command: { type: 'reserve', participantId, urgentMinor: minor(urgent), highMinor: minor(high) } };
    }
    case 'liquidity.limits': {
      const { bilateral, multilateral } = liquidityLimitsPayloadSchema.parse(parsed.data);
      const limits = Object.fromEntries(Object.entries(bilateral).map(([counterparty, amount]) => [counterparty, minor(amount)]));
      return { ok: true, command: { type: 'limits', participantId, bilateral: limits, ...(multilateral === undefined ? {} : { multilateralMinor: minor(multilateral) }) } };
    }
    case 'liquidity.warning': {
      const { threshold } = liquidityWarningPayloadSchema.parse(parsed.data);
      return { ok: true, command: threshold === undefined ? { type: 'warning', participantId } : { type: 'warning', participantId, thresholdMinor: minor(threshold) } };
    }
  }
}

/**
 * A console's liquidity control (DESIGN 4.1) for the token's participant, or a reorder of one
 * of its queued payments. Always for the token's participant: the payload names no one but
 * counterparties of limits. The engine decides (refusal reasons: NOT_FOUND,
 * NOT_REPRIORITISABLE, UNKNOWN_PARTICIPANT, SAME_PARTICIPANT, INVALID_AMOUNT); a refusal changes
 * nothing and is a permanent rejection with that code. An applied command is journaled with its
 * device seq (a replayed seq is answered from it, exactly once) and audited.
 */
export function applyLiquidityMutation(context: PushContext, mutation: LiquidityMutation, deviceId: string): { ok: true; result: PushResult } | ({ ok: false } & Refusal) {
  const { engine, batch, participantId } = context;
  const parsed = parse(mutation, participantId);
  if (!parsed.ok) return parsed;
  if (mutation.type === 'payment.reorder' && engine.payment(mutation.id) === undefined) {
    return { ok: false, code: 'NOT_FOUND', message: `${reasonMessage('NOT_FOUND')}: ${mutation.id}` };
  }
  const command = parsed.command;
  const events = engine.apply(command);
  const refused = events.find((e) => e.type === 'refused');
  if (refused) return { ok: false, code: refused.reason, message: reasonMessage(refused.reason) };
  const cmdSeq = batch.nextCmdSeq();
  batch.journal.push({ cmdSeq, command, deviceId, deviceSeq: mutation.seq });
  applyEvents(batch, events, context.businessDate);
  batch.touchedParticipants.add(participantId);
  batch.audit.push({
    at: new Date(context.nowMs).toISOString(),
    actor: `participant:${participantId}`,
    action: AUDIT[mutation.type],
    entity: mutation.type === 'payment.reorder' ? 'payment' : 'participant',
    entityId: mutation.type === 'payment.reorder' ? mutation.id : participantId,
    detail: { payload: mutation.payload as Record<string, unknown>, deviceId, seq: mutation.seq },
  });
  return { ok: true, result: { seq: mutation.seq, id: mutation.id, status: 'accepted' } };
}
