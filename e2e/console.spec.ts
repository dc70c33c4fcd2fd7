import { test, expect, type Page } from '@playwright/test';
import { consoleUrl as url, login, shot, watchConsole } from './support';






async function logout(page: Page): Promise<void> {
  await page.getByTestId('logout').click();
  await expect(page.locator('input[name=username]')).toBeVisible();
}

/** Fills the entry form by keyboard from the first field; returns the saved payment id. */
async function captureByKeyboard(page: Page, creditor: { name: string; account: string }, amount: string): Promise<string> {
  await page.keyboard.press('F2');
  await expect(page.locator('#f-kind')).toBeFocused();
  // Kind hvps is the default: Enter moves on like Tab; priority stays normal.
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await expect(page.locator('#f-to')).toBeFocused();
  await page.keyboard.press('ArrowDown'); // the directory's banks (行名行号), by code
  const bankCode = (await page.getByTestId('bank-suggestions').getByRole('option').first().getAttribute('data-bank-code')) ?? '';
  expect(bankCode).toMatch(/^\d{12}$/);
  await page.keyboard.type(bankCode); // a full 行号 typed is the bank chosen
  await expect(page.getByTestId('to-bank-code')).toHaveText(bankCode);
  await page.keyboard.press('Enter');
  await page.keyboard.type(amount);
  await page.keyboard.press('Enter');
  await page.keyboard.type('武汉长江钢铁有限公司');
  await page.keyboard.press('Enter');
  await page.keyboard.type('420101000123');
  await page.keyboard.press('Enter');
  await page.keyboard.type(creditor.name);
  await page.keyboard.press('Enter');
  await page.keyboard.type(creditor.account);
  await page.keyboard.press('Enter');
  await page.keyboard.type('货款');
  await page.keyboard.press('Control+Enter');
  const saved = page.locator('[data-payment-id]');
  await expect(saved).toBeVisible();
  return (await saved.getAttribute('data-payment-id')) ?? '';
}

test.describe.configure({ mode: 'serial' });

let paymentId = '';
let supervisorOwnId = '';

test('the console is served with a strict CSP and hardening headers', async ({ request }) => {
  const response = await request.get(url());
  expect(response.status()).toBe(200);
  const headers = response.headers();
  const csp = headers['content-security-policy'] ?? '';
  const port = new URL(url()).port;
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain(`connect-src 'self' ws://127.0.0.1:${port}`);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).not.toContain('unsafe-eval');
  expect(csp).not.toContain('unsafe-inline');
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['x-frame-options']).toBe('DENY');
  expect(headers['referrer-policy']).toBe('no-referrer');
  // The page carries no inline script for the CSP to allow.
  expect(await response.text()).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
});

test('the printed address lands on a clean, bookmarkable one; without the launch cookie the page says how to get in', async ({ page, browser }) => {
  const bare = new URL(url());
  bare.search = '';
  await page.goto(url());
  // The key is exchanged for an HttpOnly cookie and leaves the address bar.
  await expect(page).toHaveURL(bare.toString());
  await expect(page.getByRole('heading', { name: '操作员登录' })).toBeVisible();
  const cookies = await page.context().cookies();
  expect(cookies.find((c) => c.name === `hankou_launch_${bare.port}`)).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
  // A bookmark of the clean address, opened again in this browser, works.
  const again = await page.context().newPage();
  await again.goto(bare.toString());
  await expect(again.getByRole('heading', { name: '操作员登录' })).toBeVisible();
  await again.close();
  // Another browser (no cookie) is told how to get in.
  const fresh = await browser.newContext();
  const stranger = await fresh.newPage();
  await stranger.goto(bare.toString());
  await expect(stranger.getByTestId('missing-key')).toContainText('缺少启动密钥');
  await expect(stranger.getByTestId('missing-key')).toContainText('Open the full address');
  await fresh.close();
  // The same notice once the cookie is gone (expired, or the console restarted), as a clerk sees it.
  await page.context().clearCookies();
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(bare.toString());
  await expect(page.getByTestId('missing-key')).toContainText('缺少启动密钥');
  await shot(page, 'launch-key-needed');
});

