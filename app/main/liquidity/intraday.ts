import { formatAmount } from '../../shared/money/format';
import type { LiquidityIntraday } from '../../shared/contract/handlers/liquidity';

/** One own payment of the business date, as the console store holds it. */
export interface IntradayPayment {
  direction: 'out' | 'in';
  status: string;
  amountMinor: bigint;
  /** Capture time (ISO, UTC). */
  createdAt: string;
  /** Last status change (ISO, UTC): for a settled payment, when it settled. */
  updatedAt: string;
}

export interface IntradayInputs {
  businessDate: string;
  payments: readonly IntradayPayment[];
  /** From the last account the house sent; null when never synced. */
  balanceMinor: bigint | null;
  creditLineMinor: bigint | null;
  netDebitMinor: bigint | null;
  /** Urgent + high reservations in force; null when unknown. */
  reservationFloorMinor: bigint | null;
}

/** BCBS 248 throughput window, business clock UTC+8: buckets 08-09 ... 17-18. */
export const THROUGHPUT_FIRST_HOUR = 8;
export const THROUGHPUT_LAST_HOUR = 18;
const UTC8_MS = 8 * 3_600_000;

/** Hour of the day on the business clock (UTC+8), 0-23. */
export function hourUtc8(iso: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`intraday: bad timestamp ${iso}`);
  return new Date(ms + UTC8_MS).getUTCHours();
}

const cny = (minor: bigint) => formatAmount(minor, 'CNY');
/** Share in basis points (10000 = 100%), integer arithmetic: shares are ratios of bigints. */
const bp = (part: bigint, whole: bigint) => (whole === 0n ? 0 : Number((part * 10_000n) / whole));

/**
 * The intraday picture of the bank's own settlement account (BCBS 248 monitors), from its own
 * payments of the day. Only `settled` payments move the balance, at their settlement time
 * (`updatedAt`). The opening balance is worked back from the last balance the house sent:
 * balance now minus today's net settled flow. Without a synced account the curve is the
 * cumulative net flow alone (balances null).
 */
export function computeIntraday(inputs: IntradayInputs): LiquidityIntraday {
  const settled = inputs.payments
    .filter((p) => p.status === 'settled')
    .map((p) => ({ ...p, atMs: Date.parse(p.updatedAt) }))
    .sort((a, b) => a.atMs - b.atMs);
  let sentMinor = 0n;
  let receivedMinor = 0n;
  let sentCount = 0;
  let receivedCount = 0;
  for (const p of settled) {
    if (p.direction === 'out') {
      sentMinor += p.amountMinor;
      sentCount += 1;
    } else {
      receivedMinor += p.amountMinor;
      receivedCount += 1;
    }
  }
  const netMinor = receivedMinor - sentMinor;
  const openingMinor = inputs.balanceMinor === null ? null : inputs.balanceMinor - netMinor;
  // Available = balance + credit line - net debit, with today's net debit (the only one known).
  const headroom = inputs.creditLineMinor === null || inputs.netDebitMinor === null ? null : inputs.creditLineMinor - inputs.netDebitMinor;
  const point = (at: string | null, flowMinor: bigint) => {
    const balance = openingMinor === null ? null : openingMinor + flowMinor;
    return {
      at,
      netFlow: cny(flowMinor),
      balance: balance === null ? null : cny(balance),
      available: balance === null || headroom === null ? null : cny(balance + headroom),
    };
  };

  const curve = [point(null, 0n)];
  let flow = 0n;
  let lowest = 0n;
  let lowestAt: string | null = null;
  for (const p of settled) {
    flow += p.direction === 'in' ? p.amountMinor : -p.amountMinor;
    curve.push(point(p.updatedAt, flow));
    if (flow < lowest) {
      lowest = flow;
      lowestAt = p.updatedAt;
    }
  }

  // Throughput: sent value settled in each business hour; before 08:00 counts in the first
  // bucket, after 18:00 in none (the cumulative share then stays below 100%, as it should).
  const hours: number[] = [];
  for (let h = THROUGHPUT_FIRST_HOUR; h < THROUGHPUT_LAST_HOUR; h += 1) hours.push(h);
  const perHour = new Map<number, bigint>();
  for (const p of settled) {
    if (p.direction !== 'out') continue;
    const h = hourUtc8(p.updatedAt);
    if (h >= THROUGHPUT_LAST_HOUR) continue;
    const bucket = Math.max(h, THROUGHPUT_FIRST_HOUR);
    perHour.set(bucket, (perHour.get(bucket) ?? 0n) + p.amountMinor);
  }
  let cumulative = 0n;
  const throughput = hours.map((hour) => {
    const inHour = perHour.get(hour) ?? 0n;
    cumulative += inHour;
    return { hour, sentValue: cny(inHour), shareBp: bp(inHour, sentMinor), cumulativeShareBp: bp(cumulative, sentMinor) };
  });

  // Queue: own payments still queued at the house, by hour of capture.
  const queuedByHour = new Map<number, { count: number; valueMinor: bigint }>();
  for (const p of inputs.payments) {
    if (p.status !== 'queued' || p.direction !== 'out') continue;
    const h = hourUtc8(p.createdAt);
    const cell = queuedByHour.get(h) ?? { count: 0, valueMinor: 0n };
    cell.count += 1;
    cell.valueMinor += p.amountMinor;
    queuedByHour.set(h, cell);
  }
  const queue = [...queuedByHour.entries()].sort(([a], [b]) => a - b).map(([hour, c]) => ({ hour, count: c.count, value: cny(c.valueMinor) }));

  return {
    businessDate: inputs.businessDate,
    openingBalance: openingMinor === null ? null : cny(openingMinor),
    reservationFloor: inputs.reservationFloorMinor === null ? null : cny(inputs.reservationFloorMinor),
    curve,
    monitors: {
      largestUsage: cny(-lowest),
      largestUsageAt: lowestAt,
      sentValue: cny(sentMinor),
      sentCount,
      receivedValue: cny(receivedMinor),
      receivedCount,
    },
    throughput,
    queue,
    queueDay: [],
  };
}
