import type { PushRequest, PushResult } from '../../shared/contract/sync-protocol';
import { paymentPayloadSchema, type PaymentPayload } from '../../shared/domain/payment';
import { reasonMessage } from '../../shared/domain/reason-codes';
import { tryParseAmount } from '../../shared/money/parse';
import { fastCheckPaymentPayload } from '../../shared/domain/payment-fast-check';
import type { PayCommand } from '../../shared/clearing/commands';
import type { PushContext } from './push-context';
import { MAX_VALUE_DAYS, minuteOf } from '../../shared/clearing/clock';
import { EMPTY_WORKING_CALENDAR, isBusinessDate, nextWorkingDay, type WorkingCalendar } from '../../shared/domain/calendar';
import { applyEvents } from './apply-events';
import { applyPaymentAction } from './push-actions';
import { applyLiquidityMutation } from './push-liquidity';
import { applyMessageMutation } from '../messages/push-messages';
import { isMessageMutationType as isMessageType } from '../../shared/contract/sync-protocol';

/** Fields that would name a sender; the sender is the token's participant, so they are refused. */
const SENDER_FIELDS = ['from', 'sender', 'senderId', 'participant', 'participantId'] as const;

/**
 * A payload's value date as business days ahead on the house calendar (the engine's
 * `valueDay`), or undefined when it is before today, not a working day, or more than
 * MAX_VALUE_DAYS ahead (DESIGN 4.1: refused VALUE_DATE).
 */
export function valueDayOf(businessDate: string, valueDate: string, calendar: WorkingCalendar): number | undefined {
  if (!isBusinessDate(valueDate) || valueDate < businessDate) return undefined;
  let date = businessDate;
  let days = 0;
  while (date < valueDate && days <= MAX_VALUE_DAYS) {
    date = nextWorkingDay(date, calendar);
    days += 1;
  }
  return date === valueDate && days <= MAX_VALUE_DAYS ? days : undefined;
}

/** A payment without window or value date: one shared answer, no garbage per payment. */
const UNTIMED = Object.freeze({ ok: true as const, timing: Object.freeze({}) });

/** The payload's window and value date as engine fields, or a VALUE_DATE refusal. */
function timingOf(payload: PaymentPayload, context: PushContext): { ok: true; timing: Pick<PayCommand, 'earliestMinute' | 'latestMinute' | 'valueDay'> } | ({ ok: false } & Refusal) {
  if (payload.earliest === undefined && payload.latest === undefined && payload.valueDate === undefined) return UNTIMED;
  const timing: Pick<PayCommand, 'earliestMinute' | 'latestMinute' | 'valueDay'> = {};
  if (payload.earliest !== undefined) timing.earliestMinute = minuteOf(payload.earliest);
  if (payload.latest !== undefined) timing.latestMinute = minuteOf(payload.latest);
  if (payload.valueDate !== undefined) {
    const valueDay = valueDayOf(context.businessDate, payload.valueDate, context.calendar ?? EMPTY_WORKING_CALENDAR);
    if (valueDay === undefined) {
      return { ok: false, code: 'VALUE_DATE', message: `${reasonMessage('VALUE_DATE')}: ${payload.valueDate} is not a working day from ${context.businessDate} to ${MAX_VALUE_DAYS} working days ahead` };
    }
    if (valueDay > 0) timing.valueDay = valueDay;
  }
  return { ok: true, timing };
}


type Refusal = { code: string; message: string };


/** Checks one payment.submit payload; a refusal is a permanent 'rejected' result. */
export function checkPayload(raw: unknown, mutationId: string, participantId: string): { ok: true; payload: PaymentPayload; amountMinor?: bigint } | ({ ok: false } & Refusal) {
  // The common payment in a few property reads; the schema below has the last word otherwise.
  const fast = fastCheckPaymentPayload(raw);
  if (fast !== undefined) {
    const payload = fast.payload;
    if (payload.id === mutationId && payload.kind !== 'return') return { ok: true, payload, amountMinor: fast.amountMinor };
  }
  if (raw !== null && typeof raw === 'object' && !Array.isArray(raw)) {
    for (const field of SENDER_FIELDS) {
      if (field in raw) {
        return {
          ok: false,
          code: 'SENDER_NOT_ALLOWED',
          message: `the sender is the token's participant (${participantId}); the payload may not name one ("${field}")`,
        };
      }
    }
  }
  const parsed = paymentPayloadSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    return { ok: false, code: 'INVALID_PAYLOAD', message: `${where}${issue?.message ?? 'malformed payment'}` };
  }
  if (parsed.data.id !== mutationId) {
    return { ok: false, code: 'INVALID_PAYLOAD', message: `mutation id ${mutationId} differs from payment id ${parsed.data.id}` };
  }
  if (parsed.data.kind === 'return') {
    return { ok: false, code: 'INVALID_PAYLOAD', message: 'returns are raised from a settled payment, not submitted as payments' };
  }
  return { ok: true, payload: parsed.data };
}

function refuseMutation(batch: PushContext['batch'], results: PushResult[], deviceId: string, mutation: { seq: number; id: string }, refusal: Refusal): void {
  batch.rejections.push({ deviceId, seq: mutation.seq, mutationId: mutation.id, ...refusal });
  results.push({ seq: mutation.seq, id: mutation.id, status: 'rejected', ...refusal });
}

