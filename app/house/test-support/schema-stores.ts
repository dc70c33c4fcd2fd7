import { openPgliteStore } from '../store/pglite-store';
import { openPostgresStore } from '../store/postgres-store';
import type { HouseStore } from '../store/sql-client';
import { createTestDatabase, postgresAvailable } from './fixtures';

/** The two engines the house's schema must hold on: the embedded default and the server. */
export const SCHEMA_STORES = ['PGlite', 'PostgreSQL'] as const;
export type SchemaStore = (typeof SCHEMA_STORES)[number];

const hasPostgres = await postgresAvailable();

/** PostgreSQL runs only where the test server answers (HANKOU_TEST_POSTGRES_URL); the test is then reported skipped. */
export const storeMissing = (kind: SchemaStore): boolean => kind === 'PostgreSQL' && !hasPostgres;

/** An empty store of that kind (PostgreSQL: a database made for this test and dropped after it). */
export async function withEmptyStore(kind: SchemaStore, work: (store: HouseStore) => Promise<void>): Promise<void> {
  if (kind === 'PGlite') {
    const store = await openPgliteStore(undefined);
    try {
      await work(store);
    } finally {
      await store.close();
    }
    return;
  }
  const db = await createTestDatabase();
  try {
    const store = await openPostgresStore(db.url);
    try {
      await work(store);
    } finally {
      await store.close();
    }
  } finally {
    await db.drop();
  }
}
