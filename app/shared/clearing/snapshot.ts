import { z } from 'zod';
import { PAYMENT_KINDS, type PaymentPriority } from '../domain/payment';
import { REASON_CODES, type ReasonCode } from '../domain/reason-codes';
import { CURRENCY_CODES, type CurrencyCode } from '../money/currency';
import { checkInvariants } from './invariants';
import { MINUTES_PER_DAY, schedule } from './clock';
import { recomputeNetDebit, refreshControls } from './positions';
import { queuedBefore } from './rtgs-queue';
import { CHANNEL_DNS, CHANNEL_RTGS, EngineState, NO_CYCLE, ParticipantState, UNKNOWN_PARTY_INDEX } from './state';
import { QUEUED, SCHEDULED, SETTLED, STATUS_CODE } from './payment-table';

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
    /** 1: before the liquidity controls (DESIGN 4.1); read with them all absent. */
    version: z.union([z.literal(1), z.literal(2)]),
    clockMinute: z.number().int().min(0).max(MINUTES_PER_DAY - 1).optional(),
    nextOrder: z.number().int().optional(),
    currency: z.enum(CURRENCY_CODES as [CurrencyCode, ...CurrencyCode[]]),
    businessDate: z.string(),
    openCycleId: z.number().int().positive(),
    totalMoneyMinor: minor,
    participants: z.array(
      z
        .object({
          id: z.string(),
          balanceMinor: minor,
          netDebitCapMinor: minor,
          cycleNetMinor: minor,
          cycleBillCreditMinor: minor,
          openingBalanceMinor: minor,
          liquidityInMinor: minor,
          liquidityOutMinor: minor,
          creditLineMinor: minor.optional(),
          reserveUrgentMinor: minor.optional(),
          reserveHighMinor: minor.optional(),
          bilateralLimits: z.array(z.object({ counterparty: z.string(), limitMinor: minor }).strict()).optional(),
          multilateralLimitMinor: minor.optional(),
          warningThresholdMinor: minor.optional(),
          warned: z.boolean().optional(),
        })
        .strict(),
    ),
    /** In arrival order. */
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
          status: z.enum(['queued', 'settled', 'netted', 'rejected', 'cancelled', 'returned', 'expired', 'scheduled']),
          reason: reason.optional(),
          cycleId: z.number().int().positive().optional(),
          originalId: z.string().optional(),
          returnedMinor: minor.optional(),
          /** Queue order key (queued payments): arrival, moved by timed entry and reorder. */
          order: z.number().optional(),
          earliestMinute: z.number().int().min(0).max(MINUTES_PER_DAY - 1).optional(),
          latestMinute: z.number().int().min(0).max(MINUTES_PER_DAY - 1).optional(),
          /** Timed or warehoused: index in `days` of the day it enters (may be a day not yet open). */
          enterDayIndex: z.number().int().nonnegative().optional(),
          /** 止付: who stopped it (a participant id, or the centre's marker); it waits in no queue. */
          stoppedBy: z.string().optional(),
        })
        .strict(),
    ),
    cyclePaymentIds: z.array(z.string()),
    /** First row of each business day, oldest first; the last is today. */
    days: z.array(z.object({ businessDate: z.string(), firstRow: z.number().int().nonnegative() }).strict()).min(1),
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
  const t = state.payments;
  const payments: PaymentSnapshot[] = [];
  for (let r = 0; r < t.count; r += 1) {
    const unknown = t.unknownParties.get(r);
    const row: PaymentSnapshot = {
      id: t.id[r] as string,
      kind: t.kindOf(r),
      channel: t.channel[r] === CHANNEL_RTGS ? 'rtgs' : 'dns',
      from: unknown?.from ?? state.fromOf(r).id,
      to: unknown?.to ?? state.toOf(r).id,
      amountMinor: t.amountOf(r).toString(),
      priority: t.priority[r] as PaymentPriority,
      status: t.statusOf(r),
    };
    const reason = t.reasonOf(r);
    const originalId = t.originalId.get(r);
    if (reason !== undefined) row.reason = reason;
    if (t.cycleId[r] !== NO_CYCLE) row.cycleId = t.cycleId[r] as number;
    if (originalId !== undefined) row.originalId = originalId;
    if (t.returned(r) !== 0n) row.returnedMinor = t.returned(r).toString();
    if (t.status[r] === QUEUED) row.order = t.order[r] as number;
    const stoppedBy = t.stoppedBy.get(r);
    if (stoppedBy !== undefined) row.stoppedBy = stoppedBy;
    const timing = t.timing.get(r);
    if (timing !== undefined) {
      row.enterDayIndex = timing.enterDayIndex;
      if (timing.earliestMinute !== undefined) row.earliestMinute = timing.earliestMinute;
      if (timing.latestMinute !== undefined) row.latestMinute = timing.latestMinute;
    }
    payments.push(row);
  }
  return {
    version: 2,
    clockMinute: state.clockMinute,
    nextOrder: t.nextOrder,
    currency: state.currency,
    businessDate: state.businessDate,
    openCycleId: state.openCycleId,
    totalMoneyMinor: state.totalMoneyMinor.toString(),
    participants: state.participants.map((p) => ({
      id: p.id,
      balanceMinor: p.balanceMinor.toString(),
      netDebitCapMinor: p.netDebitCapMinor.toString(),
      cycleNetMinor: p.cycleNetMinor.toString(),
      cycleBillCreditMinor: p.cycleBillCreditMinor.toString(),
      openingBalanceMinor: p.openingBalanceMinor.toString(),
      liquidityInMinor: p.liquidityInMinor.toString(),
      liquidityOutMinor: p.liquidityOutMinor.toString(),
      ...controlsOf(state, p),
    })),
    payments,
    cyclePaymentIds: state.cyclePayments.map((r) => t.id[r] as string),
    days: state.days.map((d) => ({ businessDate: d.businessDate, firstRow: d.firstRow })),
    closedCycles: state.closedCycles.map((c) => ({
      id: c.id,
      businessDate: c.businessDate,
      paymentCount: c.paymentCount,
      net: c.net.map((n) => ({ participantId: n.participantId, netMinor: n.netMinor.toString(), balanceMinor: n.balanceMinor.toString() })),
      bilateral: c.bilateral.map((b) => ({ payer: b.payer, payee: b.payee, amountMinor: b.amountMinor.toString() })),
    })),
  };
}

