import { describe, expect, it } from 'vitest';
import { openDatabase } from '../store/open-database';
import { migrate } from '../store/migrate';
import { storeHouseBroadcast, storeHouseSchedule, storedBroadcasts, storedScheduleFor } from './centre-reference';

const DAY = { opening: '08:30', customerCutoff: '16:00', interbankCutoff: '17:00', cycleTimes: ['10:00'], endOfDay: '17:30' };

describe("the console's copy of the centre's schedule and broadcasts", () => {
  it('keeps the default and dated schedules; a null removes a date', () => {
    const db = openDatabase(':memory:');
    migrate(db);
    expect(storedScheduleFor(db, '2026-12-07')).toBeNull();
    storeHouseSchedule(db, { day: 'default', schedule: DAY });
    storeHouseSchedule(db, { day: '2026-12-31', schedule: { ...DAY, endOfDay: '12:00', interbankCutoff: '11:30', customerCutoff: '11:00', cycleTimes: [] } });
    expect(storedScheduleFor(db, '2026-12-07')).toEqual(DAY);
    expect(storedScheduleFor(db, '2026-12-31')?.endOfDay).toBe('12:00');
    storeHouseSchedule(db, { day: '2026-12-31', schedule: null });
    expect(storedScheduleFor(db, '2026-12-31')).toEqual(DAY);
  });

  it('keeps every broadcast, newest first', () => {
    const db = openDatabase(':memory:');
    migrate(db);
    for (const id of [1, 2, 10]) storeHouseBroadcast(db, { id, at: '2026-12-07T02:00:00.000Z', sender: '王主管', participantId: null, urgency: 'info', title: `通知 ${id}`, body: '正文' });
    expect(storedBroadcasts(db).map((b) => b.id)).toEqual([10, 2, 1]);
  });
});
