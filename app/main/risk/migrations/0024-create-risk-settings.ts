import type { Migration } from '../../store/migration';

/**
 * The risk desk's own settings (four-eyes amount, SLA minutes), apart from the console's
 * settings table whose keys belong to the console core. Values are text; amounts in fen.
 */
export const migration: Migration = {
  version: 24,
  name: 'create-risk-settings',
  up(db) {
    db.exec(`
      CREATE TABLE risk_settings (
        key TEXT PRIMARY KEY CHECK (key IN ('four_eyes_amount_minor', 'sla_minutes')),
        value TEXT NOT NULL CHECK (value GLOB '[0-9]*' AND value NOT GLOB '*[^0-9]*'),
        updated_by TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
