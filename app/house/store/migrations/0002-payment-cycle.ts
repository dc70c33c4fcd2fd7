import type { Migration } from './migration';

/**
 * The DNS cycle a payment was admitted to, published with its status so a console can replay
 * each closed cycle with the shared engine and check the house's nets.
 */
export const migration: Migration = {
  version: 2,
  name: 'payment-cycle',
  sql: 'ALTER TABLE payments ADD COLUMN cycle_id text',
};
