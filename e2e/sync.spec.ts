import { test, expect, type Page } from '@playwright/test';
import { loginByKeyboard, watchConsole } from './support';
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDemoConsole, ADMIN_TOKEN, bankCodeOf, demoSeed, freePort, projectRoot, START_TIMEOUT_MS, startChild, stopChild, tokenOf } from './child-processes';

/**
 * The console against a real clearing house: a payment captured and verified while the
 * house is down waits as `queued_offline`, goes out when the house is back (same data, same
 * port), settles, and reaches the counterpart bank as an inbound payment. Both run as child
 * processes of this spec (`hankou house serve`, `hankou console serve --house`), apart from the
 * global setup's console.
 */

const SCREENS_DIR = join(projectRoot, 'test-results/screens');
mkdirSync(SCREENS_DIR, { recursive: true });
/** Known to the console's demo directory but left out of this house: payments to it are rejected. */
const NOT_AT_HOUSE = 'HBB';
const seed = demoSeed;

let work = '';
let housePort = 0;
let house: ChildProcess | undefined;
let consoleChild: ChildProcess | undefined;
let consoleUrl = '';
const operators: Record<string, string> = {};
let paymentId = '';

const houseUrl = (): string => `http://127.0.0.1:${housePort}`;

async function startHouseChild(): Promise<void> {
  const started = await startChild(
    [
      'house', 'serve', '--port', String(housePort), '--data', join(work, 'house'), '--seed', join(work, 'seed.json'),
      '--admin-token', ADMIN_TOKEN, '--simulate', '--cycle-interval-ms', '0', '--log-level', 'warn',
    ],
    /listening on (http:\/\/127\.0\.0\.1:\d+)/,
  );
  house = started.child;
}

function login(page: Page, username: string): Promise<void> {
  const password = operators[username];
  if (!password) throw new Error(`no demo password for ${username}`);
  return loginByKeyboard(page, consoleUrl, username, password);
}


/** The house's pull for one participant, every page, as the counterpart's console would see it. */
async function pullAll(participant: string): Promise<{ type: string; data: Record<string, unknown> }[]> {
  const changes: { type: string; data: Record<string, unknown> }[] = [];
  let cursor = '';
  for (;;) {
    const response = await fetch(`${houseUrl()}/v1/sync/pull?cursor=${encodeURIComponent(cursor)}&limit=5000`, {
      headers: { authorization: `Bearer ${tokenOf(participant)}` },
    });
    expect(response.status).toBe(200);
    const page = (await response.json()) as { cursor: string; hasMore: boolean; changes: { type: string; data: Record<string, unknown> }[] };
    changes.push(...page.changes);
    cursor = page.cursor;
    if (!page.hasMore) return changes;
  }
}

/** Captures an hvps payment to `to` by keyboard from the entry screen; returns its id. */
async function captureHvps(page: Page, to: string, amount: string): Promise<string> {
  await page.keyboard.press('F2');
  await expect(page.locator('#f-kind')).toBeFocused();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await expect(page.locator('#f-to')).toBeFocused();
  await page.keyboard.type(bankCodeOf(to));
  await expect(page.getByTestId('to-bank-code')).toHaveText(bankCodeOf(to));
  await page.keyboard.press('Enter');
  await page.keyboard.type(amount);
  await page.keyboard.press('Enter');
  await page.keyboard.type('武汉长江钢铁有限公司');
  await page.keyboard.press('Enter');
  await page.keyboard.type('420101000123');
  await page.keyboard.press('Enter');
  await page.keyboard.type('武汉江城建材有限公司');
  await page.keyboard.press('Enter');
  await page.keyboard.type('6222020200778899');
  await page.keyboard.press('Enter');
  await page.keyboard.type('钢材货款');
  await page.keyboard.press('Control+Enter');
  const saved = page.locator(`[data-payment-id]`);
  await expect(saved).toContainText(groupedAmountOf(amount));
  const id = (await saved.getAttribute('data-payment-id')) ?? '';
  expect(id).not.toBe('');
  return id;
}

const groupedAmountOf = (amount: string): string => amount.replace(/\B(?=(\d{3})+(?!\d))/, ',');

