import type { Migration } from '../../store/migration';

/**
 * Read marks of the message inbox (查询查复), per operator like the broadcasts': every clerk on
 * duty sees a new inquiry as unread until they open it. `entries_seen` is how many steps the
 * thread had when the operator last opened it, so a later answer makes it unread again.
 */
export const migration: Migration = {
  version: 61,
  name: 'message-reads',
  up(db) {
    db.exec(`
      CREATE TABLE message_reads (
        username TEXT NOT NULL,
        thread_id TEXT NOT NULL,
        entries_seen INTEGER NOT NULL CHECK (entries_seen >= 0),
        read_at TEXT NOT NULL,
        PRIMARY KEY (username, thread_id)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
