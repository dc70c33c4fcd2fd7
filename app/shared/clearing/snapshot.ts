import { z } from 'zod';
import { PAYMENT_KINDS } from '../domain/payment';
import { REASON_CODES, type ReasonCode } from '../domain/reason-codes';
import { CURRENCY_CODES, type CurrencyCode } from '../money/currency';
import { checkInvariants } from './invariants';
import { recomputeNetDebit } from './positions';
import { queuedBefore } from './rtgs-queue';
import { CHANNEL_DNS, CHANNEL_RTGS, EngineState, PaymentState, ParticipantState } from './state';

/**
 * The engine's whole state as JSON-safe data: bigints as minor-unit integer strings. Queues
 * are not stored: they follow from the queued payments' channel, priority and arrival order,
 * so a restored engine behaves exactly as the one exported.
 */
const minor = z.string().regex(/^-?(0|[1-9][0-9]*)$/, { message: 'minor units as an integer string' });
const reason = z.enum(Object.keys(REASON_CODES) as [ReasonCode, ...ReasonCode[]]);
const net = z.object({ participantId: z.string(), netMinor: minor, balanceMinor: minor }).strict();

export const engineSnapshotSchema = z
  .object({
    version: z.literal(1),
    currency: z.enum(CURRENCY_CODES as [CurrencyCode, ...CurrencyCode[]]),
    businessDate: z.string(),
    nextSeq: z.number().int().positive(),
    openCycleId: z.number().int().positive(),
    totalMoneyMinor: minor,
    participants: z.array(
      z
        .object({
          id: z.string(),
          balanceMinor: minor,
          netDebitCapMinor: minor,
          cycleDebitMinor: minor,
          cycleCreditMinor: minor,
          cycleBillCreditMinor: minor,
          openingBalanceMinor: minor,
          liquidityInMinor: minor,
          liquidityOutMinor: minor,
        })
        .strict(),
    ),
    payments: z.array(
      z
        .object({
          id: z.string(),
          kind: z.enum(PAYMENT_KINDS),
          channel: z.enum(['rtgs', 'dns']),
          from: z.string(),
          to: z.string(),
          amountMinor: minor,
          priority: z.union([z.literal(0), z.literal(1), z.literal(2)]),
          seq: z.number().int().positive(),
          status: z.enum(['queued', 'settled', 'netted', 'rejected', 'cancelled', 'returned', 'expired']),
          reason: reason.optional(),
          cycleId: z.number().int().positive().optional(),
          settledDate: z.string().optional(),
          originalId: z.string().optional(),
          returnedMinor: minor.optional(),
        })
        .strict(),
    ),
    cyclePaymentIds: z.array(z.string()),
    closedCycles: z.array(
      z
        .object({
          id: z.number().int().positive(),
          businessDate: z.string(),
          paymentCount: z.number().int().nonnegative(),
          net: z.array(net),
          bilateral: z.array(z.object({ payer: z.string(), payee: z.string(), amountMinor: minor }).strict()),
        })
        .strict(),
    ),
  })
  .strict();

export type EngineSnapshot = z.infer<typeof engineSnapshotSchema>;
type PaymentSnapshot = EngineSnapshot['payments'][number];

export function snapshotOf(state: EngineState): EngineSnapshot {
  const payments: PaymentSnapshot[] = [];
  for (const p of state.payments.values()) {
    const row: PaymentSnapshot = {
      id: p.id,
      kind: p.kind,
      channel: p.channel === CHANNEL_RTGS ? 'rtgs' : 'dns',
      from: p.fromId,
      to: p.toId,
      amountMinor: p.amountMinor.toString(),
      priority: p.priority,
      seq: p.seq,
      status: p.status,
    };
    if (p.reason !== undefined) row.reason = p.reason;
    if (p.cycleId !== undefined) row.cycleId = p.cycleId;
    if (p.settledDate !== undefined) row.settledDate = p.settledDate;
    if (p.originalId !== undefined) row.originalId = p.originalId;
    if (p.returnedMinor !== 0n) row.returnedMinor = p.returnedMinor.toString();
    payments.push(row);
  }
  return {
    version: 1,
    currency: state.currency,
    businessDate: state.businessDate,
    nextSeq: state.nextSeq,
    openCycleId: state.openCycleId,
    totalMoneyMinor: state.totalMoneyMinor.toString(),
    participants: state.participants.map((p) => ({
      id: p.id,
      balanceMinor: p.balanceMinor.toString(),
      netDebitCapMinor: p.netDebitCapMinor.toString(),
      cycleDebitMinor: p.cycleDebitMinor.toString(),
      cycleCreditMinor: p.cycleCreditMinor.toString(),
      cycleBillCreditMinor: p.cycleBillCreditMinor.toString(),
      openingBalanceMinor: p.openingBalanceMinor.toString(),
      liquidityInMinor: p.liquidityInMinor.toString(),
      liquidityOutMinor: p.liquidityOutMinor.toString(),
    })),
    payments,
    cyclePaymentIds: state.cyclePayments.map((p) => p.id),
    closedCycles: state.closedCycles.map((c) => ({
      id: c.id,
      businessDate: c.businessDate,
      paymentCount: c.paymentCount,
      net: c.net.map((n) => ({ participantId: n.participantId, netMinor: n.netMinor.toString(), balanceMinor: n.balanceMinor.toString() })),
      bilateral: c.bilateral.map((b) => ({ payer: b.payer, payee: b.payee, amountMinor: b.amountMinor.toString() })),
    })),
  };
}

