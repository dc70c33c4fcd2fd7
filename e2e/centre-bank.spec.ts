import { test, expect, type Page } from '@playwright/test';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loginByKeyboard, enterTotpCode, shot, watchConsole } from './support';
import { totpSecretFor } from './totp-codes';
import { startDemoConsole, ADMIN_TOKEN, bankCodeOf, DEMO_SEED_FILE, freePort, START_TIMEOUT_MS, startChild, stopChild } from './child-processes';
import { totpCode } from '../app/shared/auth/totp';

/**
 * Issue 12 at a bank's console, against a real clearing house: the centre (two supervisors
 * with TOTP, as the house requires) publishes a business-day schedule by maker-checker and
 * sends an urgent broadcast; HKB's console shows the day's phase with a live countdown, the
 * broadcast at once as an alert, keeps it in the history; payment entry finds the receiving
 * bank by pinyin initials; a supervisor signs in with a one-time code.
 */

let work = '';
let house: ChildProcess | undefined;
let consoleChild: ChildProcess | undefined;
let consoleUrl = '';
let houseUrl = '';
const operators: Record<string, string> = {};
const CENTRE_PASSWORD = 'correct horse battery';
const BEIJING_MS = 8 * 3_600_000;

const login = (page: Page, username: string) => loginByKeyboard(page, consoleUrl, username, operators[username] ?? '');

