import type { DirectoryEntry } from '../../shared/contract/centre-api';
import type { SqlClient } from '../store/sql-client';

/** The participant directory (行名行号): every participant with its 12-digit bank code, by code. */
export async function readDirectory(db: SqlClient): Promise<DirectoryEntry[]> {
  const { rows } = await db.query<{ id: string; name: string; bank_code: string; suspended: boolean }>('SELECT id, name, bank_code, suspended FROM participants ORDER BY bank_code, id');
  return rows.map((r) => ({ id: r.id, name: r.name, bankCode: r.bank_code, active: !r.suspended }));
}
