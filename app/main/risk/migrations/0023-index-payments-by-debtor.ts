import type { Migration } from '../../store/migration';

/**
 * The risk rules read a customer's earlier payments (velocity, structuring, new counterparty,
 * dormancy) at every verification: without this index each read scans the whole payments table.
 */
export const migration: Migration = {
  version: 23,
  name: 'index-payments-by-debtor',
  up(db) {
    db.exec('CREATE INDEX risk_payments_by_debtor ON payments (debtor_account, created_at)');
  },
};
