import { test, expect, type Browser, type Page } from '@playwright/test';
import { loginByKeyboard, watchConsole, pickBank } from './support';
import { mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bankCodeOf, START_TIMEOUT_MS, startHouseWithConsole } from './child-processes';
import { readPain002, writePain001 } from '../app/shared/bulk';

/**
 * 批量支付 against a real clearing house child process (issue 13): a clerk imports a customer's
 * pain.001 with two bad lines, corrects one and drops the other; a supervisor whose verification
 * limit is below the batch's total sees the verify button disabled with the reason; another
 * supervisor re-keys count and total and verifies; the payments settle at the house (HVPS at
 * once, BEPS when the cycle closes), the lines follow live, and the pain.002 download carries
 * each line's status. Templates: a clerk writes one, a supervisor approves it, payment entry
 * starts from it. Screenshots at 1366x768 in zh-CN and English go to SHOTS_DIR.
 */

const SHOTS_DIR = process.env.BULK_SHOTS_DIR ?? join(tmpdir(), 'bulk-shots');
mkdirSync(SHOTS_DIR, { recursive: true });
const VIEWPORT = { width: 1366, height: 768 };

let world: Awaited<ReturnType<typeof startHouseWithConsole>> | undefined;
let consoleUrl = '';
const operators: Record<string, string> = {};
let batchId = '';

async function open(browser: Browser, username: string): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage({ viewport: VIEWPORT });
  const problems = watchConsole(page);
  await loginByKeyboard(page, consoleUrl, username, operators[username] ?? '');
  return { page, problems };
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SHOTS_DIR, `${name}.png`) });
}

/** Screenshots in Chinese, then English, and back to Chinese. */
async function shotBoth(page: Page, name: string): Promise<void> {
  await shot(page, `${name}-zh`);
  await page.getByTestId('lang-switch').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await shot(page, `${name}-en`);
  await page.getByTestId('lang-switch').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
}

const customerFile = (): string =>
  writePain001({
    version: '001.09',
    messageId: 'HKSM-PAY-20261126-01',
    creationDateTime: '2026-11-26T08:00:00+08:00',
    requestedDate: '2026-11-26',
    debtorName: '汉口商贸有限公司',
    debtorAccount: '6222020000000001',
    debtorBankCode: bankCodeOf('HKB'),
    payments: [
      { reference: 'E2E-001', creditorName: '武昌医药有限公司', creditorAccount: '6222000000100001', creditorBankCode: bankCodeOf('ICBC'), amount: '1200.00', currency: 'CNY', purpose: '三月货款' },
      { reference: 'E2E-002', creditorName: '江夏物流有限公司', creditorAccount: 'ABC!12', creditorBankCode: bankCodeOf('CCB'), amount: '880.00', currency: 'CNY', purpose: '运费' },
      { reference: 'E2E-003', creditorName: '光谷电子有限公司', creditorAccount: '6222000000100003', creditorBankCode: bankCodeOf('BOC'), amount: '60000.00', currency: 'CNY', purpose: '设备款' },
      { reference: 'E2E-004', creditorName: '汉阳五金商行', creditorAccount: '6222000000100004', creditorBankCode: '999521000000', amount: '350.00', currency: 'CNY', purpose: '五金' },
    ],
  });

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(START_TIMEOUT_MS * 2);
  world = await startHouseWithConsole('bulk');
  consoleUrl = world.url;
  Object.assign(operators, world.operators);
});

test.afterAll(async () => {
  await world?.stop();
});

