import { describe, it, expect, afterAll } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHouse, type HouseOptions } from './house';
import { readCalendarFile } from './calendar-at-start';
import { verifyHouseAuditLog } from './store/audit-log';
import type { HouseStore } from './store/sql-client';
import { TEST_SEED, TOKENS, call } from './test-support/fixtures';

/** A National-Day-like week (test data, not the official calendar): 1-7 October off, Saturday 10 October worked. */
const october = {
  year: 2026,
  source: 'test',
  holidays: ['01', '02', '03', '04', '05', '06', '07'].map((d) => ({ date: `2026-10-${d}`, name: '国庆节' })),
  workingWeekends: [{ date: '2026-10-10', name: '调休上班' }],
};

async function calendarAudit(store: HouseStore): Promise<Array<{ actor: string; entity_id: string; detail: string }>> {
  return (await store.query<{ actor: string; entity_id: string; detail: string }>("SELECT actor, entity_id, detail FROM audit_log WHERE action = 'calendar.set' ORDER BY seq")).rows;
}

describe('house working calendar', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hankou-house-calendar-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const options: HouseOptions = { dataDir: dir, seed: TEST_SEED, logLevel: 'silent', cycleIntervalMs: 0, offsetIntervalMs: 0, businessDate: '2026-09-30' };

  it('stores a year by admin route (audited, in the pull feed), rolls end of day over the holiday onto the working Saturday, and keeps it all over a restart', async () => {
    const first = await startHouse(options);
    try {
      const url = `${first.url}/v1/admin/calendar/2026`;
      expect((await call(url, undefined, 'PUT', october)).status).toBe(401);
      expect((await call(url, TOKENS.A, 'GET')).status).toBe(401);
      expect((await call(url, first.adminToken, 'GET')).status).toBe(404);

      // Refused, with the reason, and nothing stored.
      const weekday = await call(url, first.adminToken, 'PUT', { ...october, workingWeekends: [{ date: '2026-10-09', name: '调休上班' }] });
      expect(weekday).toMatchObject({ status: 400, json: { error: 'invalid_request', message: 'workingWeekends.0.date: 2026-10-09 is not a Saturday or Sunday; only a weekend day can be declared a working day' } });
      const otherYear = await call(`${first.url}/v1/admin/calendar/2027`, first.adminToken, 'PUT', october);
      expect(otherYear).toMatchObject({ status: 400, json: { message: 'year: the body is for 2026, the address for 2027' } });
      expect((await call(`${first.url}/v1/admin/calendar/20x6`, first.adminToken, 'PUT', october)).status).toBe(400);
      expect((await call(url, first.adminToken, 'PUT', '{"year": 2026,')).status).toBe(400);
      expect((await call(url, first.adminToken, 'GET')).status).toBe(404);
      expect(await calendarAudit(first.store)).toEqual([]);

      const put = await call(url, first.adminToken, 'PUT', october);
      expect(put).toEqual({ status: 200, json: { year: 2026, holidays: 7, workingWeekends: 1 } });
      expect(await call(url, first.adminToken, 'GET')).toEqual({ status: 200, json: october });

      const audit = await calendarAudit(first.store);
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ actor: 'admin', entity_id: '2026' });
      expect(JSON.parse(audit[0]?.detail ?? '{}')).toMatchObject({ year: 2026, source: 'test', workingWeekends: [{ date: '2026-10-10', name: '调休上班' }] });

      // Every participant sees it in its pull feed.
      for (const token of [TOKENS.A, TOKENS.B]) {
        const feed = (await call(`${first.url}/v1/sync/pull?limit=100`, token, 'GET')).json as { changes: Array<{ type: string; data: unknown }> };
        expect(feed.changes.filter((c) => c.type === 'calendar').map((c) => c.data)).toEqual([october]);
      }

      // Wednesday 30 September closes onto Thursday 8 October, then Friday 9, then working Saturday 10, then Monday 12.
      const dates: string[] = [];
      for (let i = 0; i < 4; i += 1) {
        expect((await call(`${first.url}/v1/admin/end-of-day`, first.adminToken, 'POST', {})).status).toBe(200);
        dates.push(((await call(`${first.url}/v1/accounts/me`, TOKENS.A, 'GET')).json as { businessDate: string }).businessDate);
      }
      expect(dates).toEqual(['2026-10-08', '2026-10-09', '2026-10-10', '2026-10-12']);
      // The operator may still name the date.
      expect((await call(`${first.url}/v1/admin/end-of-day`, first.adminToken, 'POST', { nextBusinessDate: '2026-10-14' })).status).toBe(200);
    } finally {
      await first.close();
    }

    const second = await startHouse(options);
    try {
      expect(await call(`${second.url}/v1/admin/calendar/2026`, second.adminToken, 'GET')).toEqual({ status: 200, json: october });
      expect(((await call(`${second.url}/v1/accounts/me`, TOKENS.A, 'GET')).json as { businessDate: string }).businessDate).toBe('2026-10-14');
      expect(await verifyHouseAuditLog(second.store)).toMatchObject({ ok: true });
    } finally {
      await second.close();
    }
  }, 120_000);

  it('--calendar loads a year at start: once (the same file again is not re-audited), a changed file replaces it, a bad file stops the start', async () => {
    const file = join(dir, 'calendar-2026.json');
    writeFileSync(file, JSON.stringify(october));
    const same = await startHouse({ ...options, calendarFile: file });
    try {
      expect(await calendarAudit(same.store)).toHaveLength(1); // the route's entry from the first test; the same year is not loaded again
    } finally {
      await same.close();
    }

    const changed = { ...october, source: 'test, revised', holidays: [...october.holidays, { date: '2026-10-08', name: '国庆节' }] };
    writeFileSync(file, JSON.stringify(changed));
    const revised = await startHouse({ ...options, calendarFile: file });
    try {
      const audit = await calendarAudit(revised.store);
      expect(audit).toHaveLength(2);
      expect(audit[1]).toMatchObject({ actor: 'house-start', entity_id: '2026' });
      expect(JSON.parse(audit[1]?.detail ?? '{}')).toMatchObject({ file, source: 'test, revised' });
      expect((await call(`${revised.url}/v1/admin/calendar/2026`, revised.adminToken, 'GET')).json).toEqual(changed);
      const feed = (await call(`${revised.url}/v1/sync/pull?limit=500`, TOKENS.C, 'GET')).json as { changes: Array<{ type: string; data: { source: string } }> };
      expect(feed.changes.filter((c) => c.type === 'calendar').map((c) => c.data.source)).toEqual(['test', 'test, revised']);
    } finally {
      await revised.close();
    }

    writeFileSync(file, JSON.stringify({ ...october, holidays: [{ date: '2025-12-31', name: '元旦' }] }));
    await expect(startHouse({ ...options, calendarFile: file })).rejects.toThrow(`${file}: the calendar file is not valid: holidays.0.date: 2025-12-31 is not in 2026`);
    await expect(startHouse({ ...options, calendarFile: join(dir, 'missing.json') })).rejects.toThrow(/cannot read the calendar file .*missing\.json/);
  }, 120_000);

  it('the shipped example file is valid and labelled as an example', () => {
    const example = readCalendarFile(join(__dirname, 'calendar-example-2026.json'));
    expect(example.year).toBe(2026);
    expect(example.source).toMatch(/^example — verify against the State Council notice/);
  });
});
