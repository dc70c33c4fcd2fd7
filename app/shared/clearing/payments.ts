import type { ReasonCode } from '../domain/reason-codes';
import type { PaymentPriority } from '../domain/payment';
import { MAX_AMOUNT_MINOR } from '../money/limits';
import type { PayCommand } from './commands';
import { submitNet } from './netting';
import { submitGross } from './rtgs';
import { CHANNEL_DNS, CHANNEL_RTGS, type Channel, type EngineState, PaymentState } from './state';

/** What a pacs.004 return may send back: a settled hvps or beps payment, in reverse, up to what is left. */
function returnBlock(state: EngineState, cmd: PayCommand): { reason?: ReasonCode; channel: Channel } {
  const original = cmd.originalId === undefined ? undefined : state.payments.get(cmd.originalId);
  if (original === undefined) return { reason: 'NOT_RETURNABLE', channel: CHANNEL_RTGS };
  const returnable =
    original.status === 'settled' &&
    (original.kind === 'hvps' || original.kind === 'beps') &&
    original.fromId === cmd.to &&
    original.toId === cmd.from &&
    cmd.amountMinor <= original.amountMinor - original.returnedMinor;
  // A return travels the way its original did: gross for hvps, in a cycle for beps.
  return returnable ? { channel: original.channel } : { reason: 'NOT_RETURNABLE', channel: original.channel };
}

function isPriority(value: unknown): value is PaymentPriority {
  return value === 0 || value === 1 || value === 2;
}

/** First rule the payment breaks, in the order a clerk would want to hear about them. */
function rejection(state: EngineState, cmd: PayCommand, known: boolean, priority: number): ReasonCode | undefined {
  if (!known) return 'UNKNOWN_PARTICIPANT';
  if (cmd.from === cmd.to) return 'SAME_PARTICIPANT';
  const amountMinor = cmd.amountMinor;
  if (typeof amountMinor !== 'bigint' || amountMinor <= 0n || amountMinor > MAX_AMOUNT_MINOR) return 'INVALID_AMOUNT';
  if (cmd.currency !== undefined && cmd.currency !== state.currency) return 'WRONG_CURRENCY';
  if (priority !== 2 && !isPriority(priority)) return 'INVALID_PAYLOAD';
  if (cmd.originalId !== undefined && cmd.kind !== 'return') return 'INVALID_PAYLOAD';
  return undefined;
}

function channelOf(kind: string): Channel | undefined {
  if (kind === 'hvps') return CHANNEL_RTGS;
  if (kind === 'beps' || kind === 'bill') return CHANNEL_DNS;
  return undefined;
}

export function pay(state: EngineState, cmd: PayCommand): void {
  // A payment id is processed once: a second one is refused and the first stays as it was.
  let slot = state.payments.locate(cmd.id);
  if (state.payments.at(slot) !== undefined) {
    state.out.push({ type: 'rejected', paymentId: cmd.id, reason: 'DUPLICATE_ID' });
    return;
  }
  const from = state.participantById.get(cmd.from);
  const to = state.participantById.get(cmd.to);
  const priority = cmd.priority ?? 2;
  let reason = rejection(state, cmd, from !== undefined && to !== undefined, priority);
  let channel = channelOf(cmd.kind);
  if (reason === undefined && cmd.kind === 'return') {
    const check = returnBlock(state, cmd);
    reason = check.reason;
    channel = check.channel;
  }
  if (channel === undefined) {
    channel = CHANNEL_RTGS;
    reason ??= 'INVALID_PAYLOAD';
  }
  const seq = state.nextSeq;
  state.nextSeq = seq + 1;
  const p = new PaymentState(
    cmd.id,
    cmd.kind,
    channel,
    from ?? null,
    to ?? null,
    cmd.from,
    cmd.to,
    cmd.amountMinor,
    isPriority(priority) ? priority : 2,
    seq,
    cmd.originalId,
  );
  // Looking up a return's original used the index since: find this id's slot again.
  if (cmd.kind === 'return') slot = state.payments.locate(cmd.id);
  state.payments.insertAt(slot, p);
  if (reason !== undefined) {
    p.status = 'rejected';
    p.reason = reason;
    state.out.push({ type: 'rejected', paymentId: cmd.id, reason });
    return;
  }
  if (cmd.kind === 'return') {
    const original = state.payments.get(cmd.originalId as string) as PaymentState;
    original.returnedMinor += cmd.amountMinor;
  }
  if (channel === CHANNEL_RTGS) submitGross(state, p);
  else submitNet(state, p);
}
