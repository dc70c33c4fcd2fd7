import type { SqlClient } from './sql-client';

export interface IsoTransactionRow {
  participantId: string;
  messageId: string;
  endToEndId: string;
  paymentId: string;
  uetr: string | null;
  txStatus: string;
  reasonCode: string | null;
  reason: string | null;
  answeredAt: string;
}

interface Row {
  participant_id: string;
  message_id: string;
  end_to_end_id: string;
  payment_id: string;
  uetr: string | null;
  tx_status: string;
  reason_code: string | null;
  reason: string | null;
  answered_at: string;
}

const fromRow = (r: Row): IsoTransactionRow => ({
  participantId: r.participant_id,
  messageId: r.message_id,
  endToEndId: r.end_to_end_id,
  paymentId: r.payment_id,
  uetr: r.uetr,
  txStatus: r.tx_status,
  reasonCode: r.reason_code,
  reason: r.reason,
  answeredAt: r.answered_at,
});

const COLUMNS = 'participant_id, message_id, end_to_end_id, payment_id, uetr, tx_status, reason_code, reason, answered_at';

/** The answers already given for one message of one bank. */
export async function readIsoMessage(db: SqlClient, participantId: string, messageId: string): Promise<IsoTransactionRow[]> {
  const { rows } = await db.query<Row>(`SELECT ${COLUMNS} FROM iso_transactions WHERE participant_id = $1 AND message_id = $2`, [participantId, messageId]);
  return rows.map(fromRow);
}

/** A bank's ISO transactions by its end-to-end id (optionally within one message), or by UETR. */
export async function findIsoTransactions(
  db: SqlClient,
  participantId: string,
  key: { endToEndId: string | null; messageId: string | null; uetr: string | null },
): Promise<IsoTransactionRow[]> {
  const { rows } = await db.query<Row>(
    `SELECT ${COLUMNS} FROM iso_transactions
      WHERE participant_id = $1
        AND ($2::text IS NULL OR end_to_end_id = $2)
        AND ($3::text IS NULL OR message_id = $3)
        AND ($4::text IS NULL OR uetr = $4)
      ORDER BY answered_at, message_id, end_to_end_id LIMIT 100`,
    [participantId, key.endToEndId, key.messageId, key.uetr],
  );
  return rows.map(fromRow);
}

/** Records first answers; a row already there (a concurrent resend) is kept as it was. */
export async function insertIsoTransactions(db: SqlClient, rows: readonly IsoTransactionRow[]): Promise<void> {
  if (rows.length === 0) return;
  const column = <K extends keyof IsoTransactionRow>(key: K) => rows.map((r) => r[key]);
  await db.query(
    `INSERT INTO iso_transactions (${COLUMNS})
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])
     ON CONFLICT DO NOTHING`,
    [
      column('participantId'),
      column('messageId'),
      column('endToEndId'),
      column('paymentId'),
      column('uetr'),
      column('txStatus'),
      column('reasonCode'),
      column('reason'),
      column('answeredAt'),
    ],
  );
}

export interface PaymentStatusRow {
  id: string;
  submitterId: string;
  status: string;
  reason: string | null;
  amountMinor: string;
  currency: string;
  toId: string;
  fromId: string;
}

/** Current status of payments by id. */
export async function readPaymentStatuses(db: SqlClient, ids: readonly string[]): Promise<Map<string, PaymentStatusRow>> {
  if (ids.length === 0) return new Map();
  const { rows } = await db.query<{ id: string; submitter_id: string; status: string; reason: string | null; amount: string; currency: string; to_id: string; from_id: string }>(
    'SELECT id, submitter_id, status, reason, amount_minor::text AS amount, currency, to_id, from_id FROM payments WHERE id = ANY($1::text[])',
    [ids],
  );
  return new Map(
    rows.map((r) => [r.id, { id: r.id, submitterId: r.submitter_id, status: r.status, reason: r.reason, amountMinor: r.amount, currency: r.currency, toId: r.to_id, fromId: r.from_id }]),
  );
}

/** Refusals recorded for mutations of one device by mutation (payment) id. */
export async function readMutationRejections(db: SqlClient, deviceId: string, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const { rows } = await db.query<{ mutation_id: string; code: string }>(
    'SELECT mutation_id, code FROM mutation_rejections WHERE device_id = $1 AND mutation_id = ANY($2::text[])',
    [deviceId, ids],
  );
  return new Map(rows.map((r) => [r.mutation_id, r.code]));
}

export async function readDeviceLastSeq(db: SqlClient, deviceId: string): Promise<number> {
  const { rows } = await db.query<{ last_seq: string }>('SELECT last_seq::text AS last_seq FROM devices WHERE device_id = $1', [deviceId]);
  return rows[0] ? Number(rows[0].last_seq) : 0;
}

/** Participant ids by bank code (行号) and by id, for agents named either way. */
export async function readAgentDirectory(db: SqlClient): Promise<Map<string, string>> {
  const { rows } = await db.query<{ id: string; bank_code: string }>('SELECT id, bank_code FROM participants WHERE active');
  const directory = new Map<string, string>();
  for (const r of rows) {
    directory.set(r.id, r.id);
    directory.set(r.bank_code, r.id);
  }
  return directory;
}
