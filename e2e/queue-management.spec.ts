import { test, expect, type Page } from '@playwright/test';
import { loginByKeyboard, openInBlotter, shot, watchConsole, pickBank } from './support';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDemoConsole, ADMIN_TOKEN, bankCodeOf, demoSeed as seed, freePort, START_TIMEOUT_MS, startChild, stopChild, tokenOf } from './child-processes';

/**
 * 排队管理 and timed payments against a real clearing house child process started with
 * `--test-clock` (POST /v1/test/clock moves its business clock; docs/house.md "Test clock").
 * HKB holds 1,000.00.
 * 1. A clerk captures an HVPS payment with an earliest settlement time; once verified it waits
 *    at the house as `scheduled` (listed with its time on 排队管理); when the test moves the
 *    house clock to that time it settles.
 * 2. Three normal payments queue (funds, funds, then one that fits but waits its turn: FIFO).
 *    A supervisor moves the last to the top: the house accepts and it settles at once; then
 *    moves the second to the top: it now stands first in the queue. The screen says the order
 *    is the house's own (GET /v1/queue/me) and how old it is.
 */

let work = '';
let house: ChildProcess | undefined;
let consoleChild: ChildProcess | undefined;
let consoleUrl = '';
let houseUrl = '';
const operators: Record<string, string> = {};

function login(page: Page, username: string): Promise<void> {
  return loginByKeyboard(page, consoleUrl, username, operators[username] ?? '');
}

const hhmm = (minute: number) => `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

async function houseClockMinute(): Promise<number> {
  const answer = await fetch(`${houseUrl}/v1/accounts/me`, { headers: { authorization: `Bearer ${tokenOf('HKB')}` } });
  const clock = ((await answer.json()) as { clock?: string }).clock ?? '00:00';
  const [h, m] = clock.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

async function setHouseClock(time: string): Promise<void> {
  const answer = await fetch(`${houseUrl}/v1/test/clock`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ time }),
  });
  expect(answer.status, await answer.clone().text()).toBe(200);
}

/** Captures an HVPS payment to ICBC by the form (timing fields optional); its id. */
async function capture(page: Page, amount: string, timing: { earliest?: string } = {}): Promise<string> {
  await page.keyboard.press('F2');
  await expect(page.locator('#f-kind')).toBeVisible();
  await pickBank(page, bankCodeOf('ICBC'));
  await expect(page.getByTestId('to-bank-code')).toHaveText(bankCodeOf('ICBC'));
  await page.locator('#f-amount').fill(amount);
  await page.locator('#f-debtorName').fill('武汉长江钢铁有限公司');
  await page.locator('#f-debtorAccount').fill('420101000123');
  await page.locator('#f-creditorName').fill('武汉江城建材有限公司');
  await page.locator('#f-creditorAccount').fill('6222020200778899');
  await page.locator('#f-purpose').fill('钢材货款');
  if (timing.earliest !== undefined) await page.locator('#f-earliest').fill(timing.earliest);
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

async function statusInBlotter(page: Page, id: string): Promise<ReturnType<Page['getByTestId']>> {
  await openInBlotter(page, id);
  return page.getByTestId('blotter-detail-status');
}

const qmRow = (page: Page, id: string) => page.locator('[data-testid=qm-grid] .ag-row', { hasText: id });

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(START_TIMEOUT_MS * 2);
  work = mkdtempSync(join(tmpdir(), 'hankou-e2e-queue-'));
  const housePort = await freePort();
  const participants = seed.participants.filter((p) => p.id !== 'HBB').map((p) => (p.id === 'HKB' ? { ...p, balance: '1000.00' } : p));
  writeFileSync(join(work, 'seed.json'), JSON.stringify({ participants }));
  const started = await startChild(
    ['house', 'serve', '--port', String(housePort), '--data', join(work, 'house'), '--seed', join(work, 'seed.json'), '--admin-token', ADMIN_TOKEN,
      '--cycle-interval-ms', '0', '--offset-interval-ms', '0', '--log-level', 'warn', '--test-clock'],
    /listening on (http:\/\/127\.0\.0\.1:\d+)/,
  );
  house = started.child;
  houseUrl = `http://127.0.0.1:${housePort}`;
  const demo = await startDemoConsole(join(work, 'console'), houseUrl, 0);
  consoleChild = demo.child;
  consoleUrl = demo.url;
  Object.assign(operators, demo.operators);
});

