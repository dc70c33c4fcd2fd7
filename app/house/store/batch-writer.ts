import type { TxClient } from './sql-client';
import type { BatchEffects, PaymentRow } from '../engine/batch-effects';
import type { CopyValue } from './copy-text';
import { stringifyWithBigInt } from './json-bigint';
import { appendHouseAudit } from './audit-log';

const PAYMENT_COLUMNS = [
  'id', 'cmd_seq', 'device_id', 'device_seq', 'submitter_id', 'counterparty_id', 'from_id', 'to_id', 'kind', 'priority',
  'amount_minor', 'currency', 'details', 'business_date', 'received_at_ms', 'admission', 'status', 'reason', 'change_seq', 'cycle_id',
] as const;

function paymentValues(r: PaymentRow): CopyValue[] {
  return [
    r.id, r.cmdSeq, r.deviceId, r.deviceSeq, r.submitterId, r.counterpartyId, r.fromId, r.toId, r.kind, r.priority,
    r.amountMinor, r.currency, JSON.stringify(r.details), r.businessDate, r.receivedAtMs, r.admission, r.status, r.reason, r.changeSeq, r.cycleId,
  ];
}

/**
 * Writes one batch in the caller's transaction. Payment rows go in by COPY, the other tables'
 * rows as arrays unnested server-side: one statement per table whatever the batch size, so a
 * batch of 5,000 payments costs a handful of round trips, not 5,000.
 */
export async function writeBatch(
  tx: TxClient,
  batch: BatchEffects,
  positions: ReadonlyArray<{ id: string; balanceMinor: bigint; netDebitMinor: bigint; netDebitCapMinor: bigint }>,
): Promise<void> {
  // The next day's partitions exist before any of its rows (migration 0010).
  for (const change of batch.dayChanges) await tx.query('SELECT house_ensure_day($1)', [change.date]);
  if (batch.newParticipants.length > 0) {
    const p = batch.newParticipants;
    await tx.query(
      `INSERT INTO participants (id, name, bank_code, balance_minor, net_debit_cap_minor, token_sha256)
       SELECT id, name, bank_code, 0, 0, token FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS t(id, name, bank_code, token)`,
      [p.map((r) => r.id), p.map((r) => r.name), p.map((r) => r.bankCode), p.map((r) => r.tokenSha256)],
    );
  }
  if (batch.newPayments.size > 0) {
    // The hot path: one row per payment, by COPY (about a fifth less server work per row than
    // INSERT ... SELECT FROM unnest of 20 arrays, and no array literals to build or parse).
    await tx.copyRows('payments', PAYMENT_COLUMNS, [...batch.newPayments.values()].map(paymentValues));
  }
  if (batch.statusUpdates.size > 0) {
    const entries = [...batch.statusUpdates.entries()];
    await tx.query(
      `UPDATE payments SET status = u.status, reason = u.reason, change_seq = u.change_seq, cycle_id = coalesce(u.cycle_id, payments.cycle_id)
       FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::text[]) AS u(id, status, reason, change_seq, cycle_id)
       WHERE payments.id = u.id`,
      [
        entries.map(([id]) => id),
        entries.map(([, u]) => u.status),
        entries.map(([, u]) => u.reason),
        entries.map(([, u]) => String(u.changeSeq)),
        entries.map(([, u]) => u.cycleId),
      ],
    );
  }
  if (positions.length > 0) {
    await tx.query(
      `UPDATE participants SET balance_minor = u.balance, net_debit_minor = u.net_debit, net_debit_cap_minor = u.cap
       FROM unnest($1::text[], $2::bigint[], $3::bigint[], $4::bigint[]) AS u(id, balance, net_debit, cap)
       WHERE participants.id = u.id`,
      [
        positions.map((p) => p.id),
        positions.map((p) => p.balanceMinor.toString()),
        positions.map((p) => p.netDebitMinor.toString()),
        positions.map((p) => p.netDebitCapMinor.toString()),
      ],
    );
  }
  if (batch.feed.length > 0) {
    const f = batch.feed;
    await tx.query(
      `INSERT INTO feed (seq, participant_id, type, data)
       SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::jsonb[])`,
      [f.map((r) => String(r.seq)), f.map((r) => r.participantId), f.map((r) => r.type), f.map((r) => JSON.stringify(r.data))],
    );
  }
  if (batch.journal.length > 0) {
    const j = batch.journal;
    await tx.query(
      `INSERT INTO journal (cmd_seq, command, device_id, device_seq, business_date)
       SELECT * FROM unnest($1::bigint[], $2::jsonb[], $3::text[], $4::bigint[], $5::text[])`,
      [
        j.map((r) => r.cmdSeq.toString()),
        j.map((r) => stringifyWithBigInt(r.command)),
        j.map((r) => r.deviceId ?? null),
        j.map((r) => (r.deviceSeq === undefined ? null : String(r.deviceSeq))),
        j.map((r) => batch.journalDate(r.cmdSeq)),
      ],
    );
  }
  if (batch.devices.size > 0) {
    const d = [...batch.devices.entries()];
    await tx.query(
      `INSERT INTO devices (device_id, participant_id, last_seq)
       SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[])
       ON CONFLICT (device_id) DO UPDATE SET last_seq = excluded.last_seq`,
      [d.map(([id]) => id), d.map(([, r]) => r.participantId), d.map(([, r]) => String(r.lastSeq))],
    );
  }
  if (batch.rejections.length > 0) {
    const r = batch.rejections;
    await tx.query(
      `INSERT INTO mutation_rejections (device_id, seq, mutation_id, code, message)
       SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::text[])`,
      [r.map((x) => x.deviceId), r.map((x) => String(x.seq)), r.map((x) => x.mutationId), r.map((x) => x.code), r.map((x) => x.message)],
    );
  }
  for (const cycle of batch.cycles) {
    await tx.query(
      'INSERT INTO cycles (business_date, cycle_id, closed_cmd_seq, net, bilateral) VALUES ($1, $2, $3, $4::jsonb, $5::jsonb)',
      [cycle.businessDate, cycle.cycleId, cycle.cmdSeq.toString(), JSON.stringify(cycle.net), JSON.stringify(cycle.bilateral)],
    );
  }
  for (const [key, value] of batch.meta) {
    await tx.query('INSERT INTO house_meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [key, value]);
  }
  if (batch.snapshot) {
    await tx.query('INSERT INTO engine_snapshots (cmd_seq, state) VALUES ($1, $2)', [batch.snapshot.cmdSeq.toString(), batch.snapshot.state]);
  }
  for (const write of batch.referenceWrites) await write(tx);
  if (batch.threads.size > 0) {
    const t = [...batch.threads.values()];
    await tx.query(
      `INSERT INTO message_threads (id, kind, payment_id, from_id, to_id, state, data)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::jsonb[])
       ON CONFLICT (id) DO UPDATE SET state = excluded.state, data = excluded.data`,
      [t.map((x) => x.id), t.map((x) => x.kind), t.map((x) => x.paymentId), t.map((x) => x.from), t.map((x) => x.to), t.map((x) => x.state), t.map((x) => JSON.stringify(x))],
    );
  }
  if (batch.messageRecords.length > 0) {
    const m = batch.messageRecords;
    await tx.query('INSERT INTO message_records (device_id, device_seq, thread_id) SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[])', [
      m.map((r) => r.deviceId),
      m.map((r) => String(r.deviceSeq)),
      m.map((r) => r.threadId),
    ]);
  }
  // Last: appending locks the audit table until COMMIT (see appendHouseAudit).
  if (batch.audit.length > 0) await appendHouseAudit(tx, batch.audit);
}
