import type { HouseStore } from './sql-client';
import { openPgliteStore } from './pglite-store';
import { openPostgresStore } from './postgres-store';
import { migrate } from './migrate';
import { openMultiHostStore } from '../failover/multi-host-store';

export interface StoreOptions {
  /** PGlite data directory; omitted (and no databaseUrl) means in memory. */
  dataDir?: string;
  /** A PostgreSQL server; wins over dataDir. */
  databaseUrl?: string;
  /** Failover mode: a primary and its standbys, the writable one used (no writer lock: the lease decides). */
  databaseUrls?: readonly string[];
  /** PostgreSQL only: false for a tool beside the running house (see openPostgresStore). */
  writerLock?: boolean;
}

/** Opens the configured store and brings its schema up to date. */
export async function openHouseStore(options: StoreOptions): Promise<HouseStore> {
  const store = options.databaseUrls?.length
    ? openMultiHostStore(options.databaseUrls)
    : options.databaseUrl
      ? await openPostgresStore(options.databaseUrl, { writerLock: options.writerLock })
      : await openPgliteStore(options.dataDir);
  try {
    await migrate(store);
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}
