import { describe, it, expect } from 'vitest';
import { openPgliteStore } from '../pglite-store';
import { migrate } from '../migrate';
import { MIGRATIONS } from './index';

describe('house migration 0003 audit-log', () => {
  it('adds an append-only audit_log to a schema at version 2 with rows, leaving the rows alone', async () => {
    const store = await openPgliteStore(undefined);
    try {
      expect(await migrate(store, MIGRATIONS.filter((m) => m.version <= 2))).toEqual([1, 2]);
      await store.query("INSERT INTO house_meta (key, value) VALUES ('epoch', 'abc')");
      expect(await migrate(store, MIGRATIONS.filter((m) => m.version <= 3))).toEqual([3]);
      expect((await store.query<{ value: string }>('SELECT value FROM house_meta')).rows).toEqual([{ value: 'abc' }]);

      const hash = 'a'.repeat(64);
      await store.query(
        `INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, detail, prev_hash, hash)
         VALUES (1, '2026-03-02T01:00:00.000Z', 'admin', 'token.rotated', 'participant', 'A', '{"b":1,"a":2}', $1, $2)`,
        ['0'.repeat(64), hash],
      );
      // detail is text: kept byte for byte, key order included (jsonb would reorder it).
      expect((await store.query<{ detail: string }>('SELECT detail FROM audit_log')).rows).toEqual([{ detail: '{"b":1,"a":2}' }]);
      await expect(store.query("UPDATE audit_log SET actor = 'mallory'")).rejects.toThrow(/append-only/);
      await expect(store.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
      await expect(store.query('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
      await expect(
        store.query(`INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, detail, prev_hash, hash) VALUES (2, 't', 'a', 'x', 'e', '1', '{}', 'short', $1)`, ['b'.repeat(64)]),
      ).rejects.toThrow(/prev_hash/);
      await expect(
        store.query(`INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, detail, prev_hash, hash) VALUES (2, 't', 'a', 'x', 'e', '1', '{}', $1, $1)`, [hash]),
      ).rejects.toThrow(/unique|duplicate/i);
      expect((await store.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log')).rows).toEqual([{ n: 1 }]);
    } finally {
      await store.close();
    }
  }, 60_000);
});