/** A supervisor verifies payment `id` from the verification queue (F3, F8). */
async function verify(page: Page, id: string): Promise<void> {
  await page.keyboard.press('F3');
  await page.locator(`tr[data-id="${id}"]`).click();
  await page.keyboard.press('F8');
  await expect(page.locator(`tr[data-id="${id}"]`)).toHaveCount(0);
}

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(START_TIMEOUT_MS * 2);
  work = mkdtempSync(join(tmpdir(), 'hankou-e2e-sync-'));
  housePort = await freePort();
  writeFileSync(join(work, 'seed.json'), JSON.stringify({ participants: seed.participants.filter((p) => p.id !== NOT_AT_HOUSE) }));
  await startHouseChild();
  const consoleDir = join(work, 'console');
  const started = await startDemoConsole(consoleDir, houseUrl(), 500);
  consoleChild = started.child;
  consoleUrl = started.url;
  Object.assign(operators, started.operators);
});

test.afterAll(async () => {
  await stopChild(consoleChild);
  await stopChild(house);
  if (work !== '') rmSync(work, { recursive: true, force: true });
});

test('captured and verified while the house is down: queued_offline, then settled and inbound at the counterpart', async ({ browser }) => {
  test.setTimeout(240_000);
  const clerk = await browser.newPage();
  const problems = watchConsole(clerk);
  await login(clerk, 'clerk1');
  const connection = clerk.getByTestId('sb-connection');
  await expect(connection).toHaveText(/联机/);

  // The house goes away: the status bar says so by itself (the 'status' event, no reload).
  await stopChild(house);
  await expect(connection).toHaveText(/脱机/, { timeout: 30_000 });

  paymentId = await captureHvps(clerk, 'ICBC', '2386.40');

  // A supervisor verifies it, still offline: it goes to the outbox as queued_offline.
  const supervisor = await browser.newPage();
  await login(supervisor, 'super1');
  await verify(supervisor, paymentId);
  await expect(supervisor.getByTestId('sb-connection')).toHaveText(/脱机/);

  await clerk.keyboard.press('F4');
  const row = clerk.locator('.ag-row', { hasText: paymentId });
  await expect(row).toContainText('离线待发', { timeout: 20_000 });
  await expect(row).toContainText('2,386.40');
  await expect(clerk.getByTestId('statusbar')).toContainText(/待发送\s*1/);
  await clerk.screenshot({ path: join(SCREENS_DIR, 'sync-offline-blotter.png') });

  // The house comes back on the same data and port: the payment goes out and settles (HVPS within balance).
  await startHouseChild();
  await expect(connection).toHaveText(/联机/, { timeout: 60_000 });
  await expect(row).toContainText('已清算', { timeout: 30_000 });
  await expect(clerk.getByTestId('statusbar')).toContainText(/待发送\s*0/);

  // The counterpart bank (ICBC) finds it in its own feed as an inbound payment, settled.
  const inbound = (await pullAll('ICBC')).filter((c) => c.type === 'payment.inbound' && c.data.id === paymentId);
  expect(inbound).toHaveLength(1);
  expect(inbound[0]?.data).toMatchObject({ from: 'HKB', to: 'ICBC', amount: '2386.40', status: 'settled', kind: 'hvps' });
  expect(problems.filter((p) => !/WebSocket|ERR_CONNECTION/.test(p))).toEqual([]);
  await supervisor.close();
  await clerk.close();
});

test('inbound payments from the simulated banks have their own grid (F11)', async ({ page }) => {
  const problems = watchConsole(page);
  // The simulator pays HKB from the other banks: take the newest that the house has told HKB of.
  // The simulator runs on its own timer: on a loaded machine the first payment to HKB may still be on its way.
  let newest: Record<string, unknown> | undefined;
  await expect
    .poll(async () => (newest = (await pullAll('HKB')).filter((c) => c.type === 'payment.inbound').at(-1)?.data), {
      message: 'the simulator sent HKB nothing',
      timeout: 60_000,
    })
    .toBeDefined();
  await login(page, 'clerk1');
  await page.keyboard.press('F11');
  await expect(page.getByRole('heading', { name: /来账/ })).toBeVisible();
  const count = page.getByTestId('inbound-count');
  await expect(count).toBeVisible();
  const rows = page.locator('[data-testid=inbound-grid] .ag-row');
  // Newest first: the simulator's payments (house references SIM-...) lead the grid.
  await expect(rows.first()).toContainText('SIM-');
  await page.screenshot({ path: join(SCREENS_DIR, 'sync-inbound.png') });
  await page.locator('.ag-floating-filter[col-id="id"] input').fill(String(newest?.id));
  await expect(count).toHaveText('共 1 笔来账');
  await expect(rows.first()).toContainText(String(newest?.id));
  await expect(rows.first()).toContainText(/已清算|已轧差|已退回/);
  await page.locator('.ag-floating-filter[col-id="id"] input').fill('');
  await page.getByTestId('inbound-filter-status').selectOption('netted');
  await expect(count).not.toHaveText('共 1 笔来账');
  await expect(rows.first()).toContainText('已轧差');
  expect(problems).toEqual([]);
});

