import { preparedOnce, type Db } from '../store/open-database';
import { broadcastSchema, businessScheduleSchema, type Broadcast, type ScheduleChange } from '../../shared/contract/centre-api';
import type { BusinessSchedule } from '../../shared/domain/business-day';

/**
 * What the clearing centre publishes besides the calendar (docs/centre.md), kept as the house
 * sent it so the console works offline: the business-day schedule (`house_schedule.<day>`,
 * 'default' or a date) and the broadcasts (`house_broadcast.<id, 12 digits>`). The screens that
 * show them read these rows; a later change may give them tables of their own.
 */
const sql = preparedOnce((db) => ({
  set: db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'),
  remove: db.prepare('DELETE FROM settings WHERE key = ?'),
  // Key ranges on the primary key ('/' follows '.').
  schedules: db.prepare<[], { key: string; value: string }>("SELECT key, value FROM settings WHERE key > 'house_schedule.' AND key < 'house_schedule/' ORDER BY key"),
  broadcast: db.prepare<[string], string>('SELECT value FROM settings WHERE key = ?').pluck(),
  broadcasts: db.prepare<[], { value: string }>("SELECT value FROM settings WHERE key > 'house_broadcast.' AND key < 'house_broadcast/' ORDER BY key DESC"),
}));

/** Call inside the pull page's transaction. A null schedule removes that day's. */
export function storeHouseSchedule(db: Db, change: ScheduleChange): void {
  const key = `house_schedule.${change.day}`;
  if (change.schedule === null) sql(db).remove.run(key);
  else sql(db).set.run(key, JSON.stringify(change.schedule));
}

const broadcastKey = (id: number) => `house_broadcast.${String(id).padStart(12, '0')}`;

export function storeHouseBroadcast(db: Db, broadcast: Broadcast): void {
  sql(db).set.run(broadcastKey(broadcast.id), JSON.stringify(broadcast));
}

export function storedBroadcast(db: Db, id: number): Broadcast | undefined {
  const text = sql(db).broadcast.get(broadcastKey(id));
  return text === undefined ? undefined : broadcastSchema.parse(JSON.parse(text));
}

/** The schedule of a business date as last published: that date's own, else the default, else none. */
export function storedScheduleFor(db: Db, businessDate: string): BusinessSchedule | null {
  const byDay = new Map(sql(db).schedules.all().map((row) => [row.key.slice('house_schedule.'.length), row.value]));
  const text = byDay.get(businessDate) ?? byDay.get('default');
  return text === undefined ? null : businessScheduleSchema.parse(JSON.parse(text));
}

/** Every broadcast received, newest first. */
export function storedBroadcasts(db: Db): Broadcast[] {
  return sql(db).broadcasts.all().map((row) => broadcastSchema.parse(JSON.parse(row.value)));
}
