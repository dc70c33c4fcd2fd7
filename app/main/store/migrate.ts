import type { Db } from './open-database';
import type { Migration } from './migration';
import { MIGRATIONS } from './migrations/index';

/**
 * Applies every registered migration the database has not seen, lowest version first, each in
 * its own transaction together with its row in schema_migrations and PRAGMA user_version (the
 * highest version applied). Version ranges belong to different areas, so a lower version may be
 * registered after a higher one was applied; the applied set, not user_version alone, decides.
 */
export function migrate(db: Db, migrations: readonly Migration[] = MIGRATIONS, upTo = Number.POSITIVE_INFINITY): number[] {
  assertWellFormed(migrations);
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT`);
  const applied = new Set(
    (db.prepare('SELECT version FROM schema_migrations').pluck().all() as number[]),
  );
  const ran: number[] = [];
  const ordered = [...migrations].sort((a, b) => a.version - b.version);
  for (const migration of ordered) {
    if (migration.version > upTo || applied.has(migration.version)) continue;
    db.transaction(() => {
      migration.up(db);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
        migration.version,
        migration.name,
        new Date().toISOString(),
      );
      const current = db.pragma('user_version', { simple: true }) as number;
      if (migration.version > current) db.pragma(`user_version = ${migration.version}`);
    })();
    ran.push(migration.version);
  }
  return ran;
}

function assertWellFormed(migrations: readonly Migration[]): void {
  const seen = new Set<number>();
  for (const m of migrations) {
    if (!Number.isInteger(m.version) || m.version < 1 || m.version > 9999) throw new Error(`migration ${m.name}: bad version ${m.version}`);
    if (seen.has(m.version)) throw new Error(`two migrations share version ${m.version}`);
    seen.add(m.version);
  }
}
