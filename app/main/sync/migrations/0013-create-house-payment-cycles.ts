import type { Migration } from '../../store/migration';

/** Which DNS cycle the house admitted each payment to: the input of the console's cycle check. */
export const migration: Migration = {
  version: 13,
  name: 'create-house-payment-cycles',
  up(db) {
    db.exec(`
      CREATE TABLE house_payment_cycles (
        payment_id TEXT PRIMARY KEY,
        business_date TEXT NOT NULL,
        cycle_id TEXT NOT NULL
      ) STRICT;
      CREATE INDEX house_payment_cycles_cycle ON house_payment_cycles (business_date, cycle_id);
      ALTER TABLE house_cycles ADD COLUMN checked TEXT CHECK (checked IN ('agrees', 'differs'));
    `);
  },
};
