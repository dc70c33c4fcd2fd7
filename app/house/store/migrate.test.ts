import { describe, it, expect } from 'vitest';
import { openPgliteStore } from './pglite-store';
import { migrate } from './migrate';
import { MIGRATIONS } from './migrations/index';

describe('house migrations', () => {
  it('apply in order, each once, and carry on from the version a store is at', async () => {
    const store = await openPgliteStore(undefined);
    try {
      expect(await migrate(store, MIGRATIONS.filter((m) => m.version === 1))).toEqual([1]);
      expect(await migrate(store, MIGRATIONS.filter((m) => m.version <= 2))).toEqual([2]);
      expect(await migrate(store, MIGRATIONS.filter((m) => m.version <= 2))).toEqual([]);
      expect(await migrate(store)).toEqual(MIGRATIONS.filter((m) => m.version > 2).map((m) => m.version));
      expect(await migrate(store)).toEqual([]);
    } finally {
      await store.close();
    }
  }, 60_000);
});
