import { describe, it, expect } from 'vitest';
import { openPgliteStore } from '../pglite-store';
import { migrate } from '../migrate';
import { MIGRATIONS } from './index';

describe('house migration 0006 iso-transactions', () => {
  it('adds iso_transactions to a schema at version 5: one answer per bank, message and end-to-end id', async () => {
    const store = await openPgliteStore(undefined);
    try {
      expect(await migrate(store, MIGRATIONS.filter((m) => m.version <= 5))).toEqual([1, 2, 3, 4, 5]);
      expect(await migrate(store, MIGRATIONS.filter((m) => m.version <= 6))).toEqual([6]);
      const insert = (participant: string, e2e: string) =>
        store.query(
          "INSERT INTO iso_transactions (participant_id, message_id, end_to_end_id, payment_id, tx_status, answered_at) VALUES ($1, 'M1', $2, 'p', 'ACSC', 't')",
          [participant, e2e],
        );
      await insert('A', 'E1');
      await insert('A', 'E2');
      // Another bank may use the same message and end-to-end ids: keys are per bank.
      await insert('B', 'E1');
      await expect(insert('A', 'E1')).rejects.toThrow(/duplicate|unique/i);
      await expect(store.query("INSERT INTO iso_transactions (participant_id, message_id, end_to_end_id, payment_id, answered_at) VALUES ('A', 'M2', 'E', 'p', 't')")).rejects.toThrow(/null/i);
    } finally {
      await store.close();
    }
  }, 180_000);
});
