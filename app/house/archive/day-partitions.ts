import type { SqlClient } from '../store/sql-client';

/** The tables partitioned by business day (migration 0010). */
export const DAY_TABLES = ['payments', 'journal', 'audit_log'] as const;
export type DayTable = (typeof DAY_TABLES)[number];

/** A day's partition: `payments_d20261207`. The date is checked, so the name is safe to put in SQL. */
export function partitionName(table: DayTable, businessDate: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(businessDate)) throw new Error(`not a business date: ${businessDate}`);
  return `${table}_d${businessDate.replaceAll('-', '')}`;
}

/** Business dates that have a partition in any of the three tables, oldest first. */
export async function listPartitionDays(db: SqlClient): Promise<string[]> {
  const { rows } = await db.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
      WHERE p.relname = ANY($1::text[])`,
    [[...DAY_TABLES]],
  );
  const days = new Set<string>();
  for (const { name } of rows) {
    const match = /_d(\d{4})(\d{2})(\d{2})$/.exec(name);
    if (match) days.add(`${match[1]}-${match[2]}-${match[3]}`);
  }
  return [...days].sort();
}

export async function partitionExists(db: SqlClient, name: string): Promise<boolean> {
  const { rows } = await db.query<{ t: string | null }>('SELECT to_regclass($1)::text AS t', [name]);
  return Boolean(rows[0]?.t);
}
