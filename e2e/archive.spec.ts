import { test, expect } from '@playwright/test';
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { loginByKeyboard, watchConsole } from './support';
import { parseCredentialLines } from '../app/main/demo/demo-operators';
import { START_TIMEOUT_MS, startChild, stopChild } from './child-processes';

/**
 * The console's payment archive (docs/archive.md): a demo console started with a 90-day window
 * moves its older demo days to <data>/archive at start; a clerk who filters the blotter by the
 * id of an archived payment is told it is archived, when, where, and what the archive holds.
 * Screenshots in zh-CN and English go to /tmp/archive-shots (or $HANKOU_SHOTS_DIR).
 */

const SHOTS = process.env.HANKOU_SHOTS_DIR ?? '/tmp/archive-shots';
mkdirSync(SHOTS, { recursive: true });

let work = '';
let consoleChild: ChildProcess | undefined;
let url = '';
let password = '';

test.beforeAll(async () => {
  test.setTimeout(START_TIMEOUT_MS);
  work = mkdtempSync(join(tmpdir(), 'archive-e2e-'));
  const started = await startChild(['console', 'serve', '--demo', '--data', work], /Hankou console: (http:\/\/127\.0\.0\.1:\d+\/\?k=\S+)/, {
    HANKOU_DEMO_PAYMENTS: '3000',
    HANKOU_ARCHIVE_WINDOW_DAYS: '90',
  });
  consoleChild = started.child;
  url = started.match;
  password = Object.fromEntries(parseCredentialLines(started.output)).clerk1 ?? '';
  expect(password).not.toBe('');
});

test.afterAll(async () => {
  await stopChild(consoleChild);
  rmSync(work, { recursive: true, force: true });
});

/** An archived payment of the demo, once the start-up run has moved the old days. */
async function archivedId(): Promise<string> {
  let id: string | undefined;
  await expect
    .poll(
      () => {
        const db = new Database(join(work, 'console.sqlite'), { readonly: true, fileMustExist: true });
        try {
          const hasTable = db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'archived_payments'").get();
          id = hasTable ? (db.prepare("SELECT a.id FROM archived_payments a JOIN payment_archive_files f USING (location) ORDER BY f.business_date DESC, a.id LIMIT 1").pluck().get() as string | undefined) : undefined;
        } finally {
          db.close();
        }
        return id;
      },
      { timeout: 60_000 },
    )
    .toBeDefined();
  return id as string;
}

test('the blotter says an archived payment is archived, where, and what the archive holds (zh-CN and English)', async ({ page }) => {
  const problems = watchConsole(page);
  const id = await archivedId();
  await page.setViewportSize({ width: 1366, height: 768 });
  await loginByKeyboard(page, url, 'clerk1', password);
  await page.keyboard.press('F4');
  await expect(page.getByTestId('blotter-count')).toBeVisible();
  await page.locator('.ag-floating-filter[col-id="id"] input').fill(id);
  await expect(page.getByTestId('blotter-count')).toHaveText('共 0 笔');
  const notice = page.getByTestId('blotter-archived');
  await expect(notice).toContainText(`支付 ${id} 已归档`);
  await expect(notice).toContainText(join(work, 'archive', 'payments'));
  await expect(page.getByTestId('blotter-archived-row')).toContainText('归档记录');
  await page.screenshot({ path: join(SHOTS, 'blotter-archived-zh-CN.png') });

  await page.getByTestId('lang-switch').click();
  await expect(notice).toContainText(`Payment ${id} is archived`);
  await expect(page.getByTestId('blotter-archived-row')).toContainText('As archived');
  await page.screenshot({ path: join(SHOTS, 'blotter-archived-en.png') });

  // An id in the list: no notice.
  await page.locator('.ag-floating-filter[col-id="id"] input').fill('');
  await expect(page.getByTestId('blotter-archived')).toHaveCount(0);
  expect(problems).toEqual([]);
});
