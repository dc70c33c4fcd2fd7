import { test, expect, type Browser, type Page } from '@playwright/test';
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loginByKeyboard, openInBlotter, pickBank, watchConsole } from './support';
import { registerTotpSecrets } from './totp-codes';
import { parseCredentialLines, parseTotpLines } from '../app/main/demo/demo-operators';
import { ADMIN_TOKEN, bankCodeOf, demoSeed as seed, freePort, START_TIMEOUT_MS, startChild, startDemoConsole, stopChild, tokenOf } from './child-processes';

/**
 * The message inbox (查询查复, docs/messages.md) with two banks' consoles and a real house: HKB's
 * clerk asks ICBC about a payment; ICBC's clerk finds it in the inbox marked as needing their
 * action (with the nav badge), answers it from the inbox with the keyboard, and HKB's inbox,
 * left open, shows it answered without a reload. Screenshots at 1366x768, zh-CN and English.
 */

const SHOTS = '/tmp/inbox-shots';
let work = '';
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

async function captureHvps(page: Page, to: string, amount: string): Promise<string> {
  await page.keyboard.press('F2');
  await page.locator('#f-kind').selectOption('hvps');
  await pickBank(page, bankCodeOf(to));
  await page.locator('#f-amount').fill(amount);
  await page.locator('#f-debtorName').fill('武汉长江钢铁有限公司');
  await page.locator('#f-debtorAccount').fill('420101000123');
  await page.locator('#f-creditorName').fill('武汉江城建材有限公司');
  await page.locator('#f-creditorAccount').fill('6222020200778899');
  await page.locator('#f-purpose').fill('钢材货款');
  await page.getByTestId('entry-submit').click();
  const saved = page.locator('[data-payment-id]');
  await expect(saved).toBeVisible();
  return (await saved.getAttribute('data-payment-id')) ?? '';
}

const inboxRow = (page: Page, paymentId: string) => page.locator('[data-testid=inbox-grid] .ag-row', { hasText: paymentId });

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(START_TIMEOUT_MS * 3);
  mkdirSync(SHOTS, { recursive: true });
  work = mkdtempSync(join(tmpdir(), 'hankou-e2e-inbox-'));
  const housePort = await freePort();
  const participants = seed.participants.filter((p) => p.id !== 'HBB');
  writeFileSync(join(work, 'seed.json'), JSON.stringify({ participants }));
  const started = await startChild(
    ['house', 'serve', '--port', String(housePort), '--data', join(work, 'house'), '--seed', join(work, 'seed.json'), '--admin-token', ADMIN_TOKEN, '--cycle-interval-ms', '0', '--log-level', 'warn'],
    /listening on (http:\/\/127\.0\.0\.1:\d+)/,
  );
  house = started.child;
  const houseUrl = `http://127.0.0.1:${housePort}`;
  consoles.HKB = await startDemoConsole(join(work, 'hkb'), houseUrl, 0);
  // The second bank's console: the demo directory with ICBC as its own bank, no history.
  const icbc = await startChild(
    ['console', 'serve', '--demo', '--data', join(work, 'icbc'), '--house', houseUrl, '--house-token', tokenOf('ICBC')],
    /Hankou console: (http:\/\/127\.0\.0\.1:\d+\/\?k=\S+)/,
    { HANKOU_DEMO_PAYMENTS: '0', HANKOU_DEMO_SELF: 'ICBC' },
  );
  consoles.ICBC = { child: icbc.child, url: icbc.match, operators: Object.fromEntries(parseCredentialLines(icbc.output)) };
  registerTotpSecrets(icbc.match, parseTotpLines(icbc.output));
});

test.afterAll(async () => {
  await stopChild(consoles.HKB.child);
  await stopChild(consoles.ICBC.child);
  await stopChild(house);
  if (work !== '') rmSync(work, { recursive: true, force: true });
});

