import { describe, it, expect, beforeAll, afterAll, afterEach, vi } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../main';
import type { CliIo } from '../command';
import { startHouse, type RunningHouse } from '../../house/house';
import { TEST_SEED } from '../../house/test-support/fixtures';

const ADMIN_TOKEN = 'cli-calendar-admin-token-0001';

/** A National-Day-like week (test data, not the official calendar). */
const october = {
  year: 2027,
  source: 'test',
  holidays: ['01', '02', '03', '04', '05', '06', '07'].map((d) => ({ date: `2027-10-${d}`, name: '国庆节' })),
  workingWeekends: [{ date: '2027-10-09', name: '调休上班' }],
};

/** Runs `hankou ...args` in-process, capturing what it prints; stdin is `stdin` if given. */
async function hankou(args: string[], stdin?: string): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = {
    out: (t) => (out += `${t}\n`),
    err: (t) => (err += `${t}\n`),
    ...(stdin === undefined ? {} : { readStdin: async () => stdin }),
  };
  const code = await main(args, io);
  return { code, out, err };
}

describe('hankou house calendar', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hankou-cli-calendar-'));
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  let house: RunningHouse;
  let tokenFile: string;

  beforeAll(async () => {
    house = await startHouse({ dataDir: join(dir, 'house'), seed: TEST_SEED, adminToken: ADMIN_TOKEN, logLevel: 'silent', cycleIntervalMs: 0, offsetIntervalMs: 0 });
    tokenFile = file('admin-token', `${ADMIN_TOKEN}\n`);
  }, 60_000);
  afterAll(async () => {
    await house?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  afterEach(() => vi.restoreAllMocks());

  it('put loads a year into the running house and get prints it back, the same calendar', async () => {
    const calendarFile = file('2027.json', JSON.stringify(october));
    const put = await hankou(['house', 'calendar', 'put', '--url', house.url, '--admin-token-file', tokenFile, '--file', calendarFile]);
    expect(put).toMatchObject({ code: 0, err: '' });
    expect(JSON.parse(put.out)).toEqual({ year: 2027, holidays: 7, workingWeekends: 1 });

    const get = await hankou(['house', 'calendar', 'get', '--url', `${house.url}/`, '--admin-token-file', tokenFile, '--year', '2027']);
    expect(get).toMatchObject({ code: 0, err: '' });
    expect(JSON.parse(get.out)).toEqual(october);

    // The token may come on standard input instead of a file.
    const fromStdin = await hankou(['house', 'calendar', 'get', '--url', house.url, '--admin-token-file', '-', '--year', '2027'], `${ADMIN_TOKEN}\n`);
    expect(fromStdin.code).toBe(0);
    expect(JSON.parse(fromStdin.out)).toEqual(october);
  });

  it('a bad file is refused here, naming the problem, with no request to the house', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    const weekday = file('weekday.json', JSON.stringify({ ...october, year: 2028, holidays: [], workingWeekends: [{ date: '2028-10-10', name: '调休上班' }] }));
    const bad = await hankou(['house', 'calendar', 'put', '--url', house.url, '--admin-token-file', tokenFile, '--file', weekday]);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('workingWeekends.0.date: 2028-10-10 is not a Saturday or Sunday');
    expect(bad.err).toContain('nothing was sent to the house');

    const notJson = await hankou(['house', 'calendar', 'put', '--url', house.url, '--admin-token-file', tokenFile, '--file', file('broken.json', '{"year": 2028,')]);
    expect(notJson.code).toBe(2);
    expect(notJson.err).toMatch(/not JSON/);
    expect(fetchSpy).not.toHaveBeenCalled();
    vi.restoreAllMocks();

    // And the house has no 2028.
    const get = await hankou(['house', 'calendar', 'get', '--url', house.url, '--admin-token-file', tokenFile, '--year', '2028']);
    expect(get.code).toBe(1);
    expect(get.err).toMatch(/refused \(404\): no calendar for 2028/);
  });

  it('a wrong admin token gets a clear error and changes nothing', async () => {
    const wrong = file('wrong-token', 'not-the-admin-token-0000000');
    const calendarFile = file('2029.json', JSON.stringify({ ...october, year: 2029, holidays: [{ date: '2029-10-01', name: '国庆节' }], workingWeekends: [] }));
    const put = await hankou(['house', 'calendar', 'put', '--url', house.url, '--admin-token-file', wrong, '--file', calendarFile]);
    expect(put.code).toBe(1);
    expect(put.out).toBe('');
    expect(put.err).toMatch(/refused \(401\).*check --admin-token-file/);
    const get = await hankou(['house', 'calendar', 'get', '--url', house.url, '--admin-token-file', wrong, '--year', '2029']);
    expect(get.code).toBe(1);
    expect(get.err).toMatch(/refused \(401\)/);
    expect((await hankou(['house', 'calendar', 'get', '--url', house.url, '--admin-token-file', tokenFile, '--year', '2029'])).code).toBe(1);
  });

  it('a house that is not there is a clear error', async () => {
    const r = await hankou(['house', 'calendar', 'get', '--url', 'http://127.0.0.1:9', '--admin-token-file', tokenFile, '--year', '2027']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/could not reach the house at http:\/\/127\.0\.0\.1:9/);
  });

  it('misuse is a usage error (exit 2) with the usage text, and no request', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    const calendarFile = file('ok.json', JSON.stringify(october));
    const cases: Array<[string[], RegExp]> = [
      [['house', 'calendar'], /calendar needs put or get/],
      [['house', 'calendar', 'delete'], /unknown calendar subcommand delete/],
      [['house', 'calendar', 'put', '--admin-token-file', tokenFile, '--file', calendarFile], /--url is required/],
      [['house', 'calendar', 'put', '--url', house.url, '--file', calendarFile], /--admin-token-file is required/],
      [['house', 'calendar', 'put', '--url', house.url, '--admin-token-file', tokenFile], /--file is required/],
      [['house', 'calendar', 'put', '--url', house.url, '--admin-token', ADMIN_TOKEN, '--file', calendarFile], /unknown option "--admin-token"/],
      [['house', 'calendar', 'put', '--url', 'ftp://x', '--admin-token-file', tokenFile, '--file', calendarFile], /--url must be an http/],
      [['house', 'calendar', 'put', '--url', house.url, '--admin-token-file', '-', '--file', '-'], /cannot both be standard input/],
      [['house', 'calendar', 'put', '--url', house.url, '--admin-token-file', file('empty', '\n'), '--file', calendarFile], /is empty/],
      [['house', 'calendar', 'put', '--url', house.url, '--admin-token-file', join(dir, 'missing'), '--file', calendarFile], /--admin-token-file .*missing/],
      [['house', 'calendar', 'get', '--url', house.url, '--admin-token-file', tokenFile], /--year is required/],
      [['house', 'calendar', 'get', '--url', house.url, '--admin-token-file', tokenFile, '--year', '27'], /--year must be a year from 2000 to 2100/],
    ];
    for (const [args, message] of cases) {
      const r = await hankou(args, '');
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err, args.join(' ')).toMatch(message);
      expect(r.err, args.join(' ')).toContain('hankou house calendar put --url URL --admin-token-file F --file FILE');
    }
    expect(fetchSpy).not.toHaveBeenCalled();
  });
});