test('a clerk imports a pain.001 with two bad lines, corrects one and drops the other', async ({ browser }) => {
  test.setTimeout(120_000);
  const { page, problems } = await open(browser, 'clerk1');
  await page.getByTestId('nav-bulk').click();
  await expect(page.getByTestId('bulk-batches')).toContainText('尚无批量');
  await page.getByTestId('bulk-file').setInputFiles({ name: 'payroll-march.xml', mimeType: 'application/xml', buffer: Buffer.from(customerFile(), 'utf8') });
  const message = page.getByTestId('bulk-message');
  await expect(message).toContainText('共 4 笔，其中 2 笔有错误');
  batchId = (await page.locator('[data-testid=bulk-batches] tr.selected').getAttribute('data-batch')) ?? '';
  expect(batchId).toMatch(/^BULK-\d{8}-0001$/);
  const lines = page.getByTestId('bulk-lines');
  await expect(lines.locator('tr[data-line]')).toHaveCount(2);
  await expect(lines.locator('tr[data-line="2"]')).toContainText('收款人账号');
  await expect(lines.locator('tr[data-line="4"]')).toContainText('行号');
  // The clerk cannot verify: disabled with the reason, before any click.
  await expect(page.getByTestId('bulk-verify-blocked')).toHaveText('批量由复核员复核');
  await expect(page.getByTestId('bulk-export-blocked')).toBeVisible();
  await lines.locator('tr[data-line="2"]').click();
  await expect(page.getByTestId('bulk-line-editor')).toContainText('第 2 行');
  await shotBoth(page, 'bulk-clerk-errors');

  await page.locator('input[name=line-creditorAccount]').fill('6222000000100002');
  await page.getByTestId('bulk-line-fix').click();
  await expect(message).toContainText('第 2 行已更正，检查通过');
  await lines.locator('tr[data-line="4"]').click();
  await page.getByTestId('bulk-line-drop').click();
  await page.locator('input[name=drop-note]').fill('客户确认收款行有误，本次不付');
  await page.getByTestId('bulk-line-drop-confirm').click();
  await expect(message).toContainText('第 4 行已删除');
  await page.getByTestId('bulk-only-invalid').uncheck();
  await expect(lines.locator('tr[data-line]')).toHaveCount(4);
  await expect(lines.locator('tr[data-line="4"]')).toContainText('已删除：客户确认收款行有误');
  await expect(page.getByTestId('bulk-count')).toHaveText('3 笔');
  await expect(page.getByTestId('bulk-total')).toHaveText('62,080.00');
  await expect(page.getByTestId('bulk-capitals')).toHaveText('人民币陆万贰仟零捌拾元整');
  expect(problems).toEqual([]);
  await page.close();
});

test('a supervisor above the limit cannot verify; another re-keys count and total; the payments settle and the pain.002 carries the statuses', async ({ browser }) => {
  test.setTimeout(180_000);
  // The administrator gives super1 a verification limit below the batch's total.
  const admin = await open(browser, 'admin');
  await admin.page.getByTestId('nav-users').click();
  await admin.page.locator('tr[data-user=super1]').click();
  await admin.page.locator('input[name=limit-checker]').fill('50000');
  await admin.page.getByTestId('limits-save').click();
  await expect(admin.page.getByTestId('users-message')).toContainText('super1 的限额已保存：录入 不限，复核 50,000.00');
  await shotBoth(admin.page, 'users-limits');
  expect(admin.problems).toEqual([]);
  await admin.page.close();

  const limited = await open(browser, 'super1');
  await limited.page.getByTestId('nav-bulk').click();
  await limited.page.locator(`tr[data-batch="${batchId}"]`).click();
  await expect(limited.page.getByTestId('bulk-verify-blocked')).toHaveText('批量金额超过您的复核限额 50,000.00 元');
  await expect(limited.page.getByTestId('bulk-verify-submit')).toBeDisabled();
  await shotBoth(limited.page, 'bulk-checker-above-limit');
  expect(limited.problems).toEqual([]);
  await limited.page.close();

  const { page, problems } = await open(browser, 'super2');
  await page.getByTestId('nav-bulk').click();
  await page.locator(`tr[data-batch="${batchId}"]`).click();
  await expect(page.getByTestId('bulk-capitals')).toHaveText('人民币陆万贰仟零捌拾元整');
  await page.locator('input[name=verify-count]').fill('3');
  // A wrong total is refused and changes nothing.
  await page.locator('input[name=verify-total]').fill('62,008.00');
  await page.getByTestId('bulk-verify-submit').click();
  await expect(page.getByTestId('bulk-message')).toContainText('与批量不符');
  await page.locator('input[name=verify-total]').fill('62,080.00');
  await expect(page.getByTestId('bulk-keyed-capitals')).toHaveText('陆万贰仟零捌拾元整');
  await shotBoth(page, 'bulk-checker-rekey');
  await page.getByTestId('bulk-verify-submit').click();
  await expect(page.getByTestId('bulk-message')).toContainText(`批量 ${batchId} 已复核：3 笔支付`);
  const lines = page.getByTestId('bulk-lines');
  // HVPS settles at once; the two BEPS lines when the house closes its netting cycle.
  await expect(lines.locator('tr[data-line="3"] .chip-settled')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('bulk-export')).toBeDisabled();
  expect(await world?.admin('/v1/admin/cycles/close', {})).toBe(200);
  await expect(lines.locator('.chip-settled')).toHaveCount(3, { timeout: 60_000 });
  await expect(page.locator(`tr[data-batch="${batchId}"]`)).toContainText('已完成');
  await expect(page.getByTestId('bulk-export')).toBeEnabled();
  await shotBoth(page, 'bulk-settled');

  const downloadWaiting = page.waitForEvent('download');
  await page.getByTestId('bulk-export').click();
  const download = await downloadWaiting;
  expect(download.suggestedFilename()).toBe(`${batchId}-pain.002.xml`);
  const report = readPain002(readFileSync((await download.path()) ?? '', 'utf8'));
  expect(report.originalMessageId).toBe('HKSM-PAY-20261126-01');
  expect(report.groupStatus).toBe('PART');
  expect(report.lines.map((l) => [l.line, l.reference, l.status, l.reasonCode])).toEqual([
    [1, 'E2E-001', 'ACSC', null],
    [2, 'E2E-002', 'ACSC', null],
    [3, 'E2E-003', 'ACSC', null],
    [4, 'E2E-004', 'RJCT', 'DS02'],
  ]);
  expect(problems).toEqual([]);
  await page.close();
});

