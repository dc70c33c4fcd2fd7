import type { SqlClient } from '../store/sql-client';
import type { ClearingEngine } from './clearing-engine-port';

/**
 * After a rebuild: the payments the engine holds settled whose rows still say `netted` (their
 * cycle closed, the write-back had not reached them; settlement-writeback.ts), in the order
 * they entered the feed. Only the current day and later partitions are read: the end-of-day
 * batch writes every pending settlement before the day closes.
 */
export async function readUnwrittenSettlements(store: SqlClient, engine: ClearingEngine): Promise<Array<{ paymentId: string; cycleId: string }>> {
  const { rows } = await store.query<{ id: string; cycle_id: string | null }>(
    "SELECT id, cycle_id FROM payments WHERE status = 'netted' AND business_date >= $1 ORDER BY change_seq",
    [engine.businessDate()],
  );
  const pending: Array<{ paymentId: string; cycleId: string }> = [];
  for (const row of rows) {
    if (engine.payment(row.id)?.status !== 'settled') continue;
    if (row.cycle_id === null) throw new Error(`payment ${row.id} is netted without a cycle`);
    pending.push({ paymentId: row.id, cycleId: row.cycle_id });
  }
  return pending;
}
