import type { Migration } from './migration';

/**
 * A console's cancel (payment.cancel) or bill return (payment.return) is a journaled engine
 * command; its device and seq are kept on the journal row so a replayed seq is answered
 * 'duplicate' with the original 'accepted' (refusals stay in mutation_rejections).
 */
export const migration: Migration = {
  version: 4,
  name: 'journal-device',
  sql: `
ALTER TABLE journal ADD COLUMN device_id text;
ALTER TABLE journal ADD COLUMN device_seq bigint;
CREATE UNIQUE INDEX journal_device_seq ON journal (device_id, device_seq) WHERE device_id IS NOT NULL;
`,
};
