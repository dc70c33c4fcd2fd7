import { describe, expect, it } from 'vitest';
import { migrate } from '../../store/migrate';
import { memoryStore } from '../../store/test-support/test-store';
import { migration } from './0040-create-bulk-batches';

describe('migration 0040: bulk batches and lines', () => {
  it('keys lines by batch and line, and refuses what a batch must never hold', () => {
    const db = memoryStore();
    migrate(db, [migration]);
    db.prepare(
      "INSERT INTO bulk_batches (id, format, version, file_sha256, business_date, status, imported_by, imported_at) VALUES ('BULK-20261126-0001', 'pain.001', '001.09', 'h', '2026-11-26', 'open', 'clerk1', 't')",
    ).run();
    const line = db.prepare("INSERT INTO bulk_lines (batch_id, line, raw, state, errors) VALUES ('BULK-20261126-0001', ?, '{}', ?, '[]')");
    line.run(1, 'valid');
    expect(() => line.run(1, 'valid')).toThrow(/UNIQUE|PRIMARY/);
    expect(() => line.run(2, 'paid')).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO bulk_batches (id, format, version, file_sha256, business_date, status, imported_by, imported_at) VALUES ('B2', 'xls', '1', 'h', 'd', 'open', 'c', 't')").run()).toThrow(/CHECK/);
    // Maker-checker in the schema too: the importer cannot be the verifier.
    expect(() => db.prepare("UPDATE bulk_batches SET status = 'verified', verified_by = 'clerk1' WHERE id = 'BULK-20261126-0001'").run()).toThrow(/CHECK/);
    db.prepare("UPDATE bulk_batches SET status = 'verified', verified_by = 'super1' WHERE id = 'BULK-20261126-0001'").run();
    expect(db.prepare('SELECT verified_by FROM bulk_batches').pluck().get()).toBe('super1');
  });
});
