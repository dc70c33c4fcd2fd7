import type { Migration } from './migration';

/**
 * Messages between banks about a payment (docs/messages.md): inquiries (查询查复), return
 * requests (退回申请) and stops (止付). `message_threads` holds each thread as it now stands
 * (`data` is the thread the pull feed publishes); `message_records` names the thread each
 * applied message mutation touched, so a replayed device seq is answered `duplicate` (a
 * refused one is in mutation_rejections as ever; a stop or release is journaled).
 */
export const migration: Migration = {
  version: 9,
  name: 'message-threads',
  sql: `
CREATE TABLE message_threads (
  id text PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('inquiry', 'return', 'stop')),
  payment_id text NOT NULL,
  from_id text NOT NULL,
  to_id text NOT NULL,
  state text NOT NULL,
  data jsonb NOT NULL
);
CREATE INDEX message_threads_payment ON message_threads (payment_id);
CREATE TABLE message_records (
  device_id text NOT NULL,
  device_seq bigint NOT NULL,
  thread_id text NOT NULL REFERENCES message_threads (id),
  PRIMARY KEY (device_id, device_seq)
)
`,
};