test('a wrong password is refused with a reason, in Chinese', async ({ page }) => {
  const problems = watchConsole(page);
  await page.goto(url());
  await expect(page.getByRole('heading', { name: '操作员登录' })).toBeVisible();
  await shot(page, 'login');
  await page.keyboard.type('clerk2');
  await page.keyboard.press('Tab');
  await page.keyboard.type('not-the-password');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('login-error')).toBeVisible();
  await expect(page.getByTestId('login-error')).toContainText(/[\u4e00-\u9fff]/);
  await shot(page, 'login-error');
  expect(problems.filter((p) => !p.includes('401'))).toEqual([]);
});

test('a clerk captures an hvps payment with the keyboard only and sees the capitals', async ({ page }) => {
  const problems = watchConsole(page);
  await login(page, 'clerk1');
  await expect(page.getByTestId('entry-keys')).toContainText('Ctrl+Enter');

  // Mistakes are explained beside the field as they happen.
  await page.locator('#f-amount').focus();
  await page.keyboard.type('1409.505');
  await expect(page.getByTestId('error-amount')).toHaveText('金额最多两位小数');
  await page.keyboard.press('Backspace');
  await expect(page.getByTestId('error-amount')).toHaveText('');
  await expect(page.getByTestId('capitals')).toHaveText('壹仟肆佰零玖元伍角');
  await page.keyboard.press('Escape');
  await expect(page.locator('#f-amount')).toHaveValue('');
  await expect(page.getByTestId('capitals')).toHaveText('');

  // A short account is explained in place, then the form is cleared and captured properly.
  await page.locator('#f-creditorAccount').focus();
  await page.keyboard.type('12');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('error-creditorAccount')).toContainText('账号须为 6 至 34 位');
  await page.keyboard.press('F9');
  await expect(page.getByTestId('error-to')).toHaveText('请选择收款行');
  await expect(page.getByTestId('error-amount')).toHaveText('请输入金额');
  await shot(page, 'entry-errors');
  await page.keyboard.press('Escape');

  // A bill asks for its own details, each explained in place.
  await page.locator('#f-kind').selectOption('bill');
  await expect(page.locator('#f-billNumber')).toBeVisible();
  await page.keyboard.press('F9');
  await expect(page.getByTestId('error-billNumber')).toContainText('票据号码');
  await expect(page.getByTestId('error-drawer')).toHaveText('请输入出票人');
  await shot(page, 'entry-bill');
  await page.locator('#f-kind').selectOption('hvps');
  await page.keyboard.press('Escape');
  await expect(page.locator('#f-billNumber')).toHaveCount(0);

  await page.locator('#f-kind').focus();
  paymentId = await captureByKeyboard(page, { name: '汉口长江贸易有限公司', account: '6222020200112233' }, '1409.50');
  expect(paymentId).not.toBe('');
  await expect(page.locator('[data-payment-id]')).toContainText('1,409.50');
  // The form is ready for the next voucher, with the capitals of that amount shown while typing.
  await page.keyboard.press('Enter');
  await page.keyboard.type('6007.14');
  await expect(page.getByTestId('capitals')).toHaveText('陆仟零柒元壹角肆分');
  await shot(page, 'entry');
  expect(problems).toEqual([]);
});

test('the clerk cannot verify their own payment', async ({ page }) => {
  await login(page, 'clerk1');
  await page.keyboard.press('F3');
  const row = page.locator(`tr[data-id="${paymentId}"]`);
  await expect(row).toBeVisible();
  await row.click();
  await expect(page.getByTestId('verify-maker')).toHaveText('clerk1');
  await page.keyboard.press('F8');
  await expect(page.getByTestId('verify-message')).toBeVisible();
  await expect(page.locator(`tr[data-id="${paymentId}"]`)).toBeVisible();
  await shot(page, 'verify-refused-clerk');
});

test('a supervisor cannot verify a payment they captured themselves', async ({ page }) => {
  await login(page, 'super1');
  const ownId = await captureByKeyboard(page, { name: '武昌建设集团', account: '6222020200445566' }, '250.00');
  supervisorOwnId = ownId;
  await page.keyboard.press('F3');
  const row = page.locator(`tr[data-id="${ownId}"]`);
  await row.click();
  await expect(page.getByTestId('verify-maker')).toHaveText('super1');
  await page.keyboard.press('F8');
  await expect(page.getByTestId('verify-message')).toBeVisible();
  await expect(row).toBeVisible();
});

