import type { AuditEntryInput } from '../../shared/audit/audit-chain';
import { appendHouseAudit } from '../store/audit-log';
import type { HouseStore, SqlClient } from '../store/sql-client';

/** How a person appears in the house audit chain (the admin token appears as `admin`). */
export function centreActor(username: string): string {
  return `centre:${username}`;
}

/** One centre action: its row changes (if any) and its audit entry commit together. */
export async function auditedCentreChange<T>(
  store: HouseStore,
  entry: Omit<AuditEntryInput, 'at'>,
  at: string,
  work: (tx: SqlClient) => Promise<T> = async () => undefined as T,
): Promise<T> {
  return store.transaction(async (tx) => {
    const result = await work(tx);
    await appendHouseAudit(tx, [{ ...entry, at }]);
    return result;
  });
}
