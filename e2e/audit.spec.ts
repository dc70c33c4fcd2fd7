import { test, expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { login, shot, watchConsole } from './support';
import { globalConsole } from './global-consoles';
import { checkAuditExport, parseAuditExport } from '../app/main/audit/audit-export-file';

/**
 * The auditor's screen: audit1 lands on the trail, sees the chain verified,
 * exports it and checks the file on its own; then an entry is altered in the console's SQLite
 * file behind its back and the screen names that entry in red and shows it. The alteration is
 * undone at the end (the value restored, the trigger put back) so the shared console the other
 * specs use keeps a sound chain.
 */

/** The entry altered: one of the demo's operator.created records, far enough down to need a scroll. */
const TAMPERED_SEQ = 2;

function storePath(): string {
  const { dataDir } = globalConsole();
  return join(dataDir, 'console.sqlite');
}

async function greenBanner(page: Page) {
  const banner = page.getByTestId('audit-banner');
  await expect(banner).toHaveAttribute('data-state', 'ok');
  return banner;
}

test.describe.configure({ mode: 'serial' });

test('an auditor lands on the trail with the chain verified, and only auditors have it', async ({ page }) => {
  const problems = watchConsole(page);
  await login(page, 'audit1');
  await expect(page.locator('main.workspace')).toHaveAttribute('data-screen', 'audit');
  const banner = await greenBanner(page);
  await expect(banner).toContainText('审计链校验通过');
  const ok = page.getByTestId('audit-banner-ok');
  const headHash = (await ok.getAttribute('data-head-hash')) ?? '';
  expect(headHash).toMatch(/^[0-9a-f]{64}$/);
  await expect(banner).toContainText(headHash);
  // Newest first: the top row is this very look at the trail.
  const grid = page.getByTestId('audit-grid');
  const top = grid.locator('.ag-row[row-index="0"]');
  await expect(top.locator('[col-id="action"]')).toHaveText('audit.viewed');
  await expect(top.locator('[col-id="actor"]')).toHaveText('audit1');
  await expect(grid.locator('.ag-row [col-id="action"]', { hasText: 'auth.login' }).first()).toBeVisible();
  await expect(page.getByTestId('audit-total')).toContainText('符合条件');
  // The keyboard starts in the grid: the arrows walk the entries and the full entry shows below.
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('audit-entry')).toContainText('本条哈希');
  await expect(page.getByTestId('audit-entry')).toContainText(/[0-9a-f]{64}/);
  await shot(page, 'audit-trail');

  // Filters: the auth family by audit1 only.
  await page.getByTestId('audit-filter-actor').fill('audit1');
  await page.getByTestId('audit-filter-action').fill('auth');
  await page.getByTestId('audit-filter-action').press('Enter');
  await expect(grid.locator('.ag-row[row-index="0"] [col-id="action"]')).toHaveText('auth.login');
  const actors = await grid.locator('.ag-row [col-id="actor"]').allTextContents();
  expect(new Set(actors)).toEqual(new Set(['audit1']));
  // F9 brings the trail back from any screen.
  await page.getByTestId('nav-alerts').click();
  await expect(page.locator('main.workspace')).toHaveAttribute('data-screen', 'alerts');
  await page.keyboard.press('F9');
  await expect(page.locator('main.workspace')).toHaveAttribute('data-screen', 'audit');
  expect(problems).toEqual([]);

  // A clerk has neither the menu item nor the key.
  await page.getByTestId('logout').click();
  await login(page, 'clerk1');
  await expect(page.getByTestId('nav-audit')).toHaveCount(0);
  await page.keyboard.press('F9');
  await expect(page.locator('main.workspace')).not.toHaveAttribute('data-screen', 'audit');
});

