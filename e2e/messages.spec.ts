import { test, expect, type Browser, type Page } from '@playwright/test';
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loginByKeyboard, openInBlotter, watchConsole } from './support';
import { registerTotpSecrets } from './totp-codes';
import { parseCredentialLines, parseTotpLines } from '../app/main/demo/demo-operators';
import { startDemoConsole, ADMIN_TOKEN, bankCodeOf, demoSeed as seed, freePort, START_TIMEOUT_MS, startChild, stopChild, tokenOf } from './child-processes';

/**
 * Messages between two banks' consoles through a real clearing house (docs/messages.md): HKB's
 * clerk asks ICBC about a payment and ICBC's clerk answers (查询查复); HKB asks for a payment
 * back and ICBC accepts it maker-checker, and the money comes back to HKB (退回申请, pacs.004);
 * HKB's supervisor stops a queued payment, it stays queued when liquidity arrives, and settles
 * once released (止付 / 解除止付). Screenshots at 1366x768 in zh-CN and English.
 */

const SHOTS = '/tmp/inquiry-shots';
let work = '';
let housePort = 0;
let house: ChildProcess | undefined;
const consoles: Record<'HKB' | 'ICBC', { child?: ChildProcess; url: string; operators: Record<string, string> }> = {
  HKB: { url: '', operators: {} },
  ICBC: { url: '', operators: {} },
};

async function open(browser: Browser, bank: 'HKB' | 'ICBC', username: string): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  const problems = watchConsole(page);
  await loginByKeyboard(page, consoles[bank].url, username, consoles[bank].operators[username] ?? '');
  await expect(page.getByTestId('sb-connection')).toHaveText(/联机/, { timeout: 30_000 });
  return { page, problems };
}

/** The newest thread of the payment's messages in view (the detail scrolls), then the screenshot. */
async function shot(page: Page, name: string): Promise<void> {
  const threads = page.locator('[data-testid^=message-thread-]');
  const panel = page.getByTestId('payment-messages');
  if ((await threads.count()) > 0) await threads.last().evaluate((el) => el.scrollIntoView({ block: 'end' }));
  else if ((await panel.count()) > 0) await panel.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
}

async function captureHvps(page: Page, to: string, amount: string): Promise<string> {
  await page.keyboard.press('F2');
  await expect(page.locator('#f-kind')).toBeFocused();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await expect(page.locator('#f-to')).toBeFocused();
  await page.keyboard.type(bankCodeOf(to));
  await expect(page.getByTestId('to-bank-code')).toHaveText(bankCodeOf(to));
  for (const text of [amount, '武汉长江钢铁有限公司', '420101000123', '武汉江城建材有限公司', '6222020200778899']) {
    await page.keyboard.press('Enter');
    await page.keyboard.type(text);
  }
  await page.keyboard.press('Enter');
  await page.keyboard.type('钢材货款');
  await page.keyboard.press('Control+Enter');
  const saved = page.locator('[data-payment-id]');
  await expect(saved).toBeVisible();
  return (await saved.getAttribute('data-payment-id')) ?? '';
}

async function verify(page: Page, id: string): Promise<void> {
  await page.keyboard.press('F3');
  await page.locator(`tr[data-id="${id}"]`).click();
  await page.keyboard.press('F8');
  await expect(page.locator(`tr[data-id="${id}"]`)).toHaveCount(0);
}

/** Opens a message dialog with `button`, fills it and sends it. */
async function sendMessage(page: Page, button: string, fill: { text: string; code?: string; decision?: 'accept' | 'refuse' }): Promise<void> {
  await page.getByTestId(button).click();
  const dialog = page.getByTestId('message-dialog');
  await expect(dialog).toBeVisible();
  if (fill.decision !== undefined) await page.getByTestId(`message-decision-${fill.decision}`).check();
  if (fill.code !== undefined) await page.getByTestId('message-reason-code').selectOption(fill.code);
  await page.getByTestId('message-text').fill(fill.text);
  await page.getByTestId('message-submit').click();
  await expect(dialog).toHaveCount(0);
}

