import { test, expect, type Page } from '@playwright/test';
import { loginByKeyboard, openInBlotter, shot, watchConsole } from './support';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDemoConsole, ADMIN_TOKEN, bankCodeOf, demoSeed as seed, freePort, START_TIMEOUT_MS, startChild, stopChild, tokenOf } from './child-processes';

/**
 * 撤销, 调整优先级 and 退票 against a real clearing house child process: HKB holds 1,000.00 at
 * this house, so an HVPS payment of 2,386.40 queues; a supervisor cancels it from the blotter's
 * payment detail and sees it cancelled. A payment cancelled while the house is down waits in
 * the outbox behind its own submit; when the house is back the payment settles at once, the
 * cancel is refused, and an alert names the reason. Of two queued payments the later one is
 * made 特急 and settles first when liquidity arrives. A bill ICBC presents against HKB (pushed
 * to the house with ICBC's token) is returned by HKB's supervisor.
 */

let work = '';
let housePort = 0;
let house: ChildProcess | undefined;
let consoleChild: ChildProcess | undefined;
let consoleUrl = '';
const operators: Record<string, string> = {};

async function startHouseChild(): Promise<void> {
  const started = await startChild(
    ['house', 'serve', '--port', String(housePort), '--data', join(work, 'house'), '--seed', join(work, 'seed.json'), '--admin-token', ADMIN_TOKEN, '--cycle-interval-ms', '0', '--log-level', 'warn'],
    /listening on (http:\/\/127\.0\.0\.1:\d+)/,
  );
  house = started.child;
}

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
  const id = (await saved.getAttribute('data-payment-id')) ?? '';
  expect(id).not.toBe('');
  return id;
}

async function verify(page: Page, id: string): Promise<void> {
  await page.keyboard.press('F3');
  await page.locator(`tr[data-id="${id}"]`).click();
  await page.keyboard.press('F8');
  await expect(page.locator(`tr[data-id="${id}"]`)).toHaveCount(0);
}

/** The house's admin API, as an operator of the house would call it. */
async function houseAdmin(path: string, body: unknown): Promise<void> {
  const response = await fetch(`http://127.0.0.1:${housePort}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(200);
}

/** Another bank's console, reduced to its push: `participant` submits `payload` to the house. */
async function pushAs(participant: string, payload: Record<string, unknown>): Promise<unknown> {
  const response = await fetch(`http://127.0.0.1:${housePort}/v1/sync/push`, {
    method: 'POST',
    headers: { authorization: `Bearer ${tokenOf(participant)}`, 'content-type': 'application/json' },
    body: JSON.stringify({ protocolVersion: 1, deviceId: `e2e-${participant}`, mutations: [{ seq: 1, id: payload.id, type: 'payment.submit', payload }] }),
  });
  expect(response.status).toBe(200);
  return response.json();
}

async function cancelWithReason(page: Page, reason: string): Promise<void> {
  await page.getByTestId('payment-cancel').click();
  const box = page.getByTestId('payment-action-reason');
  await expect(box).toBeFocused();
  await page.keyboard.type(reason);
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('payment-action-dialog')).toHaveCount(0);
}

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(START_TIMEOUT_MS * 2);
  work = mkdtempSync(join(tmpdir(), 'hankou-e2e-cancel-'));
  housePort = await freePort();
  // HKB is short of liquidity at this house: large HVPS payments queue.
  const participants = seed.participants.filter((p) => p.id !== 'HBB').map((p) => (p.id === 'HKB' ? { ...p, balance: '1000.00' } : p));
  writeFileSync(join(work, 'seed.json'), JSON.stringify({ participants }));
  await startHouseChild();
  const started = await startDemoConsole(join(work, 'console'), `http://127.0.0.1:${housePort}`, 50);
  consoleChild = started.child;
  consoleUrl = started.url;
  Object.assign(operators, started.operators);
});

test.afterAll(async () => {
  await stopChild(consoleChild);
  await stopChild(house);
  if (work !== '') rmSync(work, { recursive: true, force: true });
});

