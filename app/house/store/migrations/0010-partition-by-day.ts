import type { Migration } from './migration';

/**
 * History by business day (docs/archive.md): payments, journal and audit_log become tables
 * partitioned BY LIST (business_date), one partition per day (`payments_d20261207`, ...), so a
 * day past the retention is archived to files and dropped whole (DROP of a partition: no
 * DELETE, no bloat, no vacuum of the hot tables).
 * - PostgreSQL wants every unique key of a partitioned table to hold the partition key, so the
 *   keys become (id, business_date), (device_id, device_seq, business_date), (cmd_seq,
 *   business_date), (seq, business_date), (hash, business_date). Exactly-once does not rest on
 *   them across days: the engine refuses a known payment id (it holds every id) and a device's
 *   seq is checked against `devices.last_seq` before anything is written.
 * - journal and audit_log gain business_date. The writer sets the journal's; the audit's is
 *   chosen by `house_audit_day()` (the house's business date from house_meta) when appended.
 *   Rows older than this migration: a journal row takes the date of the payment before it (or
 *   the ledger's first date), an audit row the ledger's first date.
 * - `house_ensure_day(d)` creates the three partitions of a day if missing: at start for the
 *   current date, and in the end-of-day batch for the next one (before any row of it).
 * - `archived_days`: one row per archived day, with the archive's manifest hash and the audit
 *   chain's boundary, so the hot chain verifies from where the archive ends.
 * Copies the three tables once.
 */