test.afterAll(async () => {
  await stopChild(consoleChild);
  await stopChild(house);
  if (work !== '') rmSync(work, { recursive: true, force: true });
});

test('a timed payment waits at the house as scheduled and settles when the business clock reaches its earliest time', async ({ browser }) => {
  test.setTimeout(240_000);
  // The house clock runs on the real time (UTC+8); the test moves it forward only.
  const start = Math.max(await houseClockMinute(), 8 * 60) + 2;
  test.skip(start + 10 > 23 * 60 + 50, 'too close to midnight on the business clock for a timed payment');
  await setHouseClock(hhmm(start));
  const earliest = hhmm(start + 10);

  const clerk = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  const clerkProblems = watchConsole(clerk);
  await login(clerk, 'clerk1');
  await expect(clerk.getByTestId('sb-connection')).toHaveText(/联机/, { timeout: 30_000 });
  await clerk.keyboard.press('F2');
  // The timing fields, with the house clock as the console last saw it.
  await expect(clerk.getByTestId('entry-timing')).toBeVisible();
  await expect(clerk.getByTestId('entry-timing-hint')).toContainText(hhmm(start), { timeout: 30_000 });
  // A latest time already passed is refused on the field, as the house would.
  await clerk.locator('#f-latest').fill(hhmm(start - 1));
  await clerk.locator('#f-latest').blur();
  await expect(clerk.getByTestId('error-latest')).toContainText('最迟清算时间已过');
  await clerk.locator('#f-latest').fill('');
  await clerk.locator('#f-kind').focus();
  await shot(clerk, 'queue-entry-timing-zh');
  const id = await capture(clerk, '100.00', { earliest });

  const supervisor = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  const supervisorProblems = watchConsole(supervisor);
  await login(supervisor, 'super1');
  await verify(supervisor, id);
  await expect(await statusInBlotter(supervisor, id)).toContainText('定时等待', { timeout: 30_000 });

  await supervisor.getByTestId('nav-queueManagement').click();
  await supervisor.keyboard.press('3');
  await expect(supervisor.getByTestId('qm-tab-scheduled')).toHaveAttribute('aria-selected', 'true');
  const row = qmRow(supervisor, id);
  await expect(row).toHaveCount(1, { timeout: 30_000 });
  await expect(row).toContainText(earliest);
  await expect(row).toContainText('100.00');
  // A scheduled payment is not in the queue yet: no reorder, and the reason is shown.
  await row.click();
  await expect(supervisor.getByTestId('qm-top')).toBeDisabled();
  await expect(supervisor.getByTestId('qm-blocked')).toContainText('尚未进入排队');
  await expect(supervisor.getByTestId('qm-cancel')).toBeEnabled();
  await shot(supervisor, 'queue-scheduled-zh');

  await setHouseClock(earliest);
  await expect(row).toHaveCount(0, { timeout: 30_000 });
  await expect(await statusInBlotter(supervisor, id)).toContainText('已清算', { timeout: 30_000 });
  expect(clerkProblems).toEqual([]);
  expect(supervisorProblems).toEqual([]);
});

