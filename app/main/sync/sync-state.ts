import { preparedOnce, type Db } from '../store/open-database';

export type SyncStateKey = 'device_seq' | 'acked_seq' | 'pull_cursor' | 'house_account';

const sql = preparedOnce((db) => ({
  get: db.prepare<[string], string>('SELECT value FROM sync_state WHERE key = ?').pluck(),
  set: db.prepare('INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'),
}));

export function getSyncState(db: Db, key: SyncStateKey): string | undefined {
  return sql(db).get.get(key);
}

export function setSyncState(db: Db, key: SyncStateKey, value: string): void {
  sql(db).set.run(key, value);
}

export function getSyncNumber(db: Db, key: 'device_seq' | 'acked_seq'): number {
  const value = Number(getSyncState(db, key) ?? '0');
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`sync_state ${key} holds ${value}`);
  return value;
}