test('templates: a clerk writes one, a supervisor approves it, payment entry starts from it', async ({ browser }) => {
  test.setTimeout(120_000);
  const clerk = await open(browser, 'clerk1');
  const page = clerk.page;
  await page.getByTestId('nav-templates').click();
  const form = page.getByTestId('template-create');
  await form.locator('input[name=tpl-name]').fill('江岸物业房租');
  await form.locator('select[name=tpl-to]').selectOption('ICBC');
  await form.locator('input[name=tpl-debtorName]').fill('汉口商贸有限公司');
  await form.locator('input[name=tpl-debtorAccount]').fill('6222020000000001');
  await form.locator('input[name=tpl-creditorName]').fill('江岸物业有限公司');
  await form.locator('input[name=tpl-creditorAccount]').fill('6222000000200001');
  await form.locator('input[name=tpl-purpose]').fill('房租');
  await page.getByTestId('template-create-submit').click();
  await expect(page.getByTestId('templates-message')).toContainText('模板 TPL-0001（江岸物业房租）已保存，待主管审批');
  await expect(page.getByTestId('template-approve')).toBeDisabled();
  await expect(page.getByTestId('template-approve-blocked')).toHaveText('模板由主管审批');
  await shotBoth(page, 'templates-clerk');

  const supervisor = await open(browser, 'super1');
  await supervisor.page.getByTestId('nav-templates').click();
  await supervisor.page.locator('tr[data-template="TPL-0001"]').click();
  await supervisor.page.getByTestId('template-approve').click();
  await expect(supervisor.page.getByTestId('templates-message')).toContainText('已审批启用');
  await expect(supervisor.page.locator('tr[data-template="TPL-0001"]')).toContainText('已启用');
  await shotBoth(supervisor.page, 'templates-approved');
  expect(supervisor.problems).toEqual([]);
  await supervisor.page.close();

  await page.keyboard.press('F2');
  await page.getByTestId('entry-template').selectOption('TPL-0001');
  await expect(page.locator('#f-amount')).toBeFocused();
  await expect(page.getByTestId('to-bank-code')).toHaveText(bankCodeOf('ICBC'));
  await page.keyboard.type('3500');
  await shotBoth(page, 'entry-from-template');
  // The language switch took the focus: back to the voucher to submit it from the keyboard.
  await page.locator('#f-amount').focus();
  await page.keyboard.press('Control+Enter');
  await expect(page.locator('[data-payment-id]')).toBeVisible();
  expect(clerk.problems).toEqual([]);
  await page.close();
});

test('a single payment above the checker limit: the supervisor sees verify disabled with the reason', async ({ browser }) => {
  test.setTimeout(120_000);
  const clerk = await open(browser, 'clerk1');
  const page = clerk.page;
  await page.keyboard.press('F2');
  await page.locator('#f-kind').selectOption('hvps');
  await pickBank(page, bankCodeOf('ICBC'));
  await page.locator('#f-amount').fill('60000');
  await page.locator('#f-debtorName').fill('汉口商贸有限公司');
  await page.locator('#f-debtorAccount').fill('6222020000000001');
  await page.locator('#f-creditorName').fill('光谷电子有限公司');
  await page.locator('#f-creditorAccount').fill('6222000000300001');
  await page.locator('#f-purpose').fill('设备尾款');
  await page.getByTestId('entry-submit').click();
  const saved = page.locator('[data-payment-id]');
  await expect(saved).toBeVisible();
  const id = (await saved.getAttribute('data-payment-id')) ?? '';
  expect(clerk.problems).toEqual([]);
  await page.close();

  const limited = await open(browser, 'super1');
  await limited.page.keyboard.press('F3');
  await limited.page.locator(`tr[data-id="${id}"]`).click();
  await expect(limited.page.getByTestId('verify-blocked')).toHaveText('金额超过您的复核限额 50,000.00 元，须由限额更高的复核员复核');
  await expect(limited.page.getByTestId('verify-approve')).toBeDisabled();
  await shotBoth(limited.page, 'verify-above-limit');
  expect(limited.problems).toEqual([]);
  await limited.page.close();
});
