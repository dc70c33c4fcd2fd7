import { describe, it, expect } from 'vitest';
import { openPgliteStore } from './pglite-store';
import { migrate } from './migrate';
import { MIGRATIONS } from './migrations/index';

describe('house migrations', () => {
  it('apply in order once; 0002 adds the payment cycle to a schema with rows', async () => {
    const store = await openPgliteStore(undefined);
    try {
      expect(await migrate(store, MIGRATIONS.filter((m) => m.version === 1))).toEqual([1]);
      await store.query(
        `INSERT INTO payments (id, cmd_seq, submitter_id, counterparty_id, from_id, to_id, kind, priority, amount_minor, currency,
           details, business_date, received_at_ms, admission, status, change_seq)
         VALUES ('P1', 1, 'A', 'B', 'A', 'B', 'beps', 2, 500, 'CNY', '{}', '2026-03-02', 0, 'accepted', 'netted', 1)`,
      );
      expect(await migrate(store, MIGRATIONS.filter((m) => m.version <= 2))).toEqual([2]);
      expect(await migrate(store, MIGRATIONS.filter((m) => m.version <= 2))).toEqual([]);
      await store.query("UPDATE payments SET cycle_id = '1' WHERE id = 'P1'");
      const { rows } = await store.query<{ cycle_id: string; amount: string }>("SELECT cycle_id, amount_minor::text AS amount FROM payments");
      expect(rows).toEqual([{ cycle_id: '1', amount: '500' }]);
      await expect(store.query("INSERT INTO payments (id, cmd_seq, submitter_id, counterparty_id, from_id, to_id, kind, priority, amount_minor, currency, details, business_date, received_at_ms, admission, status, change_seq) VALUES ('P2', 2, 'A', 'B', 'A', 'B', 'beps', 2, 1, 'CNY', '{}', 'd', 0, 'maybe', 'x', 2)")).rejects.toThrow(/admission/);
    } finally {
      await store.close();
    }
  }, 60_000);
});
