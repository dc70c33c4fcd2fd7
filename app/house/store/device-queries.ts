import type { SqlClient } from './sql-client';
import { toSafeNumber } from './sql-client';
import type { BatchEffects, DeviceRow } from '../engine/batch-effects';
import { reasonMessage } from '../../shared/domain/reason-codes';

export interface OriginalResult {
  status: 'accepted' | 'rejected';
  code?: string;
  message?: string;
}

/**
 * What the house answered the first time for each (device, seq): from this batch if the
 * original is in it, else from the committed payments and rejections.
 */
export async function loadOriginalResults(
  db: SqlClient,
  deviceId: string,
  seqs: readonly number[],
  batch: BatchEffects,
): Promise<Map<number, OriginalResult>> {
  const found = new Map<number, OriginalResult>();
  const wanted = new Set(seqs);
  for (const row of batch.newPayments.values()) {
    if (row.deviceId === deviceId && row.deviceSeq !== null && wanted.has(row.deviceSeq)) {
      found.set(row.deviceSeq, row.admission === 'accepted' ? { status: 'accepted' } : { status: 'rejected', code: row.reason ?? '', message: reasonMessage(row.reason ?? '') });
    }
  }
  for (const j of batch.journal) {
    if (j.deviceId === deviceId && j.deviceSeq !== undefined && wanted.has(j.deviceSeq)) found.set(j.deviceSeq, { status: 'accepted' });
  }
  for (const m of batch.messageRecords) {
    if (m.deviceId === deviceId && wanted.has(m.deviceSeq)) found.set(m.deviceSeq, { status: 'accepted' });
  }
  for (const r of batch.rejections) {
    if (r.deviceId === deviceId && wanted.has(r.seq)) found.set(r.seq, { status: 'rejected', code: r.code, message: r.message });
  }
  const missing = seqs.filter((s) => !found.has(s)).map(String);
  if (missing.length === 0) return found;
  const { rows } = await db.query<{ seq: unknown; admission: string; code: string | null; message: string | null }>(
    `SELECT device_seq AS seq, admission, reason AS code, NULL AS message FROM payments
       WHERE device_id = $1 AND device_seq = ANY($2::bigint[])
     UNION ALL
     SELECT device_seq, 'accepted', NULL, NULL FROM journal
       WHERE device_id = $1 AND device_seq = ANY($2::bigint[])
     UNION ALL
     SELECT device_seq, 'accepted', NULL, NULL FROM message_records
       WHERE device_id = $1 AND device_seq = ANY($2::bigint[])
     UNION ALL
     SELECT seq, 'rejected', code, message FROM mutation_rejections
       WHERE device_id = $1 AND seq = ANY($2::bigint[])`,
    [deviceId, missing],
  );
  for (const row of rows) {
    const seq = toSafeNumber(row.seq);
    if (row.admission === 'accepted') found.set(seq, { status: 'accepted' });
    else {
      const code = row.code ?? 'INVALID_PAYLOAD';
      found.set(seq, { status: 'rejected', code, message: row.message ?? reasonMessage(code) });
    }
  }
  return found;
}

export async function loadDevices(db: SqlClient): Promise<Map<string, DeviceRow>> {
  const { rows } = await db.query<{ device_id: string; participant_id: string; last_seq: unknown }>(
    'SELECT device_id, participant_id, last_seq FROM devices',
  );
  return new Map(rows.map((r) => [r.device_id, { participantId: r.participant_id, lastSeq: toSafeNumber(r.last_seq) }]));
}