test('a queued HVPS payment is cancelled from the blotter detail (撤销) and shows cancelled', async ({ browser }) => {
  test.setTimeout(180_000);
  const clerk = await browser.newPage();
  const clerkProblems = watchConsole(clerk);
  await login(clerk, 'clerk1');
  await expect(clerk.getByTestId('sb-connection')).toHaveText(/联机/);
  const id = await captureHvps(clerk, 'ICBC', '2386.40');
  // A clerk sees the payment but no cancel button (supervisors only).
  const supervisor = await browser.newPage();
  const problems = watchConsole(supervisor);
  await login(supervisor, 'super1');
  await verify(supervisor, id);
  await openInBlotter(supervisor, id);
  const status = supervisor.getByTestId('blotter-detail-status');
  await expect(status).toContainText('排队', { timeout: 30_000 });
  await openInBlotter(clerk, id);
  await expect(clerk.getByTestId('blotter-detail-status')).toContainText('排队');
  await expect(clerk.getByTestId('payment-cancel')).toHaveCount(0);

  await supervisor.getByTestId('payment-cancel').click();
  await expect(supervisor.getByTestId('payment-action-reason')).toBeFocused();
  await supervisor.keyboard.type('客户撤回指令');
  await shot(supervisor, 'cancel-dialog');
  // Esc closes without sending anything; the second time Ctrl+Enter sends.
  await supervisor.keyboard.press('Escape');
  await expect(supervisor.getByTestId('payment-action-dialog')).toHaveCount(0);
  await cancelWithReason(supervisor, '客户撤回指令');
  await expect(status).toContainText('已撤销', { timeout: 30_000 });
  const history = supervisor.getByTestId('blotter-detail-history');
  await expect(history).toContainText('申请撤销');
  await expect(history).toContainText('客户撤回指令');
  // The house's own steps as the sync link recorded them, once each, in order (issue 16).
  const steps = history.locator('li[data-step]');
  await expect(steps.last()).toHaveAttribute('data-step', 'cancelled', { timeout: 30_000 });
  expect(await steps.evaluateAll((items) => items.map((i) => i.getAttribute('data-step')))).toEqual(['accepted', 'queued', 'cancelled']);
  // The house's yes is shown once: its step (清算中心状态：已撤销), not also the console's copy of the answer.
  await expect(steps.last()).toContainText('清算中心状态：已撤销');
  await expect(history).not.toContainText('清算中心已撤销');
  await expect(history.locator('li', { hasText: '已撤销' })).toHaveCount(1);
  await expect(steps.first()).toContainText('清算中心已受理');
  await expect(supervisor.getByTestId('payment-cancel')).toHaveCount(0);
  await expect(supervisor.locator('[data-testid=blotter-grid] .ag-row', { hasText: id })).toContainText('已撤销');
  await shot(supervisor, 'cancel-done');
  expect(problems).toEqual([]);
  expect(clerkProblems).toEqual([]);
  await supervisor.close();
  await clerk.close();
});

test('a cancel queued offline is refused when the payment settled first; an alert names the reason', async ({ browser }) => {
  test.setTimeout(180_000);
  const clerk = await browser.newPage();
  await login(clerk, 'clerk1');
  const connection = clerk.getByTestId('sb-connection');
  await expect(connection).toHaveText(/联机/);
  await stopChild(house);
  await expect(connection).toHaveText(/脱机/, { timeout: 30_000 });
  const id = await captureHvps(clerk, 'ICBC', '12.50');
  const supervisor = await browser.newPage();
  const problems = watchConsole(supervisor);
  await login(supervisor, 'super1');
  await verify(supervisor, id);
  await openInBlotter(supervisor, id);
  await expect(supervisor.getByTestId('blotter-detail-status')).toContainText('离线待发');
  await cancelWithReason(supervisor, '重复录入');
  await expect(supervisor.getByTestId('blotter-detail-notice')).toContainText('撤销申请已进入待发队列');
  await expect(supervisor.getByTestId('statusbar')).toContainText(/待发送\s*2/);

  await startHouseChild();
  const strip = supervisor.getByTestId('alert-strip');
  await expect(strip).toContainText(`清算中心拒绝撤销支付 ${id}：该支付不能撤销【NOT_CANCELLABLE】`, { timeout: 60_000 });
  await expect(supervisor.getByTestId('blotter-detail-status')).toContainText('已清算', { timeout: 30_000 });
  await expect(supervisor.getByTestId('blotter-detail-history')).toContainText('清算中心拒绝撤销');
  await shot(supervisor, 'cancel-refused');
  await supervisor.getByTestId('lang-switch').click();
  await expect(strip).toContainText(`The clearing house refused to cancel payment ${id}: Payment can no longer be cancelled`);
  expect(problems.filter((p) => !/WebSocket|ERR_CONNECTION/.test(p))).toEqual([]);
  await supervisor.close();
  await clerk.close();
});