test('排队管理 shows the queue in order with reasons; moving a payment to the top reorders it at the house', async ({ browser }) => {
  test.setTimeout(240_000);
  const clerk = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  await login(clerk, 'clerk1');
  // 900.00 is left: two that do not fit (funds), then one that would fit but waits its turn.
  const big = await capture(clerk, '1000.00');
  const second = await capture(clerk, '950.00');
  const small = await capture(clerk, '400.00');

  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  const problems = watchConsole(page);
  await login(page, 'super1');
  for (const id of [big, second, small]) await verify(page, id);
  await page.getByTestId('nav-queueManagement').click();
  await expect(page.getByTestId('qm-tab-rtgs')).toHaveAttribute('aria-selected', 'true');
  await expect(qmRow(page, small)).toHaveCount(1, { timeout: 30_000 });
  const rows = page.locator('[data-testid=qm-grid] .ag-row');
  await expect(rows).toHaveCount(3);
  await expect(qmRow(page, big)).toContainText('头寸不足');
  await expect(qmRow(page, small)).toContainText('按序等待');
  await expect(page.getByTestId('qm-summary')).toContainText('3 笔，合计 ¥2,350.00');
  // Online, the order and reasons are the house's own queue (GET /v1/queue/me), with its age.
  await expect(page.getByTestId('qm-source')).toHaveAttribute('data-source', 'house', { timeout: 30_000 });
  await expect(page.getByTestId('qm-source')).toContainText(/清算中心排队顺序，\d+ 秒前/);
  await shot(page, 'queue-rtgs-zh');

  // Keyboard: select the small one, T opens the move to the front, a reason, Ctrl+Enter.
  // The list reloads whenever the house's queue answer moves (every few seconds while the screen
  // is open), which can replace the row between the click and the key: select and press again.
  await expect(async () => {
    await qmRow(page, small).click({ timeout: 5_000 });
    await page.keyboard.press('t');
    await expect(page.getByTestId('payment-action-dialog')).toBeVisible({ timeout: 3_000 });
  }).toPass({ timeout: 30_000 });
  await page.getByTestId('payment-action-reason').fill('客户要求优先');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('qm-message')).toContainText('置顶申请已进入待发队列');
  // At the front it fits: the house settles it at once.
  await expect(qmRow(page, small)).toHaveCount(0, { timeout: 30_000 });
  await expect(rows).toHaveCount(2);

  // The second one to the front: accepted, it now stands first (still short of funds).
  await qmRow(page, second).click();
  await expect(page.getByTestId('qm-top')).toBeEnabled();
  await page.getByTestId('qm-top').click();
  await page.getByTestId('payment-action-reason').fill('到期支付优先');
  await page.getByTestId('payment-action-submit').click();
  await expect(qmRow(page, second).locator('[col-id=position]')).toHaveText('1', { timeout: 30_000 });
  await expect(qmRow(page, big).locator('[col-id=position]')).toHaveText('2');
  await expect(qmRow(page, second)).not.toContainText('调整顺序中', { timeout: 30_000 });
  // The reload moved the chosen payment from the second line to the first: the choice went with
  // it (by payment id), not to the payment now on the second line (ag-grid puts its focus back by
  // index), so a key pressed now acts on the payment the supervisor chose. No click in between.
  await expect(qmRow(page, second)).toHaveClass(/ag-row-selected/);
  await expect(qmRow(page, big)).not.toHaveClass(/ag-row-selected/);
  await expect(page.getByTestId('qm-top')).toBeDisabled();
  await expect(page.getByTestId('qm-blocked')).toContainText('已在同级队首');
  // The keyboard goes on from the chosen payment where it stands now: ↓ is the next one.
  await page.keyboard.press('ArrowDown');
  await expect(qmRow(page, big)).toHaveClass(/ag-row-selected/);
  await expect(page.getByTestId('qm-top')).toBeEnabled();
  await qmRow(page, second).click();
  await expect(page.getByTestId('qm-top')).toBeDisabled();
  await shot(page, 'queue-rtgs-reordered-zh');
  await expect(await statusInBlotter(page, small)).toContainText('已清算');

  await page.getByTestId('nav-queueManagement').click();
  await page.getByTestId('lang-switch').click();
  await expect(page.getByTestId('qm-tab-rtgs')).toContainText('HVPS queue');
  await expect(qmRow(page, big)).toContainText('Funds');
  await expect(page.getByTestId('qm-source')).toContainText(/House order, \d+ s ago/);
  await shot(page, 'queue-rtgs-en');
  await page.keyboard.press('3');
  await shot(page, 'queue-scheduled-en');

  // The queue over the day on 流动性管理: three queued, one left, ... now two.
  await page.getByTestId('nav-liquidityManagement').click();
  const chart = page.getByTestId('lmc-queue-day');
  await chart.scrollIntoViewIfNeeded();
  await expect(chart.locator('svg')).toBeVisible({ timeout: 20_000 });
  await expect(chart).toContainText('Payments queued');
  await shot(page, 'queue-day-chart-en');
  await page.getByTestId('lang-switch').click();
  await expect(chart).toContainText('排队笔数');
  await chart.scrollIntoViewIfNeeded();
  await shot(page, 'queue-day-chart-zh');
  expect(problems).toEqual([]);
});
