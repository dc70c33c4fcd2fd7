import type { Migration } from '../../store/migration';

/**
 * Issue 16, bulk actions on exceptions: a reconciler marks open lines reviewed (looked at, left
 * open on purpose, e.g. waiting for tomorrow's statement) for a selection. Who and when; an open
 * line's review is shown beside it, and a later review replaces it (each is in the audit chain).
 */
export const migration: Migration = {
  version: 31,
  name: 'recon-line-reviewed',
  up(db) {
    db.exec(`
      ALTER TABLE recon_lines ADD COLUMN reviewed_by TEXT;
      ALTER TABLE recon_lines ADD COLUMN reviewed_at TEXT;
    `);
  },
};
