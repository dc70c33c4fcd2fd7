import { describe, it, expect } from 'vitest';
import { migrate } from '../migrate';
import { MIGRATIONS } from './index';
import { SCHEMA_STORES, storeMissing, withEmptyStore } from '../../test-support/schema-stores';

const upTo = (version: number) => MIGRATIONS.filter((m) => m.version <= version);

describe.each(SCHEMA_STORES)('house migration 0004 journal-device (%s)', (kind) => {
  it.skipIf(storeMissing(kind))('gives journal rows a device and seq, one row per device seq, on a schema at version 3 with rows', async () => {
    await withEmptyStore(kind, async (store) => {
      expect(await migrate(store, upTo(3))).toEqual([1, 2, 3]);
      await store.query(`INSERT INTO journal (cmd_seq, command) VALUES (1, '{"type":"closeCycle"}'), (2, '{"type":"offset"}')`);
      expect(await migrate(store, upTo(4))).toEqual([4]);

      // Operator commands journaled before the migration came from no device.
      const before = await store.query<{ cmd_seq: string; type: string; device_id: string | null; device_seq: string | null }>(
        "SELECT cmd_seq::text, command->>'type' AS type, device_id, device_seq::text FROM journal ORDER BY cmd_seq",
      );
      expect(before.rows).toEqual([
        { cmd_seq: '1', type: 'closeCycle', device_id: null, device_seq: null },
        { cmd_seq: '2', type: 'offset', device_id: null, device_seq: null },
      ]);

      // A console's cancel is journaled once per device seq, so a replayed seq finds the original.
      await store.query(`INSERT INTO journal (cmd_seq, command, device_id, device_seq) VALUES (3, '{"type":"cancel"}', 'A-1', 7)`);
      await expect(store.query(`INSERT INTO journal (cmd_seq, command, device_id, device_seq) VALUES (4, '{"type":"cancel"}', 'A-1', 7)`)).rejects.toThrow(/unique|duplicate/i);
      await store.query(`INSERT INTO journal (cmd_seq, command, device_id, device_seq) VALUES (4, '{"type":"cancel"}', 'B-1', 7)`);
      await store.query(`INSERT INTO journal (cmd_seq, command) VALUES (5, '{"type":"closeCycle"}')`);
      expect((await store.query<{ n: number }>('SELECT count(*)::int AS n FROM journal')).rows).toEqual([{ n: 5 }]);
    });
  }, 60_000);
});
