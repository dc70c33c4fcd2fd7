import { preparedOnce, type Db } from '../store/open-database';

/**
 * The house's steps with a payment (accepted, queued, netted in a cycle, settled, returned, ...)
 * as this console learnt them: the push answer and every pulled status, one row per house change
 * (table house_payment_steps, sync migration 0018). The payment's history shows them beside the
 * console's own audited entries.
 */

/** feed_seq of the push answer: before every pulled change of the payment. */
export const PUSH_ANSWER_SEQ = 0;

export interface HouseStepInput {
  paymentId: string;
  /** The change's seq in the house feed (house order), or PUSH_ANSWER_SEQ. */
  feedSeq: number;
  /** A house status, or 'accepted' for the push answer. */
  status: string;
  reason?: string | null;
  cycleId?: string | null;
  /** When the console received it. */
  at: string;
}

export interface HouseStepEntry {
  at: string;
  actor: 'house';
  action: string;
  detail: { status: string; reason?: string; cycleId?: string };
}

// Prepared on first use: the table exists only where the sync link's migrations ran.
const sql = preparedOnce((db) => ({
  insert: db.prepare(
    `INSERT INTO house_payment_steps (payment_id, feed_seq, status, reason, cycle_id, recorded_at)
     VALUES (@paymentId, @feedSeq, @status, @reason, @cycleId, @at) ON CONFLICT DO NOTHING`,
  ),
  latestSeq: db.prepare<[string], number | null>('SELECT max(feed_seq) FROM house_payment_steps WHERE payment_id = ?').pluck(),
  forPayment: db.prepare<[string], { feed_seq: number; status: string; reason: string | null; cycle_id: string | null; recorded_at: string }>(
    'SELECT feed_seq, status, reason, cycle_id, recorded_at FROM house_payment_steps WHERE payment_id = ? ORDER BY feed_seq',
  ),
}));

function hasStepsTable(db: Db): boolean {
  return db.prepare<[], number>("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'house_payment_steps'").pluck().get() === 1;
}

/** Records one house step; false when that change was recorded before (a page pulled again). */
export function recordHouseStep(db: Db, step: HouseStepInput): boolean {
  return sql(db).insert.run({ ...step, reason: step.reason ?? null, cycleId: step.cycleId ?? null }).changes > 0;
}

/** The newest house change recorded for the payment, or null: an older change arriving later must not undo it. */
export function latestHouseSeq(db: Db, paymentId: string): number | null {
  return sql(db).latestSeq.get(paymentId) ?? null;
}

/**
 * The payment's house steps in house order, as the history shows them:
 * - a change that repeats the step before it (the house republished the payment with the same
 *   status, e.g. a new business date) is not a new step, and the push answer followed by the
 *   pulled `received` is one step;
 * - each step's time is when the console knew it, and a step cannot be known later than a step
 *   after it (a change that arrived out of order takes the time of the first later one).
 */
export function houseSteps(db: Db, paymentId: string): HouseStepEntry[] {
  if (!hasStepsTable(db)) return [];
  const rows = sql(db).forPayment.all(paymentId);
  const steps: HouseStepEntry[] = [];
  let previous: string | null = null;
  for (const row of rows) {
    const same = (row.status === 'received' ? 'accepted' : row.status) + '\u0000' + (row.reason ?? '');
    if (same === previous) continue;
    previous = same;
    steps.push({
      at: row.recorded_at,
      actor: 'house',
      action: `house.${row.status}`,
      detail: { status: row.status, ...(row.reason === null ? {} : { reason: row.reason }), ...(row.cycle_id === null ? {} : { cycleId: row.cycle_id }) },
    });
  }
  for (let i = steps.length - 2; i >= 0; i--) {
    const later = steps[i + 1] as HouseStepEntry;
    const step = steps[i] as HouseStepEntry;
    if (later.at < step.at) step.at = later.at;
  }
  return steps;
}

/** The console's entries and the house's steps in time order (the house's after the console's at the same instant). */
export function withHouseSteps<E extends { at: string }>(entries: readonly E[], steps: readonly HouseStepEntry[]): (E | HouseStepEntry)[] {
  const merged: (E | HouseStepEntry)[] = [];
  let i = 0;
  for (const step of steps) {
    while (i < entries.length && (entries[i] as E).at <= step.at) merged.push(entries[i++] as E);
    merged.push(step);
  }
  while (i < entries.length) merged.push(entries[i++] as E);
  return merged;
}
