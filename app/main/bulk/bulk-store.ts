import { preparedOnce, type Db } from '../store/open-database';

export interface BatchRow {
  id: string;
  format: 'pain.001' | 'csv';
  version: string;
  message_id: string | null;
  file_name: string | null;
  file_sha256: string;
  business_date: string;
  status: 'open' | 'verified';
  imported_by: string;
  imported_at: string;
  verified_by: string | null;
  verified_at: string | null;
}

export interface LineRow {
  batch_id: string;
  line: number;
  raw: string;
  state: 'valid' | 'invalid' | 'dropped' | 'submitted';
  errors: string;
  accept_duplicate: number;
  payment_id: string | null;
  note: string | null;
}

/** Every statement of bulk import, prepared once per connection. */
export const bulkSql = preparedOnce((db: Db) => ({
  insertBatch: db.prepare(
    `INSERT INTO bulk_batches (id, format, version, message_id, file_name, file_sha256, business_date, status, imported_by, imported_at)
     VALUES (@id, @format, @version, @messageId, @fileName, @fileSha256, @businessDate, 'open', @importedBy, @importedAt)`,
  ),
  batch: db.prepare<[string], BatchRow>('SELECT * FROM bulk_batches WHERE id = ?'),
  batches: db.prepare<[], BatchRow>('SELECT * FROM bulk_batches ORDER BY business_date DESC, id DESC'),
  countOnDate: db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM bulk_batches WHERE business_date = ?'),
  markVerified: db.prepare("UPDATE bulk_batches SET status = 'verified', verified_by = ?, verified_at = ? WHERE id = ? AND status = 'open'"),
  insertLine: db.prepare(
    `INSERT INTO bulk_lines (batch_id, line, raw, state, errors, accept_duplicate) VALUES (@batchId, @line, @raw, @state, @errors, 0)`,
  ),
  lines: db.prepare<[string], LineRow>('SELECT * FROM bulk_lines WHERE batch_id = ? ORDER BY line'),
  linePage: db.prepare<[string, number, number], LineRow>('SELECT * FROM bulk_lines WHERE batch_id = ? AND line > ? ORDER BY line LIMIT ?'),
  invalidPage: db.prepare<[string, number, number], LineRow>("SELECT * FROM bulk_lines WHERE batch_id = ? AND line > ? AND state = 'invalid' ORDER BY line LIMIT ?"),
  line: db.prepare<[string, number], LineRow>('SELECT * FROM bulk_lines WHERE batch_id = ? AND line = ?'),
  updateLine: db.prepare('UPDATE bulk_lines SET raw = @raw, accept_duplicate = @acceptDuplicate WHERE batch_id = @batchId AND line = @line'),
  setJudgement: db.prepare('UPDATE bulk_lines SET state = @state, errors = @errors WHERE batch_id = @batchId AND line = @line'),
  drop: db.prepare("UPDATE bulk_lines SET state = 'dropped', errors = '[]', note = ? WHERE batch_id = ? AND line = ?"),
  submit: db.prepare("UPDATE bulk_lines SET state = 'submitted', payment_id = ? WHERE batch_id = ? AND line = ?"),
  recentOutgoing: db
    .prepare<[string], { id: string; creditor_account: string; amount_minor: bigint }>(
      "SELECT id, creditor_account, amount_minor FROM payments WHERE direction = 'out' AND business_date >= ? AND status NOT IN ('rejected', 'cancelled')",
    )
    .safeIntegers(),
  paymentStatus: db.prepare<[string], { status: string; reason: string | null }>('SELECT status, reason FROM payments WHERE id = ?'),
}));
