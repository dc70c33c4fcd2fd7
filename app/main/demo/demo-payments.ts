import type { Db } from '../store/open-database';
import type { PaymentStatus } from '../../shared/domain/payment';
import { addDays, isWorkingDay } from '../../shared/domain/calendar';
import { localPaymentId } from '../payments/payment-commands';
import { WRITTEN_COLUMNS } from '../payments/payment-record';
import { PURPOSES, accountNumber, billNumber, companyName, personName, pick, seededRandom, type Random } from './demo-names';

/** Rows per insert transaction: large enough to amortise the commit, small enough to keep memory flat. */
export const INSERT_BATCH_ROWS = 20_000;
/** Working days of history behind the business date. */
export const HISTORY_WORKING_DAYS = 160;
/** Payments dated today (the rest spread over the history). */
export const TODAY_SHARE = 0.002;

export interface DemoPaymentOptions {
  count: number;
  selfId: string;
  /** This console's device id, part of every locally made payment id. */
  deviceId: string;
  participantIds: readonly string[];
  businessDate: string;
  /** Only payments before this instant are made (today's are spread up to it). */
  now: Date;
  seed?: number;
  clerks?: readonly string[];
  supervisors?: readonly string[];
}

type Kind = 'hvps' | 'beps' | 'bill';

// Statements for the bulk load, positional for speed; the columns are the one list every writer uses.
const INSERT_SQL = `INSERT INTO payments (${WRITTEN_COLUMNS.join(', ')})
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'CNY', ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?)`;

function workingDaysBefore(date: string, count: number): string[] {
  const days: string[] = [];
  let d = date;
  while (days.length < count) {
    d = addDays(d, -1);
    if (isWorkingDay(d)) days.push(d);
  }
  return days.reverse();
}

/** An amount in fen, log-uniform between 10^loYuanExp and 10^hiYuanExp yuan; integers only. */
function amountFen(random: Random, loYuanExp: number, hiYuanExp: number): bigint {
  const yuan = Math.max(1, Math.floor(10 ** (loYuanExp + random() * (hiYuanExp - loYuanExp))));
  const roundTo = random() < 0.3 ? 1000 : random() < 0.5 ? 100 : 1;
  const rounded = Math.max(roundTo, Math.floor(yuan / roundTo) * roundTo);
  const fen = roundTo === 1 ? Math.floor(random() * 100) : 0;
  return BigInt(rounded) * 100n + BigInt(fen);
}

function historicStatus(random: Random, kind: Kind, direction: 'out' | 'in'): { status: PaymentStatus; reason: string | null } {
  const r = random();
  if (r < 0.93) return { status: 'settled', reason: null };
  if (r < 0.955) return { status: 'rejected', reason: pick(random, ['INSUFFICIENT_FUNDS', 'NET_DEBIT_CAP', 'RISK_REJECTED', 'INVALID_PAYLOAD']) };
  if (r < 0.97 && direction === 'out') return { status: 'cancelled', reason: null };
  if (r < 0.985 && kind === 'bill') return { status: 'returned', reason: null };
  if (r < 0.99) return { status: 'expired', reason: 'END_OF_DAY' };
  return { status: 'settled', reason: null };
}

/**
 * Today's statuses, only ones the house could have produced for this bank: no outgoing payment
 * is 'queued', since the house queues an RTGS payment only when it exceeds the sender's available
 * balance, and every demo amount (at most ~¥50M) is far inside the demo's ¥500M opening balance.
 */
function todayStatus(random: Random, kind: Kind, direction: 'out' | 'in'): { status: PaymentStatus; reason: string | null } {
  const r = random();
  if (direction === 'in') return { status: r < 0.5 ? 'received' : kind === 'hvps' ? 'settled' : 'netted', reason: null };
  if (r < 0.25) return { status: 'draft', reason: null };
  if (r < 0.4) return { status: 'verified', reason: null };
  if (r < 0.7 && kind !== 'hvps') return { status: 'netted', reason: null };
  return { status: 'settled', reason: null };
}

/** The house answers a few minutes after capture (never later than now): deterministic, so the seeded sequence is unchanged. */
function houseAnswerAt(createdMs: number, offsetMs: number, nowMs: number): string {
  return new Date(Math.min(nowMs, createdMs + 60_000 + (offsetMs % 540_000))).toISOString();
}

/**
 * Writes `count` payments of history in batches (one transaction each). Outgoing ids use the
 * console's own id scheme; returns the next free local payment number.
 */
