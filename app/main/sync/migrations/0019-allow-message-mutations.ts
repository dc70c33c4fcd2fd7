import type { Migration } from '../../store/migration';

/**
 * The outbox also carries the messages between banks (docs/messages.md): message.inquire,
 * message.answer, message.returnRequest, message.returnAnswer, payment.stop and
 * payment.release. Rebuilt like 0016, since SQLite cannot change a CHECK in place.
 */
export const migration: Migration = {
  version: 19,
  name: 'allow-message-mutations',
  up(db) {
    db.exec(`
      CREATE TABLE sync_outbox_new (
        seq INTEGER PRIMARY KEY CHECK (seq > 0),
        mutation_id TEXT NOT NULL,
        type TEXT NOT NULL CHECK (type IN ('payment.submit', 'payment.cancel', 'payment.return', 'payment.reprioritise',
          'payment.reorder', 'liquidity.reserve', 'liquidity.limits', 'liquidity.warning',
          'message.inquire', 'message.answer', 'message.returnRequest', 'message.returnAnswer', 'payment.stop', 'payment.release')),
        payload TEXT NOT NULL,
        created_at TEXT NOT NULL,
        acked_at TEXT,
        result TEXT CHECK (result IN ('accepted', 'rejected')),
        code TEXT,
        message TEXT
      ) STRICT;
      INSERT INTO sync_outbox_new (seq, mutation_id, type, payload, created_at, acked_at, result, code, message)
        SELECT seq, mutation_id, type, payload, created_at, acked_at, result, code, message FROM sync_outbox;
      DROP TABLE sync_outbox;
      ALTER TABLE sync_outbox_new RENAME TO sync_outbox;
      CREATE UNIQUE INDEX sync_outbox_submit_id ON sync_outbox (mutation_id) WHERE type = 'payment.submit';
      CREATE INDEX sync_outbox_mutation ON sync_outbox (mutation_id, type);
    `);
  },
};