async function houseCall(path: string, token: string | undefined, method: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  const response = await fetch(`${houseUrl}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, json: await response.json().catch(() => null) };
}

/** A centre operator's session: password, then the first code of the key the house shows at enrolment. */
async function centreLogin(username: string): Promise<string> {
  const first = await houseCall('/v1/centre/login', undefined, 'POST', { username, password: CENTRE_PASSWORD });
  expect(first.status, JSON.stringify(first.json)).toBe(200);
  const { challenge, enrolment } = first.json as { challenge: string; enrolment: { secret: string } };
  const second = await houseCall('/v1/centre/login/totp', undefined, 'POST', { challenge, code: totpCode(enrolment.secret, Date.now()) });
  expect(second.status, JSON.stringify(second.json)).toBe(200);
  return (second.json as { session: string }).session;
}

/** HH:MM Beijing time, `minutes` from now. */
const beijingTime = (minutes: number) => new Date(Date.now() + BEIJING_MS + minutes * 60_000).toISOString().slice(11, 16);

async function switchTo(page: Page, language: 'en' | 'zh-CN'): Promise<void> {
  const current = await page.evaluate(() => document.documentElement.lang);
  if (current !== language) await page.getByTestId('lang-switch').click();
  await expect(page.locator('html')).toHaveAttribute('lang', language);
}

let sup = '';

/** No visible element matching `selector` overlaps the element with test id `testId`. */
async function expectNothingUnder(page: Page, testId: string, selector: string): Promise<void> {
  const card = await page.getByTestId(testId).boundingBox();
  expect(card).not.toBeNull();
  const covered = await page.locator(selector).evaluateAll((elements, box) => {
    if (box === null) return [];
    return elements
      .map((e) => ({ e, r: e.getBoundingClientRect() }))
      .filter(({ r }) => r.width > 0 && r.height > 0)
      .filter(({ r }) => r.left < box.x + box.width && r.right > box.x && r.top < box.y + box.height && r.bottom > box.y)
      .map(({ e }) => e.id || e.className || e.tagName);
  }, card);
  expect(covered).toEqual([]);
}

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(START_TIMEOUT_MS * 2);
  work = mkdtempSync(join(tmpdir(), 'hankou-e2e-centre-bank-'));
  const housePort = await freePort();
  // Today in Beijing: the schedule's times fall on the business date itself.
  const businessDate = new Date(Date.now() + BEIJING_MS).toISOString().slice(0, 10);
  const started = await startChild(
    ['house', 'serve', '--port', String(housePort), '--data', join(work, 'house'), '--seed', DEMO_SEED_FILE, '--admin-token', ADMIN_TOKEN, '--cycle-interval-ms', '0', '--business-date', businessDate, '--log-level', 'warn'],
    /listening on (http:\/\/127\.0\.0\.1:\d+)/,
  );
  house = started.child;
  houseUrl = started.match;
  const demo = await startDemoConsole(join(work, 'console'), houseUrl, 0);
  consoleChild = demo.child;
  consoleUrl = demo.url;
  Object.assign(operators, demo.operators);

  // The centre: the break-glass bootstrap makes the first supervisor, who makes the second.
  const boot = await houseCall('/v1/centre/bootstrap', ADMIN_TOKEN, 'POST', { username: 'wang.zhu', name: '王主管', password: CENTRE_PASSWORD });
  expect(boot.status, JSON.stringify(boot.json)).toBe(201);
  sup = await centreLogin('wang.zhu');
  const created = await houseCall('/v1/centre/operators', sup, 'POST', { username: 'li.fu', name: '李复核', role: 'centre-supervisor', password: CENTRE_PASSWORD });
  expect(created.status, JSON.stringify(created.json)).toBe(201);
});

test.afterAll(async () => {
  await stopChild(consoleChild);
  await stopChild(house);
  if (work !== '') rmSync(work, { recursive: true, force: true });
});

test('the status bar shows the business day’s phase and a live countdown to the next cut-off, in UTC+8', async ({ page }) => {
  const nowMinutes = Math.floor(((Date.now() + BEIJING_MS) % 86_400_000) / 60_000);
  test.skip(nowMinutes < 15 || nowMinutes > 21 * 60, 'needs an hour or two of the Beijing day either side');
  const problems = watchConsole(page);
  await page.setViewportSize({ width: 1366, height: 768 });
  await login(page, 'clerk1');
  await expect(page.getByTestId('sb-connection')).toHaveText(/联机/, { timeout: 30_000 });
  await expect(page.getByTestId('sb-day-phase')).toHaveAttribute('data-phase', 'none');

  // The centre publishes today's schedule: proposed by one supervisor, approved by another.
  const schedule = { opening: beijingTime(-10), customerCutoff: beijingTime(60), interbankCutoff: beijingTime(90), cycleTimes: [], endOfDay: beijingTime(120) };
  const proposed = await houseCall('/v1/centre/proposals', sup, 'POST', { type: 'schedule.set', payload: { day: 'default', schedule }, note: '今日营业时间' });
  expect(proposed.status, JSON.stringify(proposed.json)).toBe(201);
  const checker = await centreLogin('li.fu');
  const approved = await houseCall(`/v1/centre/proposals/${(proposed.json as { proposal: { id: number } }).proposal.id}/approve`, checker, 'POST', {});
  expect(approved.status, JSON.stringify(approved.json)).toBe(200);

  const phase = page.getByTestId('sb-day-phase');
  await expect(phase).toHaveAttribute('data-phase', 'open', { timeout: 30_000 });
  await expect(phase).toContainText('营业中');
  const countdown = page.getByTestId('sb-countdown');
  await expect(countdown).toContainText(`距客户业务截止（${schedule.customerCutoff} UTC+8）`);
  const first = await countdown.locator('.mono').textContent();
  expect(first).toMatch(/^[01]:\d\d:\d\d$/);
  // Live: a second later it reads less.
  await expect(countdown.locator('.mono')).not.toHaveText(first ?? '', { timeout: 5_000 });
  await shot(page, 'centre-bank-status-zh');
  // Everywhere: every screen of the menu keeps the phase and the countdown in its status bar.
  const screens = await page.locator('[data-testid^="nav-"]').evaluateAll((items) => items.map((i) => i.getAttribute('data-testid') ?? ''));
  expect(screens.length).toBeGreaterThan(5);
  for (const screen of screens) {
    await page.getByTestId(screen).click();
    await expect(phase, screen).toHaveAttribute('data-phase', 'open');
    await expect(countdown, screen).toContainText(`距客户业务截止（${schedule.customerCutoff} UTC+8）`);
  }
  await switchTo(page, 'en');
  await expect(phase).toContainText('Open');
  await expect(countdown).toContainText(`customer cut-off ${schedule.customerCutoff} UTC+8 in`);
  await shot(page, 'centre-bank-status-en');
  await switchTo(page, 'zh-CN');
  expect(problems).toEqual([]);
});

test('a broadcast from the centre reaches the console at once as an alert, and stays in the history', async ({ page }) => {
  const problems = watchConsole(page);
  await page.setViewportSize({ width: 1366, height: 768 });
  await login(page, 'clerk1');
  await expect(page.getByTestId('sb-connection')).toHaveText(/联机/, { timeout: 30_000 });
  await expect(page.getByTestId('broadcast-alert')).toHaveCount(0);

  const sent = await houseCall('/v1/centre/broadcasts', sup, 'POST', {
    urgency: 'urgent',
    title: '大额支付系统今日延时至 18:30 日切',
    body: '因人民银行系统维护，今日大额支付业务截止时间顺延。请各参与者于 18:00 前发出当日大额支付，逾时将顺延至下一营业日处理。',
  });
  expect(sent.status, JSON.stringify(sent.json)).toBe(201);

  const alert = page.getByTestId('broadcast-alert');
  await expect(alert).toBeVisible({ timeout: 30_000 });
  await expect(alert).toHaveAttribute('data-urgency', 'urgent');
  await expect(alert).toContainText('大额支付系统今日延时至 18:30 日切');
  await expect(alert).toContainText('紧急');
  await expect(page.getByTestId('broadcasts-badge')).toHaveText('1');
  // A corner card: no field, list or button of the entry form lies under it (also with the
  // bill's row and the timing row shown), in either language.
  await expect(page.locator('#f-kind')).toBeVisible();
  await expectNothingUnder(page, 'broadcast-alert', '.voucher :is(input, select, button, legend, .field-label, .value, .capitals, .timing-hint, .voucher-message > *), .screen-head, .entry-template');
  await page.locator('#f-kind').selectOption('bill');
  await expectNothingUnder(page, 'broadcast-alert', '.voucher :is(input, select, button, legend, .field-label, .value, .capitals, .timing-hint, .voucher-message > *), .screen-head, .entry-template');
  await shot(page, 'centre-bank-broadcast-alert-zh');
  await switchTo(page, 'en');
  await expect(alert).toContainText('Urgent');
  await expectNothingUnder(page, 'broadcast-alert', '.voucher :is(input, select, button, legend, .field-label, .value, .capitals, .timing-hint, .voucher-message > *), .screen-head, .entry-template');
  // Its buttons stay on one line each.
  for (const box of await alert.locator('button').evaluateAll((buttons) => buttons.map((b) => b.getBoundingClientRect().height))) expect(box).toBeLessThan(26);
  await shot(page, 'centre-bank-broadcast-alert-en');
  await switchTo(page, 'zh-CN');
  await page.locator('#f-kind').selectOption('hvps');

  await page.getByTestId('broadcast-read').click();
  await expect(alert).toHaveCount(0);
  await expect(page.getByTestId('broadcasts-badge')).toHaveCount(0);
  await page.getByTestId('nav-broadcasts').click();
  await expect(page.getByTestId('broadcasts-list')).toContainText('大额支付系统今日延时至 18:30 日切');
  await expect(page.getByTestId('broadcasts-list')).toContainText('已阅');
  await expect(page.getByTestId('broadcast-detail')).toContainText('因人民银行系统维护');
  await shot(page, 'centre-bank-broadcasts-zh');
  await switchTo(page, 'en');
  await expect(page.getByTestId('broadcasts-list')).toContainText('Read');
  await shot(page, 'centre-bank-broadcasts-en');
  await switchTo(page, 'zh-CN');

  // Another clerk has not read it: the alert is theirs to see, also after it arrived.
  const other = await page.context().browser()!.newPage({ viewport: { width: 1366, height: 768 } });
  await login(other, 'clerk2');
  await expect(other.getByTestId('broadcast-alert')).toContainText('大额支付系统今日延时至 18:30 日切');
  // Keyboard only: Alt+R marks it read while the focus stays in the entry form.
  await expect(other.locator('#f-kind')).toBeFocused();
  await other.keyboard.press('Alt+r');
  await expect(other.getByTestId('broadcast-alert')).toHaveCount(0);
  await expect(other.getByTestId('broadcasts-badge')).toHaveCount(0);
  await expect(other.locator('#f-kind')).toBeFocused();
  await other.close();
  expect(problems).toEqual([]);
});

test('payment entry finds the receiving bank by pinyin initials, keyboard only', async ({ page }) => {
  const problems = watchConsole(page);
  await page.setViewportSize({ width: 1366, height: 768 });
  await login(page, 'clerk1');
  // The broadcast of the test before: read it so the entry is not covered.
  const alert = page.getByTestId('broadcast-alert');
  if (await alert.count()) await page.getByTestId('broadcast-read').click();
  await page.keyboard.press('F2');
  await expect(page.locator('#f-kind')).toBeFocused();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await expect(page.locator('#f-to')).toBeFocused();
  // 中国工商银行 -> zggs
  await page.keyboard.type('zggs');
  const options = page.getByTestId('bank-suggestions').getByRole('option');
  await expect(options.first()).toHaveAttribute('data-bank-code', bankCodeOf('ICBC'));
  await expect(options.first()).toContainText('工商银行');
  await shot(page, 'centre-bank-entry-pinyin-zh');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('to-bank-code')).toHaveText(bankCodeOf('ICBC'));
  await expect(page.locator('#f-amount')).toBeFocused();
  // By name, and the list in English.
  await page.locator('#f-to').focus();
  await page.keyboard.type('建设');
  await expect(options.first()).toHaveAttribute('data-bank-code', bankCodeOf('CCB'));
  await switchTo(page, 'en');
  await shot(page, 'centre-bank-entry-pinyin-en');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('bank-suggestions')).toHaveCount(0);
  await switchTo(page, 'zh-CN');
  expect(problems).toEqual([]);
});

test('a supervisor signs in with a one-time code', async ({ page }) => {
  const problems = watchConsole(page);
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(consoleUrl);
  await expect(page.locator('input[name=username]')).toBeFocused();
  await page.keyboard.type('super1');
  await page.keyboard.press('Tab');
  await page.keyboard.type(operators.super1 ?? '');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('totp-step')).toBeVisible();
  await expect(page.locator('input[name=code]')).toBeFocused();
  // A wrong code is refused with the reason; the step stays.
  const secret = totpSecretFor(consoleUrl, 'super1') ?? '';
  const right = totpCode(secret, Date.now());
  await page.keyboard.type(right === '000000' ? '000001' : '000000');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('login-error')).toContainText('动态口令错误');
  await shot(page, 'centre-bank-totp-zh');
  await switchTo(page, 'en');
  await expect(page.getByTestId('totp-step')).toContainText('One-time code');
  await shot(page, 'centre-bank-totp-en');
  await switchTo(page, 'zh-CN');
  await page.locator('input[name=code]').focus();
  await enterTotpCode(page, secret);
  await expect(page.getByTestId('statusbar')).toContainText('super1');
  expect(problems).toEqual([]);
});

test('the administrator sees each operator’s one-time-code state, resets one, requires codes of everyone; a clerk then enrols with the QR code', async ({ browser }) => {
  test.setTimeout(240_000);
  const admin = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  const problems = watchConsole(admin);
  await login(admin, 'admin');
  await switchTo(admin, 'zh-CN');
  await admin.getByTestId('nav-users').click();
  // The demo enrolled the supervisors and the administrator; a clerk needs no code by default.
  await expect(admin.getByTestId('totp-super1')).toContainText('已绑定');
  await expect(admin.getByTestId('totp-super2')).toContainText('已绑定');
  await expect(admin.getByTestId('totp-clerk2')).toContainText('不要求');
  await expect(admin.getByTestId('reset-totp-clerk2')).toHaveCount(0);
  // Not one's own key: the button is there, disabled, and says why.
  await expect(admin.getByTestId('reset-totp-admin')).toBeDisabled();
  await expect(admin.getByTestId('reset-totp-admin')).toHaveAttribute('title', '不能重置自己的动态口令');
  await expect(admin.getByTestId('totp-all')).not.toBeChecked();

  // super2 lost the phone: enrol again at the next sign-in.
  await admin.getByTestId('reset-totp-super2').click();
  await expect(admin.getByTestId('users-message')).toHaveText('super2 下次登录时须重新绑定动态口令。');
  await expect(admin.getByTestId('totp-super2')).toContainText('下次登录绑定');
  // Codes for every operator of the bank: the clerks now enrol at their next sign-in.
  await admin.getByTestId('totp-all').check();
  await admin.getByTestId('totp-save').click();
  await expect(admin.getByTestId('users-message')).toHaveText('已保存动态口令要求。');
  await expect(admin.getByTestId('totp-clerk2')).toContainText('下次登录绑定');
  await expect(admin.getByTestId('totp-all')).toBeChecked();
  // The broadcast card of the earlier test is read (Alt+R), so it covers no panel here.
  if ((await admin.getByTestId('broadcast-alert').count()) > 0) {
    await admin.keyboard.press('Alt+r');
    await expect(admin.getByTestId('broadcast-alert')).toHaveCount(0);
  }
  await admin.locator('.users-side').evaluate((el) => el.scrollTo(0, 0));
  await shot(admin, 'centre-bank-users-totp-zh');
  await admin.getByTestId('users-totp').scrollIntoViewIfNeeded();
  await shot(admin, 'centre-bank-users-totp-policy-zh');
  await switchTo(admin, 'en');
  // The message on screen changes language too; the column is wide enough for its English words and button.
  await expect(admin.getByTestId('users-message')).toHaveText('One-time code requirement saved.');
  await expect(admin.getByTestId('totp-clerk2')).toContainText('Set up at next sign-in');
  const cell = admin.getByTestId('totp-super1');
  expect(await cell.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
  await expect(admin.getByTestId('reset-totp-super1')).toBeVisible();
  await expect(admin.getByTestId('users-totp')).toContainText('Every operator of this bank signs in with a one-time code');
  await shot(admin, 'centre-bank-users-totp-en');
  await switchTo(admin, 'zh-CN');

  // clerk2 signs in: the password, then the key as a QR code and as text, then its first code.
  const clerk = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  const clerkProblems = watchConsole(clerk);
  await clerk.goto(consoleUrl);
  await expect(clerk.locator('input[name=username]')).toBeFocused();
  await clerk.keyboard.type('clerk2');
  await clerk.keyboard.press('Tab');
  await clerk.keyboard.type(operators.clerk2 ?? '');
  await clerk.keyboard.press('Enter');
  await expect(clerk.getByTestId('totp-step')).toContainText('绑定动态口令');
  const qr = clerk.getByTestId('totp-qr');
  await expect(qr).toBeVisible();
  // A real QR code: an image (SVG data URL) drawn at a readable size.
  expect(await qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml/);
  expect((await qr.boundingBox())?.width ?? 0).toBeGreaterThanOrEqual(120);
  const secret = (await clerk.getByTestId('totp-secret').getAttribute('data-secret')) ?? '';
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  await expect(clerk.locator('input[name=code]')).toBeFocused();
  await shot(clerk, 'centre-bank-enrol-zh');
  await switchTo(clerk, 'en');
  await expect(clerk.getByTestId('totp-step')).toContainText('Set up your one-time code');
  await shot(clerk, 'centre-bank-enrol-en');
  await switchTo(clerk, 'zh-CN');
  await clerk.locator('input[name=code]').focus();
  await enterTotpCode(clerk, secret);
  await expect(clerk.getByTestId('statusbar')).toContainText('clerk2');
  expect(clerkProblems).toEqual([]);
  await clerk.close();

  // The administrator's list shows the new key (F5 reloads it).
  await admin.keyboard.press('F5');
  await expect(admin.getByTestId('totp-clerk2')).toContainText('已绑定');
  await expect(admin.getByTestId('reset-totp-clerk2')).toBeEnabled();

  // super2's old key is gone: the next sign-in asks to enrol again, not for a code.
  const supervisor = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  await supervisor.goto(consoleUrl);
  await expect(supervisor.locator('input[name=username]')).toBeFocused();
  await supervisor.keyboard.type('super2');
  await supervisor.keyboard.press('Tab');
  await supervisor.keyboard.type(operators.super2 ?? '');
  await supervisor.keyboard.press('Enter');
  await expect(supervisor.getByTestId('totp-qr')).toBeVisible();
  await supervisor.close();
  expect(problems).toEqual([]);
  await admin.close();
});
