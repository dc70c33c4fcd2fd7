import { describe, it, expect } from 'vitest';
import { openPgliteStore } from '../pglite-store';
import { migrate } from '../migrate';
import { MIGRATIONS } from './index';

describe('house migration 0005 working-calendar', () => {
  it('adds the working_calendar table to a schema at version 4, one row per year in range', async () => {
    const store = await openPgliteStore(undefined);
    try {
      expect(await migrate(store, MIGRATIONS.filter((m) => m.version <= 4))).toEqual([1, 2, 3, 4]);
      expect(await migrate(store, MIGRATIONS.filter((m) => m.version <= 5))).toEqual([5]);
      await store.query("INSERT INTO working_calendar (year, calendar, updated_at) VALUES (2026, '{}', 't')");
      await expect(store.query("INSERT INTO working_calendar (year, calendar, updated_at) VALUES (2026, '{}', 't')")).rejects.toThrow(/duplicate|unique/i);
      await expect(store.query("INSERT INTO working_calendar (year, calendar, updated_at) VALUES (1999, '{}', 't')")).rejects.toThrow(/check/i);
    } finally {
      await store.close();
    }
  }, 60_000);
});
