import { describe, it, expect } from 'vitest';
import { openPgliteStore } from '../pglite-store';
import { migrate } from '../migrate';
import { MIGRATIONS } from './index';

describe('house migration 0009 message-threads', () => {
  it('adds threads and their device records to a schema at version 8', async () => {
    const store = await openPgliteStore(undefined);
    try {
      expect(await migrate(store, MIGRATIONS.filter((m) => m.version <= 8))).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
      expect(await migrate(store, MIGRATIONS.filter((m) => m.version <= 9))).toEqual([9]);
      const thread = (id: string, kind: string) =>
        store.query("INSERT INTO message_threads (id, kind, payment_id, from_id, to_id, state, data) VALUES ($1, $2, 'p1', 'A', 'B', 'open', '{}'::jsonb)", [id, kind]);
      await thread('Q1', 'inquiry');
      await expect(thread('Q1', 'inquiry')).rejects.toThrow(/duplicate|unique/i);
      await expect(thread('Q2', 'gossip')).rejects.toThrow(/check/i);
      await store.query("INSERT INTO message_records (device_id, device_seq, thread_id) VALUES ('A-d1', 7, 'Q1')");
      // One mutation of a device is recorded once, and only against a thread that exists.
      await expect(store.query("INSERT INTO message_records (device_id, device_seq, thread_id) VALUES ('A-d1', 7, 'Q1')")).rejects.toThrow(/duplicate|unique/i);
      await expect(store.query("INSERT INTO message_records (device_id, device_seq, thread_id) VALUES ('A-d1', 8, 'nope')")).rejects.toThrow(/foreign key/i);
    } finally {
      await store.close();
    }
  }, 180_000);
});
