import { test, expect, type Page } from '@playwright/test';
import { loginByKeyboard, openInBlotter, shot, watchConsole } from './support';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDemoConsole, ADMIN_TOKEN, bankCodeOf, demoSeed as seed, freePort, START_TIMEOUT_MS, startChild, stopChild } from './child-processes';

/**
 * 流动性管理 against a real clearing house child process: HKB holds 1,000.00. A supervisor
 * reserves 900.00 for urgent payments; a second supervisor approves (the proposer's approve
 * button is disabled with the reason). A normal HVPS payment of 500.00 then queues (the floor
 * leaves 100.00 for normal payments). The first supervisor proposes lifting the reservation,
 * the second approves, and the payment settles.
 */

let work = '';
let house: ChildProcess | undefined;
let consoleChild: ChildProcess | undefined;
let consoleUrl = '';
const operators: Record<string, string> = {};

function login(page: Page, username: string): Promise<void> {
  return loginByKeyboard(page, consoleUrl, username, operators[username] ?? '');
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

async function proposeReservation(page: Page, urgent: string, note: string): Promise<void> {
  await page.getByTestId('nav-liquidityManagement').click();
  await page.getByTestId('lm-note').fill(note);
  await page.getByTestId('lm-urgent').fill(urgent);
  await page.getByTestId('lm-urgent').press('Enter');
  await expect(page.getByTestId('lm-message')).toContainText('变更已提交');
  const row = page.getByTestId('lm-pending-row');
  await expect(row).toHaveCount(1);
  // The proposer cannot approve their own change, and is told why.
  await expect(row.getByTestId('lm-approve')).toBeDisabled();
  await expect(row.getByTestId('lm-approve-reason')).toContainText('须另一名主管复核');
}

async function approveAll(page: Page): Promise<void> {
  await page.getByTestId('nav-liquidityManagement').click();
  const row = page.getByTestId('lm-pending-row');
  await expect(row).toHaveCount(1, { timeout: 10_000 });
  await row.getByTestId('lm-approve').click();
  await expect(page.getByTestId('lm-message')).toContainText('已复核并发送');
  await expect(page.getByTestId('lm-decided')).toContainText('清算中心已生效', { timeout: 30_000 });
}

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(START_TIMEOUT_MS * 2);
  work = mkdtempSync(join(tmpdir(), 'hankou-e2e-liquidity-'));
  const housePort = await freePort();
  const participants = seed.participants.filter((p) => p.id !== 'HBB').map((p) => (p.id === 'HKB' ? { ...p, balance: '1000.00' } : p));
  writeFileSync(join(work, 'seed.json'), JSON.stringify({ participants }));
  const started = await startChild(
    ['house', 'serve', '--port', String(housePort), '--data', join(work, 'house'), '--seed', join(work, 'seed.json'), '--admin-token', ADMIN_TOKEN, '--cycle-interval-ms', '0', '--log-level', 'warn'],
    /listening on (http:\/\/127\.0\.0\.1:\d+)/,
  );
  house = started.child;
  const demo = await startDemoConsole(join(work, 'console'), `http://127.0.0.1:${housePort}`, 0);
  consoleChild = demo.child;
  consoleUrl = demo.url;
  Object.assign(operators, demo.operators);
});

test.afterAll(async () => {
  await stopChild(consoleChild);
  await stopChild(house);
  if (work !== '') rmSync(work, { recursive: true, force: true });
});

