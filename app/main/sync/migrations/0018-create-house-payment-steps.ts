import type { Migration } from '../../store/migration';

/**
 * Each step the house took with a payment, as this console learnt it (the push answer, then every
 * pulled status), for the payment's history. `feed_seq` is the house's order (0 = the push
 * answer, which precedes every pulled change); keyed by (payment, feed_seq) so a page pulled
 * twice or a change seen again records nothing new. `recorded_at` is when the console received it:
 * the house's feed carries no time of its own.
 */
export const migration: Migration = {
  version: 18,
  name: 'create-house-payment-steps',
  up(db) {
    db.exec(`
      CREATE TABLE house_payment_steps (
        payment_id TEXT NOT NULL,
        feed_seq INTEGER NOT NULL CHECK (feed_seq >= 0),
        status TEXT NOT NULL,
        reason TEXT,
        cycle_id TEXT,
        recorded_at TEXT NOT NULL,
        PRIMARY KEY (payment_id, feed_seq)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
