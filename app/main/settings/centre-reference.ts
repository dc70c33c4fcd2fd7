import { preparedOnce, type Db } from '../store/open-database';
import type { Broadcast, ScheduleChange } from '../../shared/contract/centre-api';

/**
 * What the clearing centre publishes besides the calendar (docs/centre.md), kept as the house
 * sent it so the console works offline: the business-day schedule (`house_schedule.<day>`,
 * 'default' or a date) and the broadcasts (`house_broadcast.<id, 12 digits>`). The screens that
 * show them read these rows; a later change may give them tables of their own.
 */
const sql = preparedOnce((db) => ({
  set: db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'),
  remove: db.prepare('DELETE FROM settings WHERE key = ?'),
}));

/** Call inside the pull page's transaction. A null schedule removes that day's. */
export function storeHouseSchedule(db: Db, change: ScheduleChange): void {
  const key = `house_schedule.${change.day}`;
  if (change.schedule === null) sql(db).remove.run(key);
  else sql(db).set.run(key, JSON.stringify(change.schedule));
}

export function storeHouseBroadcast(db: Db, broadcast: Broadcast): void {
  sql(db).set.run(`house_broadcast.${String(broadcast.id).padStart(12, '0')}`, JSON.stringify(broadcast));
}