test('a reservation set by maker-checker queues a normal payment; lifting it settles the payment', async ({ browser }) => {
  test.setTimeout(240_000);
  const maker = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  const makerProblems = watchConsole(maker);
  await login(maker, 'super1');
  await expect(maker.getByTestId('sb-connection')).toHaveText(/联机/, { timeout: 30_000 });
  await proposeReservation(maker, '900.00', '午间大额备付');
  await shot(maker, 'liquidity-management-proposed');

  const checker = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  const checkerProblems = watchConsole(checker);
  await login(checker, 'super2');
  await approveAll(checker);

  const clerk = await browser.newPage();
  await login(clerk, 'clerk1');
  const id = await captureHvps(clerk, 'ICBC', '500.00');
  // super1 verifies (maker-checker of the payment: clerk1 captured it).
  await maker.keyboard.press('F3');
  await maker.locator(`tr[data-id="${id}"]`).click();
  await maker.keyboard.press('F8');
  await openInBlotter(maker, id);
  const status = maker.getByTestId('blotter-detail-status');
  await expect(status).toContainText('排队', { timeout: 30_000 });

  await proposeReservation(maker, '0.00', '解除预留');
  await approveAll(checker);
  await shot(checker, 'liquidity-management-approved');
  await openInBlotter(maker, id);
  await expect(maker.getByTestId('blotter-detail-status')).toContainText('已清算', { timeout: 30_000 });

  await checker.getByTestId('nav-liquidityManagement').click();
  await checker.getByTestId('lang-switch').click();
  await expect(checker.getByTestId('lm-decided')).toContainText('in force at the house');
  await shot(checker, 'liquidity-management-en');
  expect(makerProblems).toEqual([]);
  expect(checkerProblems).toEqual([]);
});

test('the intraday charts draw the settled day: curve, throughput and BCBS 248 monitors, zh-CN and English', async ({ browser }) => {
  test.setTimeout(120_000);
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  const problems = watchConsole(page);
  await login(page, 'super2');
  await page.getByTestId('nav-liquidityManagement').click();
  const charts = page.getByTestId('lm-charts');
  await charts.scrollIntoViewIfNeeded();
  // The 500.00 HVPS payment of the test before settled: one payment sent, and it is the day's usage.
  await expect(page.getByTestId('lmc-sent')).toContainText('¥500.00', { timeout: 20_000 });
  await expect(page.getByTestId('lmc-sent')).toContainText('1 笔');
  await expect(page.getByTestId('lmc-usage')).toContainText('¥500.00');
  await expect(page.getByTestId('lmc-opening')).not.toHaveText(/—$/);
  for (const box of ['lmc-curve', 'lmc-throughput']) {
    await expect(page.getByTestId(box).locator('svg')).toBeVisible();
    await expect(page.getByTestId(box).locator('svg path').first()).toBeAttached();
  }
  await expect(page.getByTestId('lmc-curve')).toContainText('余额');
  await expect(page.getByTestId('lmc-throughput')).toContainText('累计结算占比');
  await charts.scrollIntoViewIfNeeded();
  await shot(page, 'liquidity-charts-zh');
  await page.getByTestId('lang-switch').click();
  await expect(page.getByTestId('lmc-sent')).toContainText('1 payment');
  await expect(page.getByTestId('lmc-curve')).toContainText('Balance');
  await expect(page.getByTestId('lmc-throughput')).toContainText('Cumulative share');
  await charts.scrollIntoViewIfNeeded();
  await shot(page, 'liquidity-charts-en');
  // Back to zh-CN for whoever signs in next on this browser profile.
  await page.getByTestId('lang-switch').click();
  expect(problems).toEqual([]);
});

test('the shadow check replays the day through the clearing engine and agrees with the house, zh-CN and English', async ({ browser }) => {
  test.setTimeout(120_000);
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  const problems = watchConsole(page);
  await login(page, 'super2');
  await page.getByTestId('nav-liquidityManagement').click();
  // After a sync round that brings nothing new, the console has replayed the reservation set and
  // lifted, the queued-then-settled payment and the controls, and found the house's figures.
  const check = page.getByTestId('lm-check');
  await expect(check).toContainText('与本机重算一致', { timeout: 60_000 });
  await expect(check).not.toContainText('不一致');
  await shot(page, 'liquidity-check-zh');
  await page.getByTestId('lang-switch').click();
  await expect(check).toContainText("the house's figures agree with this console's replay");
  await shot(page, 'liquidity-check-en');
  await page.getByTestId('lang-switch').click();
  expect(problems).toEqual([]);
});