export function insertDemoPayments(db: Db, options: DemoPaymentOptions): number {
  const random = seededRandom(options.seed ?? 20_260_101);
  const clerks = options.clerks ?? ['clerk1', 'clerk2'];
  const supervisors = options.supervisors ?? ['super1', 'super2'];
  const others = options.participantIds.filter((p) => p !== options.selfId);
  const days = workingDaysBefore(options.businessDate, HISTORY_WORKING_DAYS);
  const todayCount = Math.max(Math.min(options.count, 30), Math.floor(options.count * TODAY_SHARE));
  const perDay = (options.count - todayCount) / days.length;
  const insert = db.prepare(INSERT_SQL);
  // Business hours 08:30-17:00 Beijing time (UTC+8) = 00:30-09:00 UTC.
  const openMs = 30 * 60_000;
  const closeMs = 9 * 3_600_000;
  // Today's payments fall in the six hours before `now`, so none is dated in the future.
  const todaySpanMs = 6 * 3_600_000;

  let localSeq = 1;
  let inboundSeq = 1;
  let made = 0;
  let batch: unknown[][] = [];
  const flush = () => {
    const rows = batch;
    batch = [];
    db.transaction(() => {
      for (const row of rows) insert.run(...row);
    })();
  };

  const dayPlans = days.map((day, i) => [day, Math.round(perDay * (i + 1)) - Math.round(perDay * i)] as const);
  dayPlans.push([options.businessDate, todayCount]);
  for (const [day, n] of dayPlans) {
    const today = day === options.businessDate;
    const start = today ? options.now.getTime() - todaySpanMs : Date.parse(`${day}T00:00:00Z`) + openMs;
    const span = today ? todaySpanMs : closeMs - openMs;
    // Times within the day in order, so seq follows time as it would in a real store.
    const offsets = Array.from({ length: n }, () => Math.floor(random() * span)).sort((a, b) => a - b);
    for (const offset of offsets) {
      if (made >= options.count) break;
      const kindRoll = random();
      const kind: Kind = kindRoll < 0.3 ? 'hvps' : kindRoll < 0.9 ? 'beps' : 'bill';
      const direction = random() < 0.55 ? 'out' : 'in';
      const other = pick(random, others);
      const { status, reason } = today ? todayStatus(random, kind, direction) : historicStatus(random, kind, direction);
      const corporateDebtor = random() < 0.7;
      const corporateCreditor = random() < 0.6;
      const debtorName = corporateDebtor ? companyName(random) : personName(random);
      const creditorName = corporateCreditor ? companyName(random) : personName(random);
      const amount = kind === 'beps' ? amountFen(random, 1, 4.69) : kind === 'hvps' ? amountFen(random, 3, 7.7) : amountFen(random, 2.7, 6.3);
      const priority = kind === 'hvps' ? (random() < 0.05 ? 0 : random() < 0.2 ? 1 : 2) : 2;
      const createdAt = new Date(start + offset).toISOString();
      const untouchedByHouse = status === 'draft' || status === 'verified';
      const settledLater = untouchedByHouse
        ? createdAt
        : today
          ? houseAnswerAt(start + offset, offset, options.now.getTime())
          : new Date(start + offset + Math.floor(random() * 600_000)).toISOString();
      const compact = day.replaceAll('-', '');
      const id = direction === 'out' ? localPaymentId(options.selfId, options.deviceId, day, localSeq++) : `${other}-${compact}-${String(inboundSeq++).padStart(8, '0')}`;
      const maker = direction === 'out' ? pick(random, clerks) : 'house';
      const checker = direction === 'out' && status !== 'draft' ? pick(random, supervisors) : null;
      const bill = kind === 'bill';
      batch.push([
        id, kind, priority, status, direction,
        // Own rows: from = this bank. Inbound rows as the house sends them: a bill presented
        // against us names us, the paying bank, as `from` (docs/console-backend.md).
        direction === 'out' || bill ? options.selfId : other,
        direction === 'out' || bill ? other : options.selfId,
        amount,
        debtorName, accountNumber(random, corporateDebtor), creditorName, accountNumber(random, corporateCreditor),
        pick(random, PURPOSES),
        bill ? billNumber(random) : null,
        bill ? addDays(day, -Math.floor(random() * 8)) : null,
        bill ? debtorName : null,
        maker, checker, reason, createdAt, settledLater, day,
      ]);
      made += 1;
      if (batch.length >= INSERT_BATCH_ROWS) flush();
    }
  }
  if (batch.length > 0) flush();
  if (made !== options.count) throw new Error(`demo made ${made} payments, asked for ${options.count}`);
  return localSeq;
}
