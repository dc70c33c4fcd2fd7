import { describe, expect, it } from 'vitest';
import { migrate } from '../../store/migrate';
import { memoryStore } from '../../store/test-support/test-store';
import { migration } from './0022-create-large-value-reports';

describe('0022 create large value reports', () => {
  it('stores reports at or over their threshold, submitted ones with a reference', () => {
    const db = memoryStore();
    migrate(db, [migration]);
    const insert = db.prepare(
      `INSERT INTO large_value_reports (report_id, business_date, due_date, customer_id, customer_name, customer_type, category, direction,
         total_minor, threshold_minor, single, transaction_ids, status, generated_at, submission_ref)
       VALUES (?, '2026-11-25', '2026-12-02', 'C-1', '王小明', 'individual', 'cash', 'out', ?, 5000000, 0, '["T-1"]', ?, 't', ?)`,
    );
    insert.run('LV-1', 5_000_000n, 'generated', null);
    expect(() => insert.run('LV-2', 4_999_999n, 'generated', null)).toThrow(/CHECK/);
    expect(() => insert.run('LV-3', 5_000_000n, 'submitted', null)).toThrow(/CHECK/);
    insert.run('LV-4', 6_000_000n, 'submitted', 'PBOC-2026-0001');
    expect(db.prepare('SELECT total_minor FROM large_value_reports ORDER BY report_id').safeIntegers().pluck().all()).toEqual([5_000_000n, 6_000_000n]);
  });
});