test('a later queued payment made 特急 (调整优先级) settles before an earlier normal one when liquidity arrives', async ({ browser }) => {
  test.setTimeout(180_000);
  const clerk = await browser.newPage();
  const clerkProblems = watchConsole(clerk);
  await login(clerk, 'clerk1');
  await expect(clerk.getByTestId('sb-connection')).toHaveText(/联机/, { timeout: 30_000 });
  // HKB holds about 987.50 now: both queue, the 2,000.00 first.
  const first = await captureHvps(clerk, 'ICBC', '2000.00');
  // Leave the entry screen so F2 opens a fresh form (and the first one's saved banner is gone).
  await clerk.keyboard.press('F4');
  await expect(clerk.getByTestId('blotter-grid')).toBeVisible();
  const second = await captureHvps(clerk, 'ICBC', '1500.00');
  expect(second).not.toBe(first);
  const supervisor = await browser.newPage();
  const problems = watchConsole(supervisor);
  await login(supervisor, 'super1');
  await verify(supervisor, first);
  await verify(supervisor, second);
  await openInBlotter(supervisor, second);
  await expect(supervisor.getByTestId('blotter-detail-status')).toContainText('排队', { timeout: 30_000 });
  await expect(supervisor.getByTestId('blotter-detail-priority')).toHaveText('普通');
  await openInBlotter(clerk, second);
  await expect(clerk.getByTestId('payment-reprioritise')).toHaveCount(0);

  await supervisor.getByTestId('payment-reprioritise').click();
  const dialog = supervisor.getByTestId('payment-action-dialog');
  await expect(dialog).toContainText('当前优先级');
  // The priority buttons have the caret, on 特急; arrows and digits move it, Tab goes to the reason.
  await expect(supervisor.getByTestId('priority-0')).toBeFocused();
  await supervisor.keyboard.press('ArrowRight');
  await expect(supervisor.getByTestId('priority-1')).toBeChecked();
  await supervisor.keyboard.press('2');
  await expect(supervisor.getByTestId('priority-2')).toBeChecked();
  // The current priority is no change: nothing to send.
  await expect(supervisor.getByTestId('payment-action-submit')).toBeDisabled();
  await supervisor.keyboard.press('0');
  await expect(supervisor.getByTestId('priority-0')).toBeChecked();
  await supervisor.keyboard.press('Tab');
  await expect(supervisor.getByTestId('payment-action-reason')).toBeFocused();
  await supervisor.keyboard.type('客户要求加急');
  await shot(supervisor, 'reprioritise-dialog');
  await supervisor.keyboard.press('Control+Enter');
  await expect(dialog).toHaveCount(0);
  const history = supervisor.getByTestId('blotter-detail-history');
  await expect(history).toContainText('申请调整优先级');
  await expect(history).toContainText('清算中心已调整优先级', { timeout: 30_000 });
  await expect(supervisor.getByTestId('blotter-detail-priority')).toHaveText('特急');
  await expect(supervisor.getByTestId('blotter-detail-status')).toContainText('排队');

  // 1,600.00 arrives: enough for one of them. By arrival the 2,000.00 would go; 特急 goes first.
  await houseAdmin('/v1/admin/participants/HKB/liquidity', { amount: '1600.00' });
  await expect(supervisor.getByTestId('blotter-detail-status')).toContainText('已清算', { timeout: 30_000 });
  await openInBlotter(supervisor, first);
  await expect(supervisor.getByTestId('blotter-detail-status')).toContainText('排队');
  await openInBlotter(supervisor, second);
  await shot(supervisor, 'reprioritise-done');
  expect(problems).toEqual([]);
  expect(clerkProblems).toEqual([]);
  await supervisor.close();
  await clerk.close();
});

test('a bill ICBC presents against HKB is returned from the blotter detail (退票)', async ({ browser }) => {
  test.setTimeout(180_000);
  const billId = 'ICBC-E2E-BILL-1';
  const answer = await pushAs('ICBC', {
    id: billId,
    kind: 'bill',
    priority: 2,
    to: 'HKB',
    // Within HKB's balance here: a bill the paying bank cannot cover waits queued, unseen by it.
    amount: '53.00',
    currency: 'CNY',
    debtor: { name: '汉口商贸有限公司', account: '420101000555' },
    creditor: { name: '武昌医药有限公司', account: '6222020200771234' },
    purpose: '银行承兑汇票提示付款',
    presentedBy: { billNumber: '31000051201234', issueDate: '2026-02-20', drawer: '汉口商贸有限公司' },
  });
  expect(answer).toMatchObject({ results: [{ id: billId, status: 'accepted' }] });
  const supervisor = await browser.newPage();
  const problems = watchConsole(supervisor);
  await login(supervisor, 'super1');
  // The bill reaches HKB with the console's next pull.
  await openInBlotter(supervisor, billId, 30_000);
  const status = supervisor.getByTestId('blotter-detail-status');
  await expect(status).toContainText('已轧差', { timeout: 30_000 });
  await expect(supervisor.getByTestId('payment-cancel')).toHaveCount(0);
  await expect(supervisor.getByTestId('payment-reprioritise')).toHaveCount(0);
  await supervisor.getByTestId('payment-return').click();
  await expect(supervisor.getByTestId('payment-action-reason')).toBeFocused();
  await supervisor.keyboard.type('出票人签章不符');
  await shot(supervisor, 'return-dialog');
  await supervisor.keyboard.press('Control+Enter');
  await expect(supervisor.getByTestId('payment-action-dialog')).toHaveCount(0);
  await expect(status).toContainText('已退回', { timeout: 30_000 });
  const history = supervisor.getByTestId('blotter-detail-history');
  await expect(history).toContainText('申请退票');
  await expect(history).toContainText('出票人签章不符');
  // Once: the house's step, not also the console's copy of its answer.
  await expect(history.locator('li[data-step="returned"]')).toHaveCount(1, { timeout: 30_000 });
  await expect(history).not.toContainText('清算中心已退票');
  await expect(supervisor.getByTestId('payment-return')).toHaveCount(0);
  await shot(supervisor, 'return-done');
  expect(problems).toEqual([]);
  await supervisor.close();
});
