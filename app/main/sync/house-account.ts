import type { Db } from '../store/open-database';
import { accountResponseSchema, type AccountResponse } from '../../shared/contract/sync-protocol';
import { minuteOf } from '../../shared/clearing/clock';

/**
 * The last `GET /v1/accounts/me` the sync loop stored (balance, controls, the house's business
 * clock); null without a house link (no sync tables), before the first one, or from an older
 * house whose answer no longer parses.
 */
export function storedHouseAccount(db: Db): AccountResponse | null {
  const hasSync = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sync_state'").pluck().get();
  if (hasSync === undefined) return null;
  const raw = db.prepare<[], string>("SELECT value FROM sync_state WHERE key = 'house_account'").pluck().get();
  if (raw === undefined) return null;
  const parsed = accountResponseSchema.safeParse(JSON.parse(raw));
  return parsed.success ? parsed.data : null;
}

/**
 * The house's business clock as last seen (minute of the day, UTC+8), when it was of
 * `businessDate`: what payment entry checks a latest time against. A stale clock only lets
 * a time pass that the house then refuses; it never refuses one the house would take.
 */
export function houseClockMinute(db: Db, businessDate: string): number | undefined {
  const account = storedHouseAccount(db);
  if (account === null || account.businessDate !== businessDate || account.clock === undefined) return undefined;
  return minuteOf(account.clock);
}
