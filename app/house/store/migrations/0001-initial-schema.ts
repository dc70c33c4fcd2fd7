import type { Migration } from './migration';

/**
 * The house's ledger. Money is BIGINT minor units. Two sequences order everything:
 * - cmd_seq: the order commands were applied to the clearing engine (the journal); replaying
 *   payments and journal rows by cmd_seq over the last snapshot rebuilds the engine exactly.
 * - change_seq: the change feed consoles pull, in house order. A payment row carries the
 *   change_seq of its latest status, so the feed of payment statuses costs no extra rows.
 *   Both are assigned by the single writer (the engine host), never by a sequence object.
 */
export const migration: Migration = {
  version: 1,
  name: 'initial-schema',
  sql: `
CREATE TABLE house_meta (
  key text PRIMARY KEY,
  value text NOT NULL
);

CREATE TABLE participants (
  id text PRIMARY KEY,
  name text NOT NULL,
  bank_code text NOT NULL,
  balance_minor bigint NOT NULL,
  net_debit_minor bigint NOT NULL DEFAULT 0,
  net_debit_cap_minor bigint NOT NULL,
  -- sha256 of the bearer token, hex; the token itself is never stored
  token_sha256 text UNIQUE,
  active boolean NOT NULL DEFAULT true
);

CREATE TABLE devices (
  device_id text PRIMARY KEY,
  participant_id text NOT NULL REFERENCES participants(id),
  last_seq bigint NOT NULL CHECK (last_seq >= 0)
);

CREATE TABLE payments (
  id text PRIMARY KEY,
  cmd_seq bigint NOT NULL UNIQUE,
  device_id text,
  device_seq bigint,
  submitter_id text NOT NULL,
  counterparty_id text NOT NULL,
  from_id text NOT NULL,
  to_id text NOT NULL,
  kind text NOT NULL,
  priority smallint NOT NULL,
  amount_minor bigint NOT NULL,
  currency text NOT NULL,
  -- debtor, creditor, purpose, presentedBy, originalId as the console sent them
  details jsonb NOT NULL,
  business_date text NOT NULL,
  received_at_ms bigint NOT NULL,
  admission text NOT NULL CHECK (admission IN ('accepted', 'rejected')),
  status text NOT NULL,
  reason text,
  change_seq bigint NOT NULL
);
CREATE UNIQUE INDEX payments_device_seq ON payments (device_id, device_seq) WHERE device_id IS NOT NULL;
CREATE INDEX payments_submitter_change ON payments (submitter_id, change_seq);
CREATE INDEX payments_counterparty_change ON payments (counterparty_id, change_seq);

-- Mutations refused before reaching the engine (bad payload, spoofed sender, duplicate id):
-- kept so a replay of the same seq gets the same answer.
CREATE TABLE mutation_rejections (
  device_id text NOT NULL,
  seq bigint NOT NULL,
  mutation_id text NOT NULL,
  code text NOT NULL,
  message text NOT NULL,
  PRIMARY KEY (device_id, seq)
);

-- Every engine command other than a payment submission, in application order.
CREATE TABLE journal (
  cmd_seq bigint PRIMARY KEY,
  command jsonb NOT NULL
);

CREATE TABLE engine_snapshots (
  cmd_seq bigint PRIMARY KEY,
  state text NOT NULL
);

-- Change feed rows other than payment statuses. participant_id NULL: every participant.
CREATE TABLE feed (
  seq bigint PRIMARY KEY,
  participant_id text,
  type text NOT NULL,
  data jsonb NOT NULL
);
CREATE INDEX feed_participant_seq ON feed (participant_id, seq);

CREATE TABLE cycles (
  business_date text NOT NULL,
  cycle_id text NOT NULL,
  closed_cmd_seq bigint NOT NULL,
  net jsonb NOT NULL,
  bilateral jsonb NOT NULL,
  PRIMARY KEY (business_date, cycle_id)
);
`,
};
