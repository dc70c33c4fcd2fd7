import type { Migration } from '../../store/migration';

/**
 * Messages between banks (docs/messages.md). `message_threads`: each thread as the house last
 * published it (`data`, the pull's `message` change), with the columns the screens filter on;
 * `overdue_noticed_at` marks an inquiry whose overdue notice was raised (once).
 * `return_decisions`: the receiving bank's answer to a return request, proposed by a clerk and
 * approved by another operator before it goes to the outbox (maker-checker; the checker
 * differs from the maker, also in the schema).
 */
export const migration: Migration = {
  version: 60,
  name: 'create-message-threads',
  up(db) {
    db.exec(`
      CREATE TABLE message_threads (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('inquiry', 'return', 'stop')),
        payment_id TEXT NOT NULL,
        from_id TEXT NOT NULL,
        to_id TEXT NOT NULL,
        state TEXT NOT NULL,
        due_by TEXT,
        data TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        overdue_noticed_at TEXT
      ) STRICT;
      CREATE INDEX message_threads_payment ON message_threads (payment_id);
      CREATE INDEX message_threads_open ON message_threads (state, due_by);
      CREATE TABLE return_decisions (
        id TEXT PRIMARY KEY,
        thread_id TEXT NOT NULL,
        decision TEXT NOT NULL CHECK (decision IN ('accept', 'refuse')),
        reason_code TEXT,
        text TEXT,
        status TEXT NOT NULL CHECK (status IN ('proposed', 'approved', 'rejected')),
        maker TEXT NOT NULL,
        proposed_at TEXT NOT NULL,
        checker TEXT,
        decided_at TEXT,
        CHECK (checker IS NULL OR checker <> maker),
        CHECK (decision = 'accept' OR reason_code IS NOT NULL)
      ) STRICT;
      CREATE INDEX return_decisions_thread ON return_decisions (thread_id, status);
    `);
  },
};
