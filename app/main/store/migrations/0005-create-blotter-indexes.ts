import type { Migration } from '../migration';

/**
 * One index per sortable blotter column (app/main/payments/blotter/sort-columns.ts). Each holds
 * (column, seq) so ORDER BY column, seq walks it without a sort, and the anchor scan of a key
 * reads the index alone. status is already indexed by 0004.
 */
export const migration: Migration = {
  version: 5,
  name: 'create-blotter-indexes',
  up(db) {
    db.exec(`
      CREATE INDEX payments_created_at ON payments (created_at);
      CREATE INDEX payments_updated_at ON payments (updated_at);
      CREATE INDEX payments_business_date ON payments (business_date);
      CREATE INDEX payments_amount ON payments (amount_minor);
      CREATE INDEX payments_kind ON payments (kind);
      CREATE INDEX payments_priority ON payments (priority);
      CREATE INDEX payments_counterparty ON payments (counterparty_id);
      CREATE INDEX payments_counterparty_name ON payments (counterparty_name);
    `);
  },
};
