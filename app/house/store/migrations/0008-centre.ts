import type { Migration } from './migration';

/**
 * The clearing centre's side of the house (docs/centre.md): named operators with argon2id
 * passwords and TOTP, their sessions (sha256 of the token only), maker-checker proposals, the
 * business-day schedule, broadcasts, alert rules and raised alerts, and participant suspension.
 * The centre: operators, sessions, proposals, schedule, broadcasts, alert rules, suspension.
 */
export const migration: Migration = {
  version: 8,
  name: 'centre',
  sql: `
CREATE TABLE centre_operators (
  username text PRIMARY KEY,
  name text NOT NULL,
  role text NOT NULL CHECK (role IN ('centre-operator', 'centre-supervisor', 'centre-auditor')),
  password_hash text NOT NULL,
  -- base32 TOTP secret; NULL until the operator enrols at the first login
  totp_secret text,
  -- the last TOTP step accepted: a code of that step or an earlier one is a replay
  totp_last_step bigint,
  failed_logins integer NOT NULL DEFAULT 0,
  locked_until_ms bigint,
  active boolean NOT NULL DEFAULT true,
  created_at text NOT NULL,
  created_by text NOT NULL
);

CREATE TABLE centre_sessions (
  token_sha256 text PRIMARY KEY,
  username text NOT NULL REFERENCES centre_operators(username),
  created_ms bigint NOT NULL,
  last_seen_ms bigint NOT NULL,
  expires_ms bigint NOT NULL
);
CREATE INDEX centre_sessions_username ON centre_sessions (username);

CREATE TABLE centre_proposals (
  id bigint PRIMARY KEY,
  type text NOT NULL,
  payload jsonb NOT NULL,
  proposer text NOT NULL,
  proposed_at text NOT NULL,
  status text NOT NULL CHECK (status IN ('pending', 'approved', 'rejected', 'failed')),
  decided_by text,
  decided_at text,
  note text,
  outcome jsonb
);
CREATE INDEX centre_proposals_status ON centre_proposals (status, id);

-- 'default' or a business date (YYYY-MM-DD) that overrides it
CREATE TABLE business_schedules (
  day text PRIMARY KEY,
  schedule jsonb NOT NULL,
  updated_at text NOT NULL
);

CREATE TABLE centre_broadcasts (
  id bigint PRIMARY KEY,
  at text NOT NULL,
  sender text NOT NULL,
  -- NULL: every bank
  participant_id text,
  urgency text NOT NULL,
  title text NOT NULL,
  body text NOT NULL
);

CREATE TABLE centre_alert_rules (
  id bigint PRIMARY KEY,
  kind text NOT NULL,
  params jsonb NOT NULL,
  enabled boolean NOT NULL DEFAULT true,
  created_by text NOT NULL,
  created_at text NOT NULL
);

CREATE TABLE centre_alerts (
  id bigint PRIMARY KEY,
  rule_id bigint NOT NULL,
  subject text NOT NULL,
  raised_at text NOT NULL,
  cleared_at text,
  detail jsonb NOT NULL
);

ALTER TABLE participants ADD COLUMN suspended boolean NOT NULL DEFAULT false
`,
};