async function houseAdmin(path: string, body: unknown): Promise<void> {
  const response = await fetch(`http://127.0.0.1:${housePort}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(200);
}

async function houseBalance(bank: string): Promise<string> {
  const response = await fetch(`http://127.0.0.1:${housePort}/v1/accounts/me`, { headers: { authorization: `Bearer ${tokenOf(bank)}` } });
  return ((await response.json()) as { balance: string }).balance;
}

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(START_TIMEOUT_MS * 3);
  mkdirSync(SHOTS, { recursive: true });
  work = mkdtempSync(join(tmpdir(), 'hankou-e2e-messages-'));
  housePort = await freePort();
  // HKB holds 1,000.00 at this house: a larger HVPS payment queues (for the stop).
  const participants = seed.participants.filter((p) => p.id !== 'HBB').map((p) => (p.id === 'HKB' ? { ...p, balance: '1000.00' } : p));
  writeFileSync(join(work, 'seed.json'), JSON.stringify({ participants }));
  const started = await startChild(
    ['house', 'serve', '--port', String(housePort), '--data', join(work, 'house'), '--seed', join(work, 'seed.json'), '--admin-token', ADMIN_TOKEN, '--cycle-interval-ms', '0', '--log-level', 'warn'],
    /listening on (http:\/\/127\.0\.0\.1:\d+)/,
  );
  house = started.child;
  const houseUrl = `http://127.0.0.1:${housePort}`;
  const hkb = await startDemoConsole(join(work, 'hkb'), houseUrl, 20);
  consoles.HKB = hkb;
  // The second bank's console: the demo directory with ICBC as its own bank, no history.
  const icbc = await startChild(
    ['console', 'serve', '--demo', '--data', join(work, 'icbc'), '--house', houseUrl, '--house-token', tokenOf('ICBC')],
    /Hankou console: (http:\/\/127\.0\.0\.1:\d+\/\?k=\S+)/,
    { HANKOU_DEMO_PAYMENTS: '0', HANKOU_DEMO_SELF: 'ICBC' },
  );
  consoles.ICBC = { child: icbc.child, url: icbc.match, operators: Object.fromEntries(parseCredentialLines(icbc.output)) };
  // Its supervisors sign in with a one-time code too: loginByKeyboard finds the keys by console.
  registerTotpSecrets(icbc.match, parseTotpLines(icbc.output));
});

test.afterAll(async () => {
  await stopChild(consoles.HKB.child);
  await stopChild(consoles.ICBC.child);
  await stopChild(house);
  if (work !== '') rmSync(work, { recursive: true, force: true });
});

let settledId = '';

test('an inquiry is asked by HKB and answered by ICBC; both see the thread', async ({ browser }) => {
  test.setTimeout(240_000);
  const hkbClerk = await open(browser, 'HKB', 'clerk1');
  settledId = await captureHvps(hkbClerk.page, 'ICBC', '520.00');
  const hkbSuper = await open(browser, 'HKB', 'super1');
  await verify(hkbSuper.page, settledId);
  await openInBlotter(hkbClerk.page, settledId);
  await expect(hkbClerk.page.getByTestId('blotter-detail-status')).toContainText('已清算', { timeout: 30_000 });
  // A clerk may not stop or release: the detail offers 查询 and 退回申请 only.
  await expect(hkbClerk.page.getByTestId('message-stop')).toHaveCount(0);
  await sendMessage(hkbClerk.page, 'message-inquire', { code: 'NOT_RECEIVED', text: '客户称未收到款项，请查复' });
  const thread = hkbClerk.page.locator('[data-testid^=message-thread-]');
  await expect(thread).toHaveCount(1, { timeout: 30_000 });
  await expect(thread).toContainText('待查复');
  await expect(thread).toContainText('查复时限');

  const icbcClerk = await open(browser, 'ICBC', 'clerk1');
  await expect(icbcClerk.page.getByTestId('alert-strip')).toContainText('发来查询', { timeout: 30_000 });
  await openInBlotter(icbcClerk.page, settledId);
  const answer = icbcClerk.page.locator('[data-testid^=message-answer-]');
  await expect(answer).toBeEnabled();
  await shot(icbcClerk.page, 'inquiry-received-zh');
  await sendMessage(icbcClerk.page, (await answer.getAttribute('data-testid')) ?? '', { text: '款项已于当日入账，请客户核对账户' });
  await expect(icbcClerk.page.locator('[data-testid^=message-state-]')).toHaveText('已查复', { timeout: 30_000 });
  await expect(hkbClerk.page.locator('[data-testid^=message-state-]')).toHaveText('已查复', { timeout: 30_000 });
  await expect(hkbClerk.page.getByTestId('payment-messages')).toContainText('款项已于当日入账');
  await shot(hkbClerk.page, 'inquiry-answered-zh');
  await hkbClerk.page.getByTestId('lang-switch').click();
  await expect(hkbClerk.page.locator('[data-testid^=message-state-]')).toHaveText('Answered');
  await shot(hkbClerk.page, 'inquiry-answered-en');
  for (const p of [hkbClerk, hkbSuper, icbcClerk]) {
    expect(p.problems).toEqual([]);
    await p.page.close();
  }
});

