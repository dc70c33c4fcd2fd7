import type { Db } from '../store/open-database';
import { UserError } from '../user-error';

/**
 * A payment's timing (DESIGN 4.1): earliest / latest settlement time and value date, in the
 * payments columns sync migration 0017 adds. Only a console linked to a house has them, since
 * only the house acts on them; capture refuses timing on a console without the link.
 */
export interface StoredTiming {
  earliest?: string;
  latest?: string;
  valueDate?: string;
}

interface TimingRow { earliest_time: string | null; latest_time: string | null; value_date: string | null }

export function hasTimingColumns(db: Db): boolean {
  return db.prepare("SELECT 1 FROM pragma_table_info('payments') WHERE name = 'earliest_time'").pluck().get() !== undefined;
}

export function isTimed(timing: StoredTiming): boolean {
  return timing.earliest !== undefined || timing.latest !== undefined || timing.valueDate !== undefined;
}

/** Writes a new draft's timing, in the capture's transaction. */
export function writePaymentTiming(db: Db, id: string, timing: StoredTiming): void {
  if (!isTimed(timing)) return;
  if (!hasTimingColumns(db)) {
    throw new UserError(
      'payments.timing_needs_house',
      'Settlement times and value dates need the link to the clearing house; this console has none.',
      '指定清算时间和起息日须连接清算中心，本机未配置清算中心连接。',
    );
  }
  db.prepare('UPDATE payments SET earliest_time = ?, latest_time = ?, value_date = ? WHERE id = ?').run(
    timing.earliest ?? null,
    timing.latest ?? null,
    timing.valueDate ?? null,
    id,
  );
}

/** A payment's timing; none on a console without the columns. */
export function paymentTimingOf(db: Db, id: string): StoredTiming {
  if (!hasTimingColumns(db)) return {};
  const row = db.prepare<[string], TimingRow>('SELECT earliest_time, latest_time, value_date FROM payments WHERE id = ?').get(id);
  if (row === undefined) return {};
  return {
    ...(row.earliest_time !== null ? { earliest: row.earliest_time } : {}),
    ...(row.latest_time !== null ? { latest: row.latest_time } : {}),
    ...(row.value_date !== null ? { valueDate: row.value_date } : {}),
  };
}