test('the liquidity screen shows the position and each closed cycle checked against the console replay (F12)', async ({ page }) => {
  test.setTimeout(120_000);
  const problems = watchConsole(page);
  await login(page, 'clerk1');
  // Make sure HKB is in the open DNS cycle (the simulator's traffic may not have reached it yet on
  // a loaded machine): ICBC's console, reduced to its push, sends HKB a BEPS payment.
  const pushed = await fetch(`${houseUrl()}/v1/sync/push`, {
    method: 'POST',
    headers: { authorization: `Bearer ${tokenOf('ICBC')}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      protocolVersion: 1,
      deviceId: 'e2e-liquidity-ICBC',
      mutations: [
        {
          seq: 1,
          id: 'ICBC-E2E-LQ-1',
          type: 'payment.submit',
          payload: {
            id: 'ICBC-E2E-LQ-1', kind: 'beps', priority: 2, to: 'HKB', amount: '88.00', currency: 'CNY',
            debtor: { name: '武汉工商客户', account: '6222020000000001' }, creditor: { name: '汉口银行客户', account: '6222020000000002' }, purpose: '货款',
          },
        },
      ],
    }),
  });
  expect(pushed.status).toBe(200);
  expect(JSON.stringify(await pushed.json())).toContain('"accepted"');
  // Close the open DNS cycle at the house (that payment and the simulator's BEPS traffic are in it).
  const closed = await fetch(`${houseUrl()}/v1/admin/cycles/close`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
  expect(closed.status).toBe(200);
  await page.keyboard.press('F12');
  await expect(page.getByRole('heading', { name: '头寸与清算场次' })).toBeVisible();
  await expect(page.getByTestId('lq-balance')).toContainText('¥');
  await expect(page.getByTestId('lq-cap')).toContainText('200,000,000.00');
  await expect(page.getByTestId('liquidity-source')).toContainText('联机');
  const cycles = page.getByTestId('lq-cycles');
  await expect(cycles.locator('tbody tr').first()).toContainText('一致', { timeout: 20_000 });
  await expect(cycles).not.toContainText('不一致');
  await page.screenshot({ path: join(SCREENS_DIR, 'sync-liquidity.png') });
  // The same in English, for the clerk who switched.
  await page.getByTestId('lang-switch').click();
  await expect(page.getByRole('heading', { name: 'Liquidity and clearing cycles' })).toBeVisible();
  await expect(cycles.locator('tbody tr').first()).toContainText('agrees');
  await expect(page.getByTestId('sb-connection')).toHaveText(/online/);
  await page.screenshot({ path: join(SCREENS_DIR, 'sync-liquidity-en.png') });
  expect(problems).toEqual([]);
});

test('a payment the house rejects raises an alert naming the reason, in both languages', async ({ browser }) => {
  const clerk = await browser.newPage();
  const problems = watchConsole(clerk);
  await login(clerk, 'clerk1');
  await expect(clerk.getByTestId('sb-connection')).toHaveText(/联机/);
  // HBB is in the console's bank directory but not at this house: UNKNOWN_PARTICIPANT.
  const rejectedId = await captureHvps(clerk, NOT_AT_HOUSE, '512.00');
  const supervisor = await browser.newPage();
  await login(supervisor, 'super1');
  await verify(supervisor, rejectedId);
  const strip = clerk.getByTestId('alert-strip');
  await expect(strip).toContainText(`支付 ${rejectedId} 被清算中心拒绝：参与者不存在`, { timeout: 20_000 });
  await clerk.keyboard.press('F4');
  await expect(clerk.locator('.ag-row', { hasText: rejectedId })).toContainText('已拒绝');
  await clerk.screenshot({ path: join(SCREENS_DIR, 'sync-rejected.png') });
  await clerk.getByTestId('lang-switch').click();
  // The strip shows the newest alert, which another finding may have replaced by now: read the list.
  await clerk.keyboard.press('F6');
  await expect(clerk.locator('main.workspace')).toContainText(`Payment ${rejectedId} was rejected by the clearing house: Unknown participant`);
  expect(problems).toEqual([]);
  await supervisor.close();
  await clerk.close();
});
