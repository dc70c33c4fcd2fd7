import { describe, it, expect, afterAll } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConsoleBackend } from '../backend';
import { call, demoToken, startDemoHouse } from '../../../test-support/demo-house';
import { isWorkingDay } from '../../shared/domain/calendar';
import { storedCalendarYears, workingCalendar } from '../settings/working-calendar';
import { createSyncExtension } from './sync-extension';
import type { SyncLoop } from './sync-loop';
import { prepareConsoleStore } from './test-support/console-process';

/** A National-Day-like week (test data, not the official calendar). */
const october = {
  year: 2026,
  source: 'test',
  holidays: ['01', '02', '03', '04', '05', '06', '07'].map((d) => ({ date: `2026-10-${d}`, name: '国庆节' })),
  workingWeekends: [{ date: '2026-10-10', name: '调休上班' }],
};

async function waitFor(what: string, check: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function openConsole(dir: string, houseUrl: string) {
  let loop: SyncLoop | undefined;
  const backend = await createConsoleBackend({
    dataDir: dir,
    log: () => undefined,
    extensions: [createSyncExtension({ houseUrl, token: demoToken('HKB'), idleIntervalMs: 50, onLoop: (l) => (loop = l) })],
  });
  if (!loop) throw new Error('sync loop not started');
  return { backend, db: backend.services.db, loop };
}

describe('the working calendar travels from the house to the console', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hankou-console-calendar-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('pulled and stored, replaced when the house replaces it, and still used offline', async () => {
    await prepareConsoleStore(dir, 'HKB');
    const house = await startDemoHouse();
    try {
      const online = await openConsole(dir, house.url);
      try {
        expect(storedCalendarYears(online.db)).toEqual([]);
        expect((await call(`${house.url}/v1/admin/calendar/2026`, house.adminToken, 'PUT', october)).status).toBe(200);
        await waitFor('the calendar', () => storedCalendarYears(online.db).length === 1);
        expect(storedCalendarYears(online.db)).toEqual([october]);

        const revised = { ...october, source: 'revised', workingWeekends: [...october.workingWeekends, { date: '2026-09-27', name: '调休上班' }] };
        expect((await call(`${house.url}/v1/admin/calendar/2026`, house.adminToken, 'PUT', revised)).status).toBe(200);
        await waitFor('the revised calendar', () => storedCalendarYears(online.db)[0]?.source === 'revised');
        expect(isWorkingDay('2026-09-27', workingCalendar(online.db))).toBe(true);
      } finally {
        await online.backend.close();
      }
    } finally {
      await house.close();
    }

    // The house is gone: the console keeps its last calendar.
    const offline = await openConsole(dir, 'http://127.0.0.1:9');
    try {
      await waitFor('offline', () => offline.loop.connection === 'offline');
      const calendar = workingCalendar(offline.db);
      expect(calendar.holidays.get('2026-10-01')).toBe('国庆节');
      expect(isWorkingDay('2026-10-10', calendar)).toBe(true);
      expect(isWorkingDay('2026-09-27', calendar)).toBe(true);
    } finally {
      await offline.backend.close();
    }
  }, 120_000);
});
