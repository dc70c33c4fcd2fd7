import { test, expect } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { globalConsole } from './global-consoles';

/**
 * The blotter at a million rows. Slow to set up (the demo writes 1,000,000 payments), so it runs
 * only when asked: HANKOU_DEMO_PAYMENTS=1000000 npx playwright test -c e2e/playwright.config.ts blotter-scale
 */
const MILLION = 1_000_000;
const demoSize = Number(process.env.HANKOU_DEMO_PAYMENTS ?? '0');
/** What a clerk would still call immediate after a jump across the whole history. */
const JUMP_BUDGET_MS = 2_000;

const resultsDir = join(dirname(dirname(fileURLToPath(import.meta.url))), 'test-results');

test.skip(demoSize < MILLION, 'set HANKOU_DEMO_PAYMENTS=1000000 to run the million-row blotter check');

test('the blotter stays responsive at a million rows: top, middle, end, and a sort', async ({ page }) => {
  test.setTimeout(180_000);
  const { operators, url } = globalConsole();
  await page.goto(url);
  await page.keyboard.type('clerk1');
  await page.keyboard.press('Tab');
  await page.keyboard.type(operators.clerk1 ?? '');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('statusbar')).toContainText('clerk1');

  const figures: Record<string, number> = {};
  let started = Date.now();
  await page.keyboard.press('F4');
  await expect(page.locator('.ag-row[row-index="0"] .ag-cell[col-id="id"]')).not.toBeEmpty();
  figures.firstPageMs = Date.now() - started;
  const total = Number(((await page.getByTestId('blotter-count').textContent()) ?? '').replace(/\D/g, ''));
  expect(total).toBeGreaterThanOrEqual(MILLION);

  /** Rendered rows at or after `fromIndex` whose id cell holds data (not a loading placeholder). */
  const loadedRowCount = (fromIndex = 0) => () =>
    page.locator('.ag-row[row-index]').evaluateAll(
      (rows, from) =>
        rows.filter((r) => Number(r.getAttribute('row-index')) >= from && /\S/.test(r.querySelector('[col-id="id"]')?.textContent ?? '')).length,
      fromIndex,
    );
  const jumpTo = async (fraction: number) => {
    const began = Date.now();
    await page.locator('.ag-body-vertical-scroll-viewport').evaluate((el, f) => {
      el.scrollTop = (el.scrollHeight - el.clientHeight) * f;
    }, fraction);
    // Rows near the target whose id cells hold data (not the loading placeholder).
    await expect.poll(loadedRowCount(Math.floor((total - 60) * fraction)), { intervals: [25] }).toBeGreaterThan(10);
    const indexes = await page.locator('.ag-row[row-index]').evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('row-index'))));
    return { ms: Date.now() - began, firstIndex: Math.min(...indexes) };
  };

  const middle = await jumpTo(0.5);
  figures.middleJumpMs = middle.ms;
  expect(middle.firstIndex).toBeGreaterThan(total * 0.4);
  const end = await jumpTo(1);
  figures.endJumpMs = end.ms;
  expect(end.firstIndex).toBeGreaterThan(total - 200);
  await page.screenshot({ path: join(resultsDir, 'screens/blotter-million-end.png') });

  started = Date.now();
  await page.locator('.ag-header-cell[col-id="amount"] .ag-header-cell-label').click();
  await expect(page.locator('.ag-header-cell[role="columnheader"][col-id="amount"]')).toHaveAttribute('aria-sort', /ascending|descending/);
  await expect.poll(loadedRowCount(), { intervals: [25] }).toBeGreaterThan(10);
  figures.sortAtEndMs = Date.now() - started;

  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(join(resultsDir, 'blotter-scale.json'), `${JSON.stringify({ rows: total, ...figures, budgetMs: JUMP_BUDGET_MS }, null, 2)}\n`);
  console.log(JSON.stringify({ rows: total, ...figures }));
  expect(figures.middleJumpMs).toBeLessThan(JUMP_BUDGET_MS);
  expect(figures.endJumpMs).toBeLessThan(JUMP_BUDGET_MS);
  expect(figures.sortAtEndMs).toBeLessThan(JUMP_BUDGET_MS);
});