/** Rebuilds the state from a snapshot; throws (ZodError or InvariantError) if it does not hold together. */
export function stateFromSnapshot(input: unknown): EngineState {
  const snap = engineSnapshotSchema.parse(input);
  const state = new EngineState(snap.currency, snap.businessDate);
  state.nextSeq = snap.nextSeq;
  state.openCycleId = snap.openCycleId;
  state.totalMoneyMinor = BigInt(snap.totalMoneyMinor);
  for (const row of snap.participants) {
    const p = new ParticipantState(row.id, state.participants.length, BigInt(row.balanceMinor), BigInt(row.netDebitCapMinor));
    p.cycleDebitMinor = BigInt(row.cycleDebitMinor);
    p.cycleCreditMinor = BigInt(row.cycleCreditMinor);
    p.cycleBillCreditMinor = BigInt(row.cycleBillCreditMinor);
    p.openingBalanceMinor = BigInt(row.openingBalanceMinor);
    p.liquidityInMinor = BigInt(row.liquidityInMinor);
    p.liquidityOutMinor = BigInt(row.liquidityOutMinor);
    recomputeNetDebit(p);
    if (state.participantById.has(p.id)) throw new Error(`snapshot lists participant ${p.id} twice`);
    state.participants.push(p);
    state.participantById.set(p.id, p);
  }
  const rtgsQueued: PaymentState[] = [];
  for (const row of snap.payments) {
    const from = state.participantById.get(row.from) ?? null;
    const to = state.participantById.get(row.to) ?? null;
    const p = new PaymentState(row.id, row.kind, row.channel === 'rtgs' ? CHANNEL_RTGS : CHANNEL_DNS, from, to, row.from, row.to, BigInt(row.amountMinor), row.priority, row.seq, row.originalId);
    p.status = row.status;
    p.reason = row.reason;
    p.cycleId = row.cycleId;
    p.settledDate = row.settledDate;
    p.returnedMinor = row.returnedMinor === undefined ? 0n : BigInt(row.returnedMinor);
    if (state.payments.has(p.id)) throw new Error(`snapshot lists payment ${p.id} twice`);
    state.payments.add(p);
    if (p.status !== 'rejected' && (from === null || to === null)) throw new Error(`snapshot payment ${p.id} names an unknown participant`);
    if (p.status === 'settled' && p.settledDate === snap.businessDate) state.daySettled.push(p);
    if (p.status === 'queued' && p.channel === CHANNEL_RTGS) rtgsQueued.push(p);
    if (p.status === 'queued' && p.channel === CHANNEL_DNS) (from as ParticipantState).dns.push(p);
  }
  rtgsQueued.sort((a, b) => (queuedBefore(a, b) ? -1 : 1));
  // Receiver lists must be in arrival order; queue order within a priority is arrival order too.
  const byArrival = rtgsQueued.slice().sort((a, b) => a.seq - b.seq);
  for (const p of rtgsQueued) (p.from as ParticipantState).rtgs[p.priority]?.push(p);
  for (const p of byArrival) {
    const from = p.from as ParticipantState;
    from.rtgsCount += 1;
    const receiver = (p.to as ParticipantState).index;
    const list = from.rtgsByReceiver.get(receiver);
    if (list === undefined) from.rtgsByReceiver.set(receiver, [p]);
    else list.push(p);
  }
  for (const id of snap.cyclePaymentIds) {
    const p = state.payments.get(id);
    if (p === undefined) throw new Error(`snapshot cycle names unknown payment ${id}`);
    state.cyclePayments.push(p);
  }
  for (const c of snap.closedCycles) {
    state.closedCycles.push({
      id: c.id,
      businessDate: c.businessDate,
      paymentCount: c.paymentCount,
      net: c.net.map((n) => ({ participantId: n.participantId, netMinor: BigInt(n.netMinor), balanceMinor: BigInt(n.balanceMinor) })),
      bilateral: c.bilateral.map((b) => ({ payer: b.payer, payee: b.payee, amountMinor: BigInt(b.amountMinor) })),
    });
  }
  checkInvariants(state);
  return state;
}