test('the export downloads a file whose manifest count and head hash are the file’s and the banner’s', async ({ page }) => {
  await login(page, 'audit1');
  await greenBanner(page);
  const downloadWaiting = page.waitForEvent('download');
  await page.getByTestId('audit-export').click();
  const download = await downloadWaiting;
  expect(download.suggestedFilename()).toMatch(/^hankou-audit-313521000011-1-\d+-\d{8}T\d{6}\+0800\.csv$/);
  const text = readFileSync((await download.path()) ?? '', 'utf8');
  expect(text.startsWith('\uFEFFseq,at,actor,action,entity,entity_id,detail,prev_hash,hash\n')).toBe(true);
  const parsed = parseAuditExport(text);
  const { manifest } = parsed;
  expect(manifest).toMatchObject({ fromSeq: 1, complete: true, exportedBy: 'audit1', verification: { ok: true } });
  // The file checks on its own: consecutive, chained, each hash recomputed, count and head as the manifest says.
  expect(checkAuditExport(parsed)).toEqual({ ok: true, count: manifest.count, headHash: manifest.headHash });
  expect(parsed.entries.at(-1)?.seq).toBe(manifest.untilSeq);
  // The banner now shows the verdict the file carries: same count, same head.
  const ok = page.getByTestId('audit-banner-ok');
  await expect(ok).toHaveAttribute('data-count', String(manifest.count));
  await expect(ok).toHaveAttribute('data-head-hash', manifest.headHash);
  await expect(page.getByTestId('audit-banner')).toContainText('导出时校验');
  await expect(page.getByTestId('audit-export-done')).toContainText(`已导出 ${manifest.count.toLocaleString('en-US')} 条`);
  // And the export is on the record: F5 reloads the trail, whose newest entries show it.
  await page.keyboard.press('F5');
  await expect(page.getByTestId('audit-grid').locator('.ag-row [col-id="action"]', { hasText: 'audit.exported' }).first()).toBeVisible();
  await shot(page, 'audit-exported');
});

test('an entry altered in the store file is named in red and brought into view', async ({ page }) => {
  const problems = watchConsole(page);
  const db = new Database(storePath());
  db.pragma('busy_timeout = 5000');
  const trigger = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'audit_log_no_update'").pluck().get() as string;
  const original = db.prepare('SELECT actor FROM audit_log WHERE seq = ?').pluck().get(TAMPERED_SEQ) as string;
  try {
    db.exec('DROP TRIGGER audit_log_no_update');
    db.prepare("UPDATE audit_log SET actor = 'mallory' WHERE seq = ?").run(TAMPERED_SEQ);

    await login(page, 'audit1');
    const banner = page.getByTestId('audit-banner');
    await expect(banner).toHaveAttribute('data-state', 'broken');
    await expect(page.getByTestId('audit-banner-broken')).toHaveAttribute('data-broken-seq', String(TAMPERED_SEQ));
    await expect(banner).toContainText(`审计链在第 ${TAMPERED_SEQ} 条断开`);
    await expect(banner).toContainText('哈希与条目内容不符');
    await expect(banner).toContainText('mallory');
    // The screen went to the entry: its row is on screen, marked and selected.
    const row = page.getByTestId('audit-grid').locator(`.ag-row[row-id="${TAMPERED_SEQ}"]`).first();
    await expect(row).toBeInViewport();
    await expect(row).toHaveClass(/audit-row-broken/);
    await expect(row).toHaveClass(/ag-row-selected/);
    await expect(row.locator('[col-id="actor"]')).toHaveText('mallory');
    await expect(page.getByTestId('audit-located')).toBeVisible();
    await shot(page, 'audit-broken');
    await page.getByTestId('lang-switch').click();
    await expect(banner).toContainText(`Chain broken at entry ${TAMPERED_SEQ}`);
    await expect(banner).toContainText("hash does not match the entry's fields");
    await shot(page, 'audit-broken-en');
    await page.getByTestId('lang-switch').click();
  } finally {
    db.prepare('UPDATE audit_log SET actor = ? WHERE seq = ?').run(original, TAMPERED_SEQ);
    db.exec(trigger);
    db.close();
  }
  // Put right, the chain verifies again (and the shared console is as the other specs expect).
  await page.getByTestId('audit-verify').click();
  await expect(page.getByTestId('audit-banner')).toHaveAttribute('data-state', 'ok');
  expect(problems).toEqual([]);
});
