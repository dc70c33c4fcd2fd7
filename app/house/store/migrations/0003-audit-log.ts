import type { Migration } from './migration';

/**
 * The house's audit log: one hash-chained row per operator or security event (app/house/store/
 * audit-log.ts; the chain scheme is the console's, app/shared/audit/audit-chain.ts).
 * - detail is text, not jsonb: it must stay the exact canonical JSON that was hashed (jsonb
 *   would reorder keys and normalise numbers).
 * - Append-only: triggers refuse UPDATE, DELETE and TRUNCATE. Whoever can drop a trigger can
 *   still rewrite history, which the hash chain shows (docs/audit.md).
 */
export const migration: Migration = {
  version: 3,
  name: 'audit-log',
  sql: `
CREATE TABLE audit_log (
  seq bigint PRIMARY KEY CHECK (seq > 0),
  at text NOT NULL,
  actor text NOT NULL,
  action text NOT NULL,
  entity text NOT NULL,
  entity_id text NOT NULL,
  detail text NOT NULL,
  prev_hash text NOT NULL CHECK (length(prev_hash) = 64),
  hash text NOT NULL UNIQUE CHECK (length(hash) = 64)
);
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id, seq)
`,
  statements: [
    `CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END
$$`,
    `CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`,
    `CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`,
  ],
};