test('a return request is accepted maker-checker by ICBC and the money comes back to HKB', async ({ browser }) => {
  test.setTimeout(240_000);
  const before = await houseBalance('HKB');
  const hkbClerk = await open(browser, 'HKB', 'clerk1');
  await openInBlotter(hkbClerk.page, settledId);
  await sendMessage(hkbClerk.page, 'message-requestReturn', { code: 'DUPL', text: '重复支付，请退回' });
  await expect(hkbClerk.page.locator('[data-testid^=message-state-]', { hasText: '待答复' })).toHaveCount(1, { timeout: 30_000 });
  // Asked once: no second request is offered while it waits.
  await expect(hkbClerk.page.getByTestId('message-requestReturn')).toHaveCount(0);

  const icbcClerk = await open(browser, 'ICBC', 'clerk2');
  await openInBlotter(icbcClerk.page, settledId);
  const propose = icbcClerk.page.locator('[data-testid^=message-propose-]');
  await expect(propose).toBeEnabled({ timeout: 30_000 });
  await sendMessage(icbcClerk.page, (await propose.getAttribute('data-testid')) ?? '', { decision: 'accept', text: '经核实确属重复，同意退回' });
  await expect(icbcClerk.page.locator('[data-testid^=message-decision-pending-]')).toContainText('待复核');
  // The maker cannot approve: the checker's buttons are not the clerk's (supervisor role).
  await expect(icbcClerk.page.locator('[data-testid^=message-approve-]')).toBeDisabled();
  await shot(icbcClerk.page, 'return-proposed-zh');

  const icbcSuper = await open(browser, 'ICBC', 'super1');
  await openInBlotter(icbcSuper.page, settledId);
  const approve = icbcSuper.page.locator('[data-testid^=message-approve-]');
  await expect(approve).toBeEnabled();
  await shot(icbcSuper.page, 'return-approve-zh');
  await approve.click();
  await expect(icbcSuper.page.locator('[data-testid^=message-state-]', { hasText: '已同意退回' })).toHaveCount(1, { timeout: 30_000 });
  await expect(hkbClerk.page.locator('[data-testid^=message-state-]', { hasText: '已同意退回' })).toHaveCount(1, { timeout: 30_000 });
  await expect(hkbClerk.page.getByTestId('payment-messages')).toContainText('退回支付');
  // The pacs.004 settled: HKB's balance at the house is back up by the amount.
  await expect.poll(async () => houseBalance('HKB'), { timeout: 30_000 }).toBe((Number(before) + 520).toFixed(2));
  await shot(hkbClerk.page, 'return-accepted-zh');
  await hkbClerk.page.getByTestId('lang-switch').click();
  await expect(hkbClerk.page.locator('[data-testid^=message-state-]', { hasText: 'Return accepted' })).toHaveCount(1);
  await shot(hkbClerk.page, 'return-accepted-en');
  for (const p of [hkbClerk, icbcClerk, icbcSuper]) {
    expect(p.problems).toEqual([]);
    await p.page.close();
  }
});

test('a queued payment is stopped, stays queued when liquidity arrives, and settles once released', async ({ browser }) => {
  test.setTimeout(240_000);
  const hkbClerk = await open(browser, 'HKB', 'clerk1');
  const big = (Number(await houseBalance('HKB')) + 500).toFixed(2);
  const id = await captureHvps(hkbClerk.page, 'ICBC', big);
  const hkbSuper = await open(browser, 'HKB', 'super1');
  await verify(hkbSuper.page, id);
  await openInBlotter(hkbSuper.page, id);
  const status = hkbSuper.page.getByTestId('blotter-detail-status');
  await expect(status).toContainText('排队', { timeout: 30_000 });
  await sendMessage(hkbSuper.page, 'message-stop', { text: '疑似电信诈骗，暂停支付待核实' });
  await expect(hkbSuper.page.getByTestId('payment-stopped')).toBeVisible({ timeout: 30_000 });
  await expect(hkbSuper.page.getByTestId('message-release')).toBeEnabled();
  await houseAdmin('/v1/admin/participants/HKB/liquidity', { amount: '2000.00' });
  // Liquidity enough to settle it, but stopped: it stays queued.
  await hkbSuper.page.waitForTimeout(2000);
  await expect(status).toContainText('排队');
  await shot(hkbSuper.page, 'stop-stopped-zh');
  await hkbSuper.page.getByTestId('lang-switch').click();
  await expect(hkbSuper.page.getByTestId('payment-stopped')).toContainText('Stopped by this bank');
  await shot(hkbSuper.page, 'stop-stopped-en');
  await hkbSuper.page.getByTestId('lang-switch').click();
  await sendMessage(hkbSuper.page, 'message-release', { text: '已核实，客户确认' });
  await expect(status).toContainText('已清算', { timeout: 30_000 });
  await expect(hkbSuper.page.getByTestId('payment-stopped')).toHaveCount(0);
  await shot(hkbSuper.page, 'stop-released-zh');
  for (const p of [hkbClerk, hkbSuper]) {
    expect(p.problems).toEqual([]);
    await p.page.close();
  }
});
