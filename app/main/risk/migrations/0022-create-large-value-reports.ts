import type { Migration } from '../../store/migration';

/**
 * Large-value transaction reports (PBoC 2016 No. 3 art. 5) from generation to submission.
 * report_id is stable per (date, customer, category, direction), so regenerating a day finds
 * the same rows. Amounts in fen; transaction_ids is a JSON array.
 */
export const migration: Migration = {
  version: 22,
  name: 'create-large-value-reports',
  up(db) {
    db.exec(`
      CREATE TABLE large_value_reports (
        report_id TEXT PRIMARY KEY,
        business_date TEXT NOT NULL,
        due_date TEXT NOT NULL,
        customer_id TEXT NOT NULL,
        customer_name TEXT NOT NULL,
        customer_type TEXT NOT NULL CHECK (customer_type IN ('individual', 'corporate')),
        category TEXT NOT NULL CHECK (category IN ('cash', 'corporate_transfer', 'individual_domestic_transfer', 'individual_cross_border_transfer')),
        direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
        total_minor INTEGER NOT NULL CHECK (total_minor > 0),
        threshold_minor INTEGER NOT NULL CHECK (threshold_minor > 0),
        single INTEGER NOT NULL CHECK (single IN (0, 1)),
        transaction_ids TEXT NOT NULL CHECK (json_valid(transaction_ids)),
        status TEXT NOT NULL CHECK (status IN ('generated', 'reviewed', 'exported', 'submitted')),
        generated_at TEXT NOT NULL,
        reviewed_by TEXT,
        reviewed_at TEXT,
        exported_at TEXT,
        submitted_at TEXT,
        submission_ref TEXT,
        CHECK (total_minor >= threshold_minor),
        CHECK ((status = 'submitted') = (submission_ref IS NOT NULL))
      ) STRICT;
      -- The officer's list: what is not yet submitted, by due date.
      CREATE INDEX large_value_reports_due ON large_value_reports (status, due_date, report_id);
    `);
  },
};
