import type { MessageThread, ThreadEntry } from '../../shared/contract/message-protocol';
import { CENTRE_PARTY, stopThreadId } from '../../shared/contract/message-protocol';
import { reasonMessage } from '../../shared/domain/reason-codes';
import type { StopCommand, ReleaseCommand } from '../../shared/clearing/commands';
import type { BatchEffects } from '../engine/batch-effects';
import type { ClearingEngine } from '../engine/clearing-engine-port';
import { applyEvents } from '../engine/apply-events';
import { paymentSummary, publishThread, threadOf } from './thread-lookup';

export interface StopRequest {
  paymentId: string;
  release: boolean;
  reason: string;
  /** The bank's participant id, or undefined for the clearing centre. */
  by: string | undefined;
  deviceId?: string;
  deviceSeq?: number;
  /** Who the audit log names for the centre (`admin`, or `centre:<username>` for a centre operator). */
  actor?: string;
  /** The centre operator's username, kept in the thread entry (the centre only). */
  operator?: string;
}

interface StopContext {
  engine: ClearingEngine;
  batch: BatchEffects;
  businessDate: string;
  nowMs: number;
}


/**
 * 止付 / 解除止付 through the engine (a journaled command, with the device seq when a bank's
 * console asked), audited with the reason, and told to the sending bank as the payment's stop
 * thread. The engine decides who may: a bank only its own outgoing payments, and only the one
 * who stopped it releases it (the centre any).
 */
export function recordStop(context: StopContext, committed: ReadonlyMap<string, MessageThread>, request: StopRequest): { ok: true } | { ok: false; code: string; message: string } {
  const { engine, batch } = context;
  const before = paymentSummary(engine, request.paymentId);
  const command: StopCommand | ReleaseCommand = { type: request.release ? 'release' : 'stop', paymentId: request.paymentId, ...(request.by === undefined ? {} : { by: request.by }) };
  const events = engine.apply(command);
  const refused = events.find((e) => e.type === 'refused');
  if (refused !== undefined || before === undefined) {
    const code = refused?.reason ?? 'NOT_FOUND';
    const byOther = before !== undefined && request.by !== undefined && before.from !== request.by;
    return { ok: false, code, message: byOther ? 'only the sending bank may stop or release its payment' : `${reasonMessage(code)}: ${request.paymentId}` };
  }
  const cmdSeq = batch.nextCmdSeq();
  batch.journal.push({ cmdSeq, command, ...(request.deviceId === undefined ? {} : { deviceId: request.deviceId, deviceSeq: request.deviceSeq }) });
  applyEvents(batch, events, context.businessDate);
  batch.touchedParticipants.add(before.from).add(before.to);
  const at = new Date(context.nowMs).toISOString();
  const by = request.by ?? CENTRE_PARTY;
  const entry: ThreadEntry = {
    at,
    by,
    action: request.release ? 'release' : 'stop',
    text: request.reason,
    ...(request.by === undefined && request.operator !== undefined ? { operator: request.operator } : {}),
  };
  const id = stopThreadId(request.paymentId);
  const existing = threadOf(batch, committed, id);
  const payment = paymentSummary(engine, request.paymentId) ?? before;
  const thread: MessageThread = existing
    ? { ...existing, from: by, state: request.release ? 'released' : 'stopped', payment, entries: [...existing.entries, entry] }
    : { id, kind: 'stop', paymentId: request.paymentId, from: by, to: before.from, state: 'stopped', businessDate: context.businessDate, payment, entries: [entry] };
  publishThread(batch, thread);
  batch.audit.push({
    at,
    actor: request.by === undefined ? (request.actor ?? CENTRE_PARTY) : `participant:${request.by}`,
    action: request.release ? 'payment.released' : 'payment.stopped',
    entity: 'payment',
    entityId: request.paymentId,
    detail: { reason: request.reason, ...(request.deviceId === undefined ? {} : { deviceId: request.deviceId, seq: request.deviceSeq }) },
  });
  return { ok: true };
}