export const migration: Migration = {
  version: 10,
  name: 'partition-by-day',
  sql: `
CREATE TABLE archived_days (
  business_date text PRIMARY KEY,
  archived_at text NOT NULL,
  location text NOT NULL,
  manifest_sha256 text NOT NULL CHECK (length(manifest_sha256) = 64),
  payments bigint NOT NULL,
  journal_rows bigint NOT NULL,
  audit_rows bigint NOT NULL,
  -- the audit chain's last archived entry (0 and the genesis hash when the day had none)
  audit_last_seq bigint NOT NULL,
  audit_last_hash text NOT NULL CHECK (length(audit_last_hash) = 64)
)
`,
  statements: [
    `CREATE FUNCTION house_ensure_day(d text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  t text;
BEGIN
  IF d IS NULL OR d !~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' THEN
    RAISE EXCEPTION 'not a business date: %', d;
  END IF;
  FOREACH t IN ARRAY ARRAY['payments', 'journal', 'audit_log'] LOOP
    IF to_regclass(t || '_d' || replace(d, '-', '')) IS NULL THEN
      EXECUTE format('CREATE TABLE %I PARTITION OF %I FOR VALUES IN (%L)', t || '_d' || replace(d, '-', ''), t, d);
    END IF;
  END LOOP;
END
$$`,
    `CREATE FUNCTION house_audit_day() RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  d text;
BEGIN
  SELECT coalesce(
    (SELECT value FROM house_meta WHERE key = 'business_date'),
    (SELECT value FROM house_meta WHERE key = 'initial_business_date'),
    to_char(now() AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD')) INTO d;
  PERFORM house_ensure_day(d);
  RETURN d;
END
$$`,
    // payments
    'ALTER TABLE payments RENAME TO payments_flat',
    'ALTER INDEX payments_pkey RENAME TO payments_flat_pkey',
    'ALTER INDEX payments_device_seq RENAME TO payments_flat_device_seq',
    'ALTER INDEX payments_submitter_change RENAME TO payments_flat_submitter_change',
    'ALTER INDEX payments_counterparty_change RENAME TO payments_flat_counterparty_change',
    'ALTER INDEX payments_cmd_seq_brin RENAME TO payments_flat_cmd_seq_brin',
    `CREATE TABLE payments (LIKE payments_flat INCLUDING DEFAULTS INCLUDING CONSTRAINTS, PRIMARY KEY (id, business_date))
  PARTITION BY LIST (business_date)`,
    'CREATE UNIQUE INDEX payments_device_seq ON payments (device_id, device_seq, business_date) WHERE device_id IS NOT NULL',
    'CREATE INDEX payments_submitter_change ON payments (submitter_id, change_seq)',
    'CREATE INDEX payments_counterparty_change ON payments (counterparty_id, change_seq)',
    'CREATE INDEX payments_cmd_seq_brin ON payments USING brin (cmd_seq)',
    // journal
    'ALTER TABLE journal RENAME TO journal_flat',
    'ALTER INDEX journal_pkey RENAME TO journal_flat_pkey',
    'ALTER INDEX journal_device_seq RENAME TO journal_flat_device_seq',
    `CREATE TABLE journal (LIKE journal_flat INCLUDING DEFAULTS, business_date text NOT NULL, PRIMARY KEY (cmd_seq, business_date))
  PARTITION BY LIST (business_date)`,
    'CREATE UNIQUE INDEX journal_device_seq ON journal (device_id, device_seq, business_date) WHERE device_id IS NOT NULL',
    // audit_log (its append-only triggers move to the new table)
    'DROP TRIGGER audit_log_no_update ON audit_log',
    'DROP TRIGGER audit_log_no_truncate ON audit_log',
    'ALTER TABLE audit_log RENAME TO audit_log_flat',
    'ALTER INDEX audit_log_pkey RENAME TO audit_log_flat_pkey',
    'ALTER INDEX audit_log_hash_key RENAME TO audit_log_flat_hash_key',
    'ALTER INDEX audit_log_entity RENAME TO audit_log_flat_entity',
    `CREATE TABLE audit_log (LIKE audit_log_flat INCLUDING DEFAULTS INCLUDING CONSTRAINTS, business_date text NOT NULL,
  PRIMARY KEY (seq, business_date), UNIQUE (hash, business_date))
  PARTITION BY LIST (business_date)`,
    'CREATE INDEX audit_log_entity ON audit_log (entity, entity_id, seq)',
    // the partitions of every day already present, then the rows
    `DO $$
DECLARE
  first_day text := coalesce(
    (SELECT value FROM house_meta WHERE key = 'initial_business_date'),
    (SELECT min(business_date) FROM payments_flat));
  d text;
BEGIN
  -- A new ledger gets its first partitions when the house starts; rows without any date get today's.
  IF first_day IS NULL AND (EXISTS (SELECT 1 FROM journal_flat) OR EXISTS (SELECT 1 FROM audit_log_flat)) THEN
    first_day := to_char(now() AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD');
  END IF;
  FOR d IN
    SELECT DISTINCT business_date FROM payments_flat
    UNION SELECT first_day WHERE first_day IS NOT NULL
    UNION SELECT value FROM house_meta WHERE key = 'business_date'
  LOOP
    PERFORM house_ensure_day(d);
  END LOOP;
  INSERT INTO payments SELECT * FROM payments_flat;
  INSERT INTO journal (cmd_seq, command, device_id, device_seq, business_date)
    SELECT j.cmd_seq, j.command, j.device_id, j.device_seq, coalesce(dated.d, first_day)
      FROM journal_flat j
      JOIN (SELECT cmd_seq, first_value(business_date) OVER (PARTITION BY grp ORDER BY cmd_seq) AS d
              FROM (SELECT cmd_seq, business_date, count(business_date) OVER (ORDER BY cmd_seq) AS grp
                      FROM (SELECT cmd_seq, business_date FROM payments_flat
                            UNION ALL SELECT cmd_seq, NULL FROM journal_flat) AS seqs) AS grouped) AS dated
        ON dated.cmd_seq = j.cmd_seq AND j.cmd_seq IS NOT NULL;
  INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, detail, prev_hash, hash, business_date)
    SELECT seq, at, actor, action, entity, entity_id, detail, prev_hash, hash, first_day FROM audit_log_flat;
END
$$`,
    'DROP TABLE payments_flat',
    'DROP TABLE journal_flat',
    'DROP TABLE audit_log_flat',
    `CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`,
    `CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`,
  ],
};