function controlsOf(state: EngineState, p: ParticipantState): Partial<EngineSnapshot['participants'][number]> {
  const out: Partial<EngineSnapshot['participants'][number]> = {};
  if (p.creditLineMinor !== 0n) out.creditLineMinor = p.creditLineMinor.toString();
  if (p.reserveUrgentMinor !== 0n) out.reserveUrgentMinor = p.reserveUrgentMinor.toString();
  if (p.reserveHighMinor !== 0n) out.reserveHighMinor = p.reserveHighMinor.toString();
  if (p.bilateralLimits !== undefined) {
    out.bilateralLimits = [...p.bilateralLimits].map(([index, limitMinor]) => ({ counterparty: (state.participants[index] as ParticipantState).id, limitMinor: limitMinor.toString() }));
  }
  if (p.multilateralLimitMinor !== undefined) out.multilateralLimitMinor = p.multilateralLimitMinor.toString();
  if (p.warningThresholdMinor !== undefined) out.warningThresholdMinor = p.warningThresholdMinor.toString();
  if (p.warned) out.warned = true;
  return out;
}

/** Rebuilds the state from a snapshot; throws (ZodError or InvariantError) if it does not hold together. */
export function stateFromSnapshot(input: unknown): EngineState {
  const snap = engineSnapshotSchema.parse(input);
  const state = new EngineState(snap.currency, snap.businessDate);
  state.openCycleId = snap.openCycleId;
  state.totalMoneyMinor = BigInt(snap.totalMoneyMinor);
  for (const row of snap.participants) {
    const p = new ParticipantState(row.id, state.participants.length, BigInt(row.balanceMinor), BigInt(row.netDebitCapMinor));
    p.cycleNetMinor = BigInt(row.cycleNetMinor);
    p.cycleBillCreditMinor = BigInt(row.cycleBillCreditMinor);
    p.openingBalanceMinor = BigInt(row.openingBalanceMinor);
    p.liquidityInMinor = BigInt(row.liquidityInMinor);
    p.liquidityOutMinor = BigInt(row.liquidityOutMinor);
    p.creditLineMinor = BigInt(row.creditLineMinor ?? '0');
    p.reserveUrgentMinor = BigInt(row.reserveUrgentMinor ?? '0');
    p.reserveHighMinor = BigInt(row.reserveHighMinor ?? '0');
    if (row.multilateralLimitMinor !== undefined) p.multilateralLimitMinor = BigInt(row.multilateralLimitMinor);
    if (row.warningThresholdMinor !== undefined) p.warningThresholdMinor = BigInt(row.warningThresholdMinor);
    p.warned = row.warned ?? false;
    recomputeNetDebit(p);
    if (state.participantById.has(p.id)) throw new Error(`snapshot lists participant ${p.id} twice`);
    state.participants.push(p);
    state.participantById.set(p.id, p);
  }
  // Limits name counterparties, so they are read once every participant is known.
  snap.participants.forEach((row, index) => {
    const p = state.participants[index] as ParticipantState;
    if (row.bilateralLimits !== undefined && row.bilateralLimits.length > 0) {
      p.bilateralLimits = new Map();
      for (const limit of row.bilateralLimits) {
        const counterparty = state.participantById.get(limit.counterparty);
        if (counterparty === undefined || counterparty === p) throw new Error(`snapshot limit of ${p.id} names ${limit.counterparty}`);
        p.bilateralLimits.set(counterparty.index, BigInt(limit.limitMinor));
      }
    }
    refreshControls(p);
  });
  state.clockMinute = snap.clockMinute ?? 0;
  const t = state.payments;
  const rtgsQueued: number[] = [];
  for (const pay of snap.payments) {
    const from = state.participantById.get(pay.from);
    const to = state.participantById.get(pay.to);
    if (pay.status !== 'rejected' && (from === undefined || to === undefined)) throw new Error(`snapshot payment ${pay.id} names an unknown participant`);
    if (state.paymentIndex.find(pay.id) >= 0) throw new Error(`snapshot lists payment ${pay.id} twice`);
    const channel = pay.channel === 'rtgs' ? CHANNEL_RTGS : CHANNEL_DNS;
    const r = t.add(pay.id, pay.kind, channel, from?.index ?? UNKNOWN_PARTY_INDEX, to?.index ?? UNKNOWN_PARTY_INDEX, BigInt(pay.amountMinor), pay.priority);
    state.paymentIndex.insertLast(r);
    t.status[r] = STATUS_CODE[pay.status];
    t.setReason(r, pay.reason);
    t.cycleId[r] = pay.cycleId ?? NO_CYCLE;
    if (pay.originalId !== undefined) t.originalId.set(r, pay.originalId);
    if (pay.returnedMinor !== undefined) t.returnedMinor.set(r, BigInt(pay.returnedMinor));
    if (pay.order !== undefined) t.order[r] = pay.order;
    if (pay.enterDayIndex !== undefined) {
      t.timing.set(r, {
        enterDayIndex: pay.enterDayIndex,
        ...(pay.earliestMinute === undefined ? {} : { earliestMinute: pay.earliestMinute }),
        ...(pay.latestMinute === undefined ? {} : { latestMinute: pay.latestMinute }),
      });
    }
    if (from === undefined || to === undefined) t.unknownParties.set(r, { from: pay.from, to: pay.to });
    if (pay.stoppedBy !== undefined) {
      if (pay.status !== 'queued' && pay.status !== 'scheduled') throw new Error(`snapshot payment ${pay.id} stopped while ${pay.status}`);
      t.stoppedBy.set(r, pay.stoppedBy);
    } else if (pay.status === 'queued' && channel === CHANNEL_RTGS) rtgsQueued.push(r);
    else if (pay.status === 'queued' && channel === CHANNEL_DNS) (from as ParticipantState).dns.push(r);
  }
  // Queues: priority, then arrival; receiver lists: arrival (rtgsQueued is in arrival order).
  const inQueueOrder = rtgsQueued.slice().sort((a, b) => (queuedBefore(state, a, b) ? -1 : 1));
  for (const r of inQueueOrder) state.fromOf(r).rtgs[t.priority[r] as number]?.push(r);
  for (const r of rtgsQueued) {
    const from = state.fromOf(r);
    from.rtgsCount += 1;
    const receiver = t.to[r] as number;
    const list = from.rtgsByReceiver.get(receiver);
    if (list === undefined) from.rtgsByReceiver.set(receiver, [r]);
    else list.push(r);
  }
  state.days.length = 0;
  for (const d of snap.days) state.days.push({ businessDate: d.businessDate, firstRow: d.firstRow });
  if (state.days.at(-1)?.businessDate !== snap.businessDate) throw new Error('snapshot days do not end with its business date');
  t.nextOrder = Math.max(snap.nextOrder ?? t.count, t.count);
  restoreTimedState(state);
  for (const id of snap.cyclePaymentIds) {
    const r = state.rowOf(id);
    if (r < 0) throw new Error(`snapshot cycle names unknown payment ${id}`);
    state.cyclePayments.push(r);
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
  for (const c of state.closedCycles) {
    if (c.businessDate !== state.businessDate) continue;
    for (const n of c.net) (state.participantById.get(n.participantId) as ParticipantState).dnsSettledTodayMinor += n.netMinor;
  }
  checkInvariants(state);
  return state;
}

/**
 * What follows from the rows rather than being stored: the schedule, the rows with a latest
 * time, the rows carried into today, and today's bilateral positions (every RTGS settlement
 * of today, which is every settled RTGS row that entered today).
 */
function restoreTimedState(state: EngineState): void {
  const t = state.payments;
  const today = state.todayIndex;
  const enteredToday: number[] = [];
  for (const [row, timing] of t.timing) {
    const status = t.status[row];
    if (status === SCHEDULED && !t.stoppedBy.has(row)) state.scheduled.push(row);
    if (timing.latestMinute !== undefined && (status === QUEUED || status === SCHEDULED)) state.timedRows.push(row);
    if (row < state.todayFirstRow && timing.enterDayIndex === today && status !== SCHEDULED) enteredToday.push(row);
  }
  enteredToday.sort((a, b) => (t.order[a] as number) - (t.order[b] as number));
  state.carriedRows.push(...enteredToday);
  state.timedRows.sort((a, b) => a - b);
  const scheduled = state.scheduled.splice(0);
  scheduled.sort((a, b) => a - b);
  for (const row of scheduled) schedule(state, row);
  const rows = state.carriedRows.slice();
  for (let row = state.todayFirstRow; row < t.count; row += 1) rows.push(row);
  for (const row of rows) {
    if (t.status[row] === SETTLED && t.channel[row] === CHANNEL_RTGS) state.pairs.add(t.from[row] as number, t.to[row] as number, t.amount[row] as bigint);
  }
}
