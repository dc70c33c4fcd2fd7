import { migrate } from '../../store/migrate';
import { MIGRATIONS } from '../../store/migrations/index';
import type { Db } from '../../store/open-database';
import { openDatabase } from '../../store/open-database';
import { RISK_MIGRATIONS } from '../migrations/index';
import { seededStore } from '../../store/test-support/test-store';

/** For tests: an in-memory console store with every migration, the risk ones included. */
export function riskStore(): Db {
  const db = openDatabase(':memory:');
  const registered = new Set(MIGRATIONS.map((m) => m.version));
  migrate(db, [...MIGRATIONS, ...RISK_MIGRATIONS.filter((m) => !registered.has(m.version))]);
  return db;
}

/** For tests: the console's seeded store (participants HKB, ICBC, CCB) with the risk migrations. */
export function seededRiskStore(): Db {
  const db = seededStore();
  const registered = new Set(MIGRATIONS.map((m) => m.version));
  migrate(db, RISK_MIGRATIONS.filter((m) => !registered.has(m.version)));
  return db;
}
