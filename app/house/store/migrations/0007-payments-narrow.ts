import type { Migration } from './migration';

/**
 * Cheaper payment rows for the commit path (docs/benchmarks.md, `npm run bench house`):
 * - `details` becomes json: the console's text kept as sent (checked to be JSON) instead of
 *   parsed into jsonb's binary form on every insert. The house only stores and returns it;
 *   nothing queries inside it.
 * - `cmd_seq` loses its unique b-tree for a BRIN index: it is assigned in increasing order by
 *   the one writer, so a BRIN range index serves recovery's `cmd_seq > snapshot` scan at a
 *   fraction of the upkeep. Uniqueness is still checked where it matters: recovery replays
 *   cmd_seq one by one and refuses to start on a repeated or missing one ("journal gap").
 * Exactly-once is untouched: `payments.id` and `(device_id, device_seq)` stay unique.
 * Rewrites the payments table once (ALTER ... TYPE).
 */
export const migration: Migration = {
  version: 7,
  name: 'payments-narrow',
  sql: `
ALTER TABLE payments ALTER COLUMN details TYPE json USING details::json;
ALTER TABLE payments DROP CONSTRAINT payments_cmd_seq_key;
CREATE INDEX payments_cmd_seq_brin ON payments USING brin (cmd_seq)
`,
};