test('a supervisor verifies the clerk’s payment by keyboard, seeing the maker', async ({ page }) => {
  const problems = watchConsole(page);
  await login(page, 'super1');
  await page.keyboard.press('F3');
  await expect(page.getByTestId('verify-list')).toBeFocused();
  // Walk down the queue with the arrow keys to the clerk's payment.
  for (let i = 0; i < 50; i++) {
    if ((await page.locator('tr.selected').getAttribute('data-id')) === paymentId) break;
    await page.keyboard.press('ArrowDown');
  }
  await expect(page.locator('tr.selected')).toHaveAttribute('data-id', paymentId);
  await expect(page.getByTestId('verify-maker')).toHaveText('clerk1');
  await expect(page.getByTestId('verify-details')).toContainText('壹仟肆佰零玖元伍角');
  await shot(page, 'verify');
  await page.keyboard.press('F8');
  await expect(page.getByTestId('verify-message')).toContainText(paymentId);
  await expect(page.locator(`tr[data-id="${paymentId}"]`)).toHaveCount(0);
  expect(problems).toEqual([]);
});

test('another supervisor sends a draft back with a reason (F7)', async ({ page }) => {
  await login(page, 'super2');
  await page.keyboard.press('F3');
  await page.locator(`tr[data-id="${supervisorOwnId}"]`).click();
  await expect(page.getByTestId('verify-maker')).toHaveText('super1');
  await page.keyboard.press('F7');
  // A clerk types once the reason box has appeared and taken the caret; so does the test.
  await expect(page.getByRole('textbox', { name: '退回原因' })).toBeFocused();
  await page.keyboard.type('收款人账号与凭证不符');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('verify-message')).toContainText(supervisorOwnId);
  await expect(page.locator(`tr[data-id="${supervisorOwnId}"]`)).toHaveCount(0);
});

test('the blotter finds the payment by filter among the demo rows', async ({ page }) => {
  const problems = watchConsole(page);
  await login(page, 'clerk1');
  await page.keyboard.press('F4');
  await expect(page.getByTestId('blotter-count')).toBeVisible();
  const total = Number(((await page.getByTestId('blotter-count').textContent()) ?? '').replace(/\D/g, ''));
  expect(total).toBeGreaterThanOrEqual(20_000);
  await expect(page.locator('.ag-row').first()).toBeVisible();
  // The keyboard lands in the grid: the arrows walk the rows.
  await expect(page.locator('.ag-row[row-index="0"] .ag-cell-focus')).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await expect(page.locator('.ag-row[row-index="1"] .ag-cell-focus')).toBeVisible();
  await shot(page, 'blotter');
  await page.locator('.ag-floating-filter[col-id="id"] input').fill(paymentId);
  await expect(page.getByTestId('blotter-count')).toHaveText('共 1 笔');
  const row = page.locator('.ag-row', { hasText: paymentId });
  await expect(row).toContainText('1,409.50');
  await expect(row).toContainText('已复核');
  await shot(page, 'blotter-filtered');
  // The status list above the grid narrows by status in SQL too.
  await page.locator('.ag-floating-filter[col-id="id"] input').fill('');
  await page.getByTestId('filter-status').selectOption('cancelled');
  await expect(page.getByTestId('blotter-count')).not.toHaveText(`共 ${total.toLocaleString('en-US')} 笔`);
  await expect(page.locator('.ag-row', { hasText: supervisorOwnId })).toContainText('已撤销');
  expect(problems).toEqual([]);
});

test('the language switch turns the console into English and back', async ({ page }) => {
  await login(page, 'clerk1');
  await expect(page.getByTestId('nav-entry')).toContainText('支付录入');
  await page.keyboard.press('F6');
  await expect(page.getByRole('heading', { name: '提示信息' })).toBeVisible();
  await shot(page, 'alerts');
  await page.getByTestId('lang-switch').click();
  await expect(page.getByTestId('nav-entry')).toContainText('Payment entry');
  await expect(page.getByTestId('statusbar')).toContainText('Business date');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.keyboard.press('F4');
  await expect(page.getByTestId('blotter-count')).toContainText('payments');
  await shot(page, 'blotter-en');
  await page.keyboard.press('F2');
  await page.keyboard.press('F9');
  await expect(page.getByTestId('error-amount')).toHaveText('amount is required');
  await shot(page, 'entry-en');
  await page.getByTestId('lang-switch').click();
  await expect(page.getByTestId('nav-entry')).toContainText('支付录入');
  await logout(page);
});