/**
 * Applies the new mutations of one push (those after the device's lastSeq) to the engine and
 * records their rows in the batch. Returns one result per mutation, in order.
 */
export function applyNewMutations(context: PushContext, mutations: PushRequest['mutations'], deviceId: string): PushResult[] {
  const { engine, batch, participantId, device } = context;
  const results: PushResult[] = [];
  for (const mutation of mutations) {
    if (mutation.seq !== device.lastSeq + 1) throw new Error(`mutation ${mutation.seq} applied out of order after ${device.lastSeq}`);
    device.lastSeq = mutation.seq;
    if (isMessageType(mutation.type)) {
      if (context.messages === undefined) throw new Error('a push with message mutations came without its message context');
      const outcome = applyMessageMutation(context, context.messages, { ...mutation, type: mutation.type }, deviceId);
      if (outcome.ok) results.push(outcome.result);
      else refuseMutation(batch, results, deviceId, mutation, outcome);
      continue;
    }
    if (mutation.type !== 'payment.submit') {
      const action =
        mutation.type === 'payment.cancel' || mutation.type === 'payment.return' || mutation.type === 'payment.reprioritise'
          ? applyPaymentAction(context, mutation, deviceId)
          : applyLiquidityMutation(context, { ...mutation, type: mutation.type }, deviceId);
      if (action.ok) results.push(action.result);
      else refuseMutation(batch, results, deviceId, mutation, action);
      continue;
    }
    const checked = checkPayload(mutation.payload, mutation.id, participantId);
    if (!checked.ok) {
      refuseMutation(batch, results, deviceId, mutation, checked);
      continue;
    }
    const payload = checked.payload;
    const timed = timingOf(payload, context);
    if (!timed.ok) {
      refuseMutation(batch, results, deviceId, mutation, timed);
      continue;
    }
    // The id is taken: refuse without touching the engine, so the original stays as it was.
    if (batch.newPayments.has(payload.id) || engine.payment(payload.id) !== undefined) {
      refuseMutation(batch, results, deviceId, mutation, { code: 'DUPLICATE_ID', message: reasonMessage('DUPLICATE_ID') });
      continue;
    }
    const admissionRefusal = context.admit?.(payload, participantId);
    if (admissionRefusal !== undefined) {
      refuseMutation(batch, results, deviceId, mutation, { code: admissionRefusal, message: reasonMessage(admissionRefusal) });
      continue;
    }
    let amountMinor = checked.amountMinor;
    if (amountMinor === undefined) {
      const amount = tryParseAmount(payload.amount, payload.currency);
      if (!amount.ok) throw new Error(`payload amount passed the schema but not the parser: ${payload.amount}`);
      amountMinor = amount.amountMinor;
    }
    // A bill is presented by the payee's bank (the submitter) against the paying bank (`to`
    // in the payload names the other bank); everything else is sent by the submitter.
    const isBill = payload.kind === 'bill';
    const fromId = isBill ? payload.to : participantId;
    const toId = isBill ? participantId : payload.to;
    const command: PayCommand = {
      type: 'pay',
      id: payload.id,
      kind: payload.kind,
      from: fromId,
      to: toId,
      amountMinor,
      priority: payload.priority,
      currency: payload.currency,
      ...timed.timing,
    };
    const cmdSeq = batch.nextCmdSeq();
    const details: Record<string, unknown> = { debtor: payload.debtor, creditor: payload.creditor, purpose: payload.purpose };
    if (payload.presentedBy) details.presentedBy = payload.presentedBy;
    // The window travels with the row: recovery rebuilds the pay command from it (recover-engine.ts).
    if (timed.timing.earliestMinute !== undefined) details.earliestMinute = timed.timing.earliestMinute;
    if (timed.timing.latestMinute !== undefined) details.latestMinute = timed.timing.latestMinute;
    if (timed.timing.valueDay !== undefined) details.valueDay = timed.timing.valueDay;
    if (payload.valueDate !== undefined) details.valueDate = payload.valueDate;
    batch.newPayments.set(payload.id, {
      id: payload.id,
      cmdSeq,
      deviceId,
      deviceSeq: mutation.seq,
      submitterId: participantId,
      counterpartyId: payload.to,
      fromId,
      toId,
      kind: payload.kind,
      priority: payload.priority,
      amountMinor,
      currency: payload.currency,
      details,
      businessDate: context.businessDate,
      receivedAtMs: context.nowMs,
      admission: 'accepted',
      status: 'received',
      reason: null,
      changeSeq: batch.nextChangeSeq(),
      cycleId: null,
    });
    const events = engine.apply(command);
    applyEvents(batch, events, context.businessDate);
    const row = batch.newPayments.get(payload.id);
    if (!row) throw new Error(`payment ${payload.id} vanished from the batch`);
    if (row.status === 'rejected') {
      row.admission = 'rejected';
      const code = row.reason ?? 'INVALID_PAYLOAD';
      results.push({ seq: mutation.seq, id: mutation.id, status: 'rejected', code, message: reasonMessage(code) });
    } else {
      results.push({ seq: mutation.seq, id: mutation.id, status: 'accepted' });
    }
  }
  return results;
}
