import { describe, it, expect } from 'vitest';
import { migrate } from '../migrate';
import { MIGRATIONS } from './index';
import { SCHEMA_STORES, storeMissing, withEmptyStore } from '../../test-support/schema-stores';

const upTo = (version: number) => MIGRATIONS.filter((m) => m.version <= version);

describe.each(SCHEMA_STORES)('house migration 0002 payment-cycle (%s)', (kind) => {
  it.skipIf(storeMissing(kind))('adds an empty cycle to the payments of a schema at version 1, leaving them otherwise alone', async () => {
    await withEmptyStore(kind, async (store) => {
      expect(await migrate(store, upTo(1))).toEqual([1]);
      await store.query(
        `INSERT INTO payments (id, cmd_seq, submitter_id, counterparty_id, from_id, to_id, kind, priority, amount_minor, currency,
           details, business_date, received_at_ms, admission, status, change_seq)
         VALUES ('P1', 1, 'A', 'B', 'A', 'B', 'beps', 2, 500, 'CNY', '{}', '2026-03-02', 0, 'accepted', 'netted', 1),
                ('P2', 2, 'B', 'A', 'B', 'A', 'hvps', 1, 70, 'CNY', '{}', '2026-03-02', 0, 'accepted', 'settled', 2)`,
      );
      expect(await migrate(store, upTo(2))).toEqual([2]);

      // Payments admitted before the migration belong to no cycle the console could replay.
      const before = await store.query<{ id: string; cycle_id: string | null; amount: string; status: string }>(
        'SELECT id, cycle_id, amount_minor::text AS amount, status FROM payments ORDER BY id',
      );
      expect(before.rows).toEqual([
        { id: 'P1', cycle_id: null, amount: '500', status: 'netted' },
        { id: 'P2', cycle_id: null, amount: '70', status: 'settled' },
      ]);
      await store.query("UPDATE payments SET cycle_id = '1' WHERE id = 'P1'");
      expect((await store.query<{ cycle_id: string | null }>("SELECT cycle_id FROM payments WHERE id = 'P1'")).rows).toEqual([{ cycle_id: '1' }]);
    });
  }, 60_000);
});
