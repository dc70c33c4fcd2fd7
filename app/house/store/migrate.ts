import type { HouseStore } from './sql-client';
import { MIGRATIONS } from './migrations/index';
import type { Migration } from './migrations/migration';

/** Brings the schema up to date; returns the versions it applied. */
export async function migrate(store: HouseStore, migrations: readonly Migration[] = MIGRATIONS): Promise<number[]> {
  await store.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version integer PRIMARY KEY,
    name text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`);
  const { rows } = await store.query<{ version: number }>('SELECT version FROM schema_migrations');
  const applied = new Set(rows.map((row) => Number(row.version)));
  const done: number[] = [];
  let previous = 0;
  for (const migration of migrations) {
    if (migration.version <= previous) throw new Error(`migrations out of order at ${migration.version}`);
    previous = migration.version;
    if (applied.has(migration.version)) continue;
    await store.transaction(async (tx) => {
      for (const statement of splitStatements(migration.sql)) await tx.query(statement);
      for (const statement of migration.statements ?? []) await tx.query(statement);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
    });
    done.push(migration.version);
  }
  return done;
}

/**
 * Comments are dropped first; our migrations hold no ';' inside literals or function bodies,
 * so splitting on ';' is then exact.
 */
function splitStatements(sql: string): string[] {
  return sql
    .replace(/--.*$/gm, '')
    .split(';')
    .map((statement) => statement.trim())
    .filter((statement) => statement.length > 0);
}
