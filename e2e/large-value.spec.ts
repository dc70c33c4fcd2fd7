import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { login, shot, watchConsole } from './support';

/**
 * The compliance officer's large-value report screen: risk1 opens it from the side nav, sees the
 * demo week's reports soonest due first (overdue ones in red), opens one and its payments,
 * exports it as the filing CSV, records the PBoC receipt, and sees it move to the filed list.
 * Others without the risk or auditor role do not have the screen.
 */
test.describe.configure({ mode: 'serial' });

test('a risk officer exports a large-value report and records its filing', async ({ page }) => {
  const problems = watchConsole(page);
  await login(page, 'risk1');
  await page.getByTestId('nav-largeValue').click();
  await expect(page.locator('main.workspace')).toHaveAttribute('data-screen', 'largeValue');
  const grid = page.getByTestId('lv-grid');
  // The selection box column is its own container: a row is one .ag-row per container.
  const cell = (col: string) => grid.locator(`.ag-row[row-index="0"] [col-id="${col}"]`).first();
  await expect(cell('customerName')).toBeVisible();
  await expect(page.getByTestId('lv-total')).toContainText('今日营业日');
  // Amounts are grouped with thousands separators and right-aligned.
  const amount = cell('totalAmount');
  await expect(amount).toHaveText(/^\d{1,3}(,\d{3})+\.\d{2}$/);
  expect(await amount.evaluate((el) => getComputedStyle(el).textAlign)).toBe('right');
  await shot(page, 'large-value-list');

  // Open the soonest-due report: its payments show and add up to the total.
  await cell('customerName').click();
  const detail = page.getByTestId('lv-detail');
  await expect(detail.getByTestId('lv-payments').locator('tbody tr').first()).toBeVisible();
  const reportId = (await detail.getByTestId('lv-detail-report-id').getAttribute('data-report-id')) ?? '';
  // Read in words, not as codes.
  await expect(detail.getByTestId('lv-detail-report-id')).not.toContainText('_');
  expect(reportId).toMatch(/^LV-\d{4}-\d{2}-\d{2}-/);
  const total = (await detail.getByTestId('lv-detail-total').textContent()) ?? '';
  const cents = (text: string) => BigInt(text.replace(/,/g, '').replace('.', ''));
  const paymentAmounts = await detail.locator('[data-testid="lv-payments"] tbody td.num').allTextContents();
  expect(paymentAmounts.reduce((s, a) => s + cents(a), 0n)).toBe(cents(total));
  await expect(detail).toContainText('尚未导出');
  await shot(page, 'large-value-detail');

  // Export just this one: tick its box, then the button names the count.
  await grid.locator('.ag-row[row-index="0"] .ag-selection-checkbox input').first().check();
  await expect(page.getByTestId('lv-export')).toHaveText('导出所选（1）');
  const downloadWaiting = page.waitForEvent('download');
  await page.getByTestId('lv-export').click();
  const download = await downloadWaiting;
  expect(download.suggestedFilename()).toMatch(/^large-value-reports-\d{8}T\d{6}\+0800\.csv$/);
  const csv = readFileSync((await download.path()) ?? '', 'utf8');
  expect(csv.startsWith('\uFEFF')).toBe(true);
  const lines = csv.slice(1).trimEnd().split('\r\n');
  expect(lines[0]).toBe('report_id,business_date,due_date,customer_id,customer_name,customer_type,category,direction,single,transaction_count,total_amount,threshold_amount,transaction_ids');
  expect(lines).toHaveLength(2);
  expect(lines[1]?.startsWith(`${reportId},`)).toBe(true);
  expect(lines[1]).toContain(`,${total.replace(/,/g, '')},`);
  await expect(page.getByTestId('lv-message')).toContainText('已导出 1 份报告');
  await expect(detail.getByTestId('lv-detail-status')).toHaveText('已导出');

  // Record the filing: the reference is required.
  await detail.getByTestId('lv-mark-filed').click();
  const dialog = page.getByTestId('lv-file-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('lv-file-submit')).toBeDisabled();
  await dialog.getByTestId('lv-file-ref').fill('PBOC-E2E-0001');
  await shot(page, 'large-value-file-dialog');
  await dialog.getByTestId('lv-file-submit').click();
  await expect(dialog).toBeHidden();
  await expect(detail.getByTestId('lv-detail-status')).toHaveText('已报送');
  await expect(detail.getByTestId('lv-detail-ref')).toHaveText('PBOC-E2E-0001');
  await expect(detail).toContainText('risk1');
  await expect(detail.getByTestId('lv-mark-filed')).toHaveCount(0);
  // Gone from the pending list; in the filed one.
  await expect(grid.locator(`.ag-row[row-id="${reportId}"]`)).toHaveCount(0);
  await page.getByTestId('lv-filter-status').selectOption('filed');
  await page.getByTestId('lv-apply').click();
  await expect(grid.locator(`.ag-row[row-id="${reportId}"] [col-id="status"]`).first()).toHaveText('已报送');
  await expect(grid.locator(`.ag-row[row-id="${reportId}"] [col-id="filingRef"]`).first()).toHaveText('PBOC-E2E-0001');
  await shot(page, 'large-value-filed');

  // The English screen reads the same.
  await page.getByTestId('lv-filter-status').selectOption('pending');
  await page.getByTestId('lv-apply').click();
  await page.getByTestId('lang-switch').click();
  await expect(page.getByTestId('lv-total')).toContainText('business date');
  await shot(page, 'large-value-en');
  expect(problems).toEqual([]);
});

test('a clerk has no large-value entry in the side nav', async ({ page }) => {
  await login(page, 'clerk1');
  // A clerk's menu holds a clerk's screens only (issue 16): no risk desk, no reports.
  await expect(page.getByTestId('nav-blotter')).toBeVisible();
  await expect(page.getByTestId('nav-risk')).toHaveCount(0);
  await expect(page.getByTestId('nav-largeValue')).toHaveCount(0);
});

test('an auditor reads the reports but has no export or filing', async ({ page }) => {
  await login(page, 'audit1');
  await page.getByTestId('nav-largeValue').click();
  await page.getByTestId('lv-filter-status').selectOption('filed');
  await page.getByTestId('lv-apply').click();
  // Beside the reports the demo's officer filed on time (PBOC-DEMO-…), the one filed above.
  await expect(page.getByTestId('lv-grid').locator('[col-id="filingRef"]', { hasText: 'PBOC-E2E-0001' })).toHaveCount(1);
  await expect(page.getByTestId('lv-export')).toHaveCount(0);
  await expect(page.getByTestId('lv-generate')).toHaveCount(0);
  await expect(page.getByTestId('lv-grid').locator('.ag-selection-checkbox')).toHaveCount(0);
});