test('an inquiry from HKB needs ICBC\'s action in its inbox, is answered there, and HKB\'s inbox shows the answer live', async ({ browser }) => {
  test.setTimeout(300_000);
  const hkbClerk = await open(browser, 'HKB', 'clerk1');
  const id = await captureHvps(hkbClerk.page, 'ICBC', '520.00');
  const hkbSuper = await open(browser, 'HKB', 'super1');
  await hkbSuper.page.keyboard.press('F3');
  await hkbSuper.page.locator(`tr[data-id="${id}"]`).click();
  await hkbSuper.page.keyboard.press('F8');
  await expect(hkbSuper.page.locator(`tr[data-id="${id}"]`)).toHaveCount(0);

  // HKB asks from the payment's detail, as before.
  await openInBlotter(hkbClerk.page, id);
  await expect(hkbClerk.page.getByTestId('blotter-detail-status')).toContainText('已清算', { timeout: 30_000 });
  await hkbClerk.page.getByTestId('message-inquire').click();
  await hkbClerk.page.getByTestId('message-reason-code').selectOption('NOT_RECEIVED');
  await hkbClerk.page.getByTestId('message-text').fill('客户称未收到款项，请查复');
  await hkbClerk.page.getByTestId('message-submit').click();
  await expect(hkbClerk.page.locator('[data-testid^=message-state-]')).toHaveText('待查复', { timeout: 30_000 });

  // HKB's inbox: sent by this bank, nothing for HKB to do (no 查复 offered), and it stays open.
  await hkbClerk.page.getByTestId('nav-messages').click();
  const hkbRow = inboxRow(hkbClerk.page, id);
  await expect(hkbRow).toHaveCount(1);
  await expect(hkbRow.locator('[col-id=direction]')).toHaveText('发出');
  await expect(hkbRow.locator('[col-id=state]')).toContainText('待查复');
  await expect(hkbRow.locator('.inbox-todo')).toHaveCount(0);
  await expect(hkbClerk.page.getByTestId('inbox-detail').locator('[data-testid^=message-answer-]')).toHaveCount(0);

  // ICBC: the badge says something waits; the inbox puts it first, marked 待办, due by a time in UTC+8.
  const icbcClerk = await open(browser, 'ICBC', 'clerk1');
  await expect(icbcClerk.page.getByTestId('messages-badge')).toHaveText('1', { timeout: 30_000 });
  await icbcClerk.page.getByTestId('nav-messages').click();
  const icbcRow = inboxRow(icbcClerk.page, id);
  await expect(icbcRow).toHaveCount(1);
  await expect(icbcRow.locator('.inbox-todo')).toHaveText('待办');
  await expect(icbcRow.locator('[col-id=direction]')).toHaveText('收到');
  await expect(icbcRow.locator('[col-id=counterparty]')).toHaveText('汉口银行');
  await expect(icbcRow.locator('[col-id=dueBy]')).toHaveText(/^\d{4}-\d\d-\d\d \d\d:\d\d$/);
  await expect(icbcClerk.page.getByTestId('inbox-grid').locator('.ag-header-cell', { hasText: '查复时限 (UTC+8)' })).toHaveCount(1);
  // M: only what needs my action (this one); the keys are the screen's.
  await icbcClerk.page.keyboard.press('m');
  await expect(icbcClerk.page.getByTestId('inbox-filter-mine')).toBeChecked();
  await expect(icbcClerk.page.locator('[data-testid=inbox-grid] .ag-row')).toHaveCount(1);
  const answer = icbcClerk.page.getByTestId('inbox-detail').locator('[data-testid^=message-answer-]');
  await expect(answer).toBeEnabled();
  await icbcClerk.page.screenshot({ path: join(SHOTS, 'inbox-needs-action-zh.png') });

  // A: answer from the inbox; Ctrl+Enter sends.
  await icbcClerk.page.keyboard.press('a');
  await expect(icbcClerk.page.getByTestId('message-dialog')).toBeVisible();
  await icbcClerk.page.keyboard.type('款项已于当日入账，请客户核对账户');
  await icbcClerk.page.keyboard.press('Control+Enter');
  await expect(icbcClerk.page.getByTestId('message-dialog')).toHaveCount(0);
  await icbcClerk.page.getByTestId('inbox-filter-mine').uncheck();
  await expect(icbcRow.locator('[col-id=state]')).toContainText('已查复', { timeout: 30_000 });
  await expect(icbcRow.locator('.inbox-todo')).toHaveCount(0);
  await expect(icbcClerk.page.getByTestId('messages-badge')).toHaveCount(0);

  // HKB's inbox, untouched since: answered without a reload (the selected thread is read at once, so no badge).
  await expect(hkbRow.locator('[col-id=state]')).toContainText('已查复', { timeout: 30_000 });
  await expect(hkbClerk.page.getByTestId('inbox-detail')).toContainText('款项已于当日入账');
  await expect(hkbClerk.page.getByTestId('messages-badge')).toHaveCount(0, { timeout: 15_000 });
  await hkbClerk.page.screenshot({ path: join(SHOTS, 'inbox-answered-zh.png') });
  await hkbClerk.page.getByTestId('lang-switch').click();
  await expect(hkbRow.locator('[col-id=state]')).toContainText('Answered');
  await hkbClerk.page.screenshot({ path: join(SHOTS, 'inbox-answered-en.png') });
  await icbcClerk.page.getByTestId('lang-switch').click();
  await expect(icbcRow.locator('[col-id=direction]')).toHaveText('Received');
  await icbcClerk.page.screenshot({ path: join(SHOTS, 'inbox-received-en.png') });
  for (const p of [hkbClerk, hkbSuper, icbcClerk]) {
    expect(p.problems).toEqual([]);
    await p.page.close();
  }
});
