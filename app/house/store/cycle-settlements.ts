import type { SqlClient } from './sql-client';

export interface CycleSettlementRow {
  paymentId: string;
  cycleId: string;
  changeSeq: number;
}

/**
 * A cycle's payments become `settled` at the change seqs the writer gave them. Only a row
 * still `netted` moves: a payment whose status the writer has moved on since (a return) keeps
 * the newer status whichever transaction commits first, and a row written once is never
 * written twice.
 */
export async function writeCycleSettlements(tx: SqlClient, rows: readonly CycleSettlementRow[]): Promise<void> {
  await tx.query(
    `UPDATE payments SET status = 'settled', reason = NULL, change_seq = u.change_seq, cycle_id = u.cycle_id
       FROM unnest($1::text[], $2::bigint[], $3::text[]) AS u(id, change_seq, cycle_id)
      WHERE payments.id = u.id AND payments.status = 'netted'`,
    [rows.map((r) => r.paymentId), rows.map((r) => String(r.changeSeq)), rows.map((r) => r.cycleId)],
  );
}
