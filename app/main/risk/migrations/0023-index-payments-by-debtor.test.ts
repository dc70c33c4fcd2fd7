import { describe, expect, it } from 'vitest';
import { migrate } from '../../store/migrate';
import { memoryStore } from '../../store/test-support/test-store';
import { migration } from './0023-index-payments-by-debtor';

describe('0023 index payments by debtor', () => {
  it('lets the history read use the index', () => {
    const db = memoryStore();
    migrate(db, [migration]);
    const plan = db
      .prepare("EXPLAIN QUERY PLAN SELECT id FROM payments WHERE debtor_account = ? AND created_at >= ? AND direction = 'out'")
      .all('4201234567890123', '2026-11-25T00:00:00Z') as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toContain('risk_payments_by_debtor');
  });
});
