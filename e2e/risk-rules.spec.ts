import { test, expect } from '@playwright/test';
import { login, shot, watchConsole } from './support';

/**
 * Risk rule-set versions with four-eyes: risk1 proposes a changed threshold (typed with
 * thousands separators, checked as typed), cannot approve it himself, and risk2 previews its
 * effect and approves it; the list then shows v2 in force and v1 superseded.
 *
 * The change is to the cross-border rule's floor: the console's CNAPS payments are all
 * domestic, so specs that run later on the same console score payments exactly as before.
 */
test.describe.configure({ mode: 'serial' });

test('risk1 proposes a changed threshold, risk2 approves it, the new version is in force', async ({ page }) => {
  const problems = watchConsole(page);
  await login(page, 'risk1');
  await page.getByTestId('nav-riskRules').click();
  await expect(page.locator('main.workspace')).toHaveAttribute('data-screen', 'riskRules');
  await expect(page.getByTestId('rr-active')).toHaveText('生效版本：v1');
  const grid = page.getByTestId('rr-grid');
  const cell = (row: number, col: string) => grid.locator(`.ag-row[row-index="${row}"] [col-id="${col}"]`).first();
  await expect(cell(0, 'status')).toHaveText('生效中');
  await expect(page.getByTestId('rr-status')).toHaveText('v1 · 生效中');
  // The rules read as a table with grouped amounts.
  await expect(page.getByTestId('rr-row-params.velocity.amountAtLeast').locator('td.rr-value')).toHaveText('1,000,000.00');
  await shot(page, 'risk-rules-list');

  // N opens the form on the version in force, first field focused.
  await cell(0, 'version').click();
  await page.keyboard.press('n');
  const editor = page.getByTestId('rr-editor');
  await expect(editor).toBeVisible();
  const floor = editor.getByTestId('rr-f-params.cross_border.minAmount');
  await floor.fill('10,000.001');
  await expect(floor).toHaveAttribute('aria-invalid', 'true');
  await expect(editor.locator('.rr-field-error')).toContainText('金额格式不正确');
  await floor.fill('10000');
  await floor.press('Tab');
  await expect(floor).toHaveValue('10,000.00');
  await expect(floor).not.toHaveAttribute('aria-invalid', 'true');
  await editor.getByTestId('rr-edit-note').fill('跨境规则起点金额调整为 1 万元，减少小额跨境误报');
  await expect(editor).toContainText('已改 1 项');
  await shot(page, 'risk-rules-edit');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('rr-message')).toHaveText('已提出 v2，待另一位风险官复核。');
  await expect(page.getByTestId('rr-pending')).toContainText('v2');
  await expect(page.getByTestId('rr-status')).toHaveText('v2 · 待复核');

  // Side by side with v1: exactly the one value changed, marked.
  await expect(page.getByTestId('rr-diff-count')).toContainText('改动 1 项');
  const changedRow = page.getByTestId('rr-row-params.cross_border.minAmount');
  await expect(changedRow).toHaveAttribute('data-changed', 'true');
  await expect(changedRow.locator('td.rr-before')).toHaveText('0.01');
  await expect(changedRow.locator('td.rr-value')).toHaveText('10,000.00');
  // The approver reads the change first: only changed rows until C (or the button) shows all.
  await expect(page.getByTestId('rr-rules').locator('tbody tr')).toHaveCount(1);
  await expect(grid.locator('.ag-row-selected')).toHaveAttribute('row-index', '0');
  // Four-eyes: the author may not approve his own version.
  await expect(page.getByTestId('rr-own')).toBeVisible();
  await expect(page.getByTestId('rr-approve')).toBeDisabled();
  await shot(page, 'risk-rules-proposed');

  // risk2 takes over.
  await page.getByTestId('logout').click();
  await login(page, 'risk2');
  await page.getByTestId('nav-riskRules').click();
  await expect(page.getByTestId('rr-status')).toHaveText('v2 · 待复核');
  await page.getByTestId('rr-preview').click();
  await expect(page.getByTestId('rr-preview-result')).toContainText('判定不同的 0 笔');
  await expect(page.getByTestId('rr-approve')).toBeEnabled();
  await shot(page, 'risk-rules-approver');
  await page.getByTestId('rr-only-changed').click();
  expect(await page.getByTestId('rr-rules').locator('tbody tr').count()).toBeGreaterThan(40);
  await expect(page.locator('[data-changed="true"]')).toHaveCount(1);
  await page.getByTestId('rr-approve').click();
  const dialog = page.getByTestId('rr-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('通过后 v2 立即用于新复核的支付');
  await expect(dialog).not.toContainText('{{');
  await dialog.getByTestId('rr-dialog-note').fill('已核对，同意');
  await shot(page, 'risk-rules-approve-dialog');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('rr-message')).toHaveText('v2 已复核通过并生效。');
  await expect(page.getByTestId('rr-active')).toHaveText('生效版本：v2');
  await expect(cell(0, 'status')).toHaveText('生效中');
  await expect(cell(1, 'status')).toHaveText('已作废');
  await expect(cell(0, 'author')).toHaveText('risk1');
  await shot(page, 'risk-rules-approved');
  expect(problems).toEqual([]);
});
