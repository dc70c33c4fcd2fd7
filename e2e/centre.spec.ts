import { test, expect, type Page } from '@playwright/test';
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { totpCode } from '../app/house/centre/totp';
import { loginByKeyboard, shot, watchConsole } from './support';
import { pushBody, paymentPayload } from '../app/house/test-support/fixtures';
import { ADMIN_TOKEN, DEMO_SEED_FILE, freePort, START_TIMEOUT_MS, startChild, startDemoConsole, stopChild, tokenOf } from './child-processes';

/**
 * The clearing centre's console (centre mode, `hankou console serve --centre URL`) against a
 * real house with simulated traffic, beside HKB's bank console on the same house. A centre
 * operator enrols and signs in with TOTP (the test computes the codes), proposes a net debit cap
 * for HKB, a supervisor approves it, and HKB's console shows the new cap; a broadcast reaches
 * HKB's console; the dashboard's charts move while the simulator runs (screenshots zh-CN and
 * English at 1366x768, also under /tmp/centre-a-shots). The house archives by itself
 * (--archive-dir), so the alert rules list its archive rule.
 */

const PASSWORD = 'e2e centre password 1';
const SHOTS = '/tmp/centre-a-shots';
const VIEWPORT = { width: 1366, height: 768 };
let work = '';
let houseUrl = '';
let house: ChildProcess | undefined;
let bankConsole: ChildProcess | undefined;
let centreConsole: ChildProcess | undefined;
let bankUrl = '';
let bankDataDir = '';
let centreUrl = '';
const bankOperators: Record<string, string> = {};
/** sup1's TOTP secret (enrolled through the API) and the newest step it used, so no code is a replay. */
let supSecret = '';
let supLastStepMs = 0;
/** op2's TOTP secret (enrolled through the API), for the operator panel's read-only look. */
let op2Secret = '';

async function api(path: string, token: string | undefined, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(`${houseUrl}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

/**
 * A code for sup1 newer than any it used: the house refuses a code of a step already used (no
 * replay) and accepts one step ahead of its clock, so wait until the next step is that close.
 */
async function nextSupCode(): Promise<string> {
  const at = supLastStepMs + 30_000;
  while (at > Date.now() + 25_000) await new Promise((r) => setTimeout(r, 1_000));
  supLastStepMs = Math.max(at, Date.now());
  return totpCode(supSecret, supLastStepMs);
}

async function both(page: Page, name: string): Promise<void> {
  await shot(page, name);
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
}

async function centreLogin(page: Page, username: string, code: (page: Page) => Promise<string>): Promise<void> {
  await page.goto(centreUrl);
  await expect(page.getByTestId('centre-login')).toBeVisible();
  await expect(page.locator('input[name=username]')).toBeFocused();
  await page.keyboard.type(username);
  await page.keyboard.press('Tab');
  await page.keyboard.type(PASSWORD);
  await page.keyboard.press('Enter');
  await expect(page.locator('input[name=totp]')).toBeFocused();
  await page.keyboard.type(await code(page));
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('statusbar')).toContainText(username);
}

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(START_TIMEOUT_MS * 2);
  mkdirSync(SHOTS, { recursive: true });
  work = mkdtempSync(join(tmpdir(), 'hankou-e2e-centre-'));
  const housePort = await freePort();
  houseUrl = `http://127.0.0.1:${housePort}`;
  const started = await startChild(
    ['house', 'serve', '--port', String(housePort), '--data', join(work, 'house'), '--seed', DEMO_SEED_FILE, '--admin-token', ADMIN_TOKEN, '--simulate-rate', '4', '--log-level', 'warn', '--archive-dir', join(work, 'house-archive')],
    /listening on (http:\/\/127\.0\.0\.1:\d+)/,
  );
  house = started.child;
  // Break-glass bootstrap: the first supervisor, then the admin token is disabled for good.
  const boot = await api('/v1/centre/bootstrap', ADMIN_TOKEN, { username: 'sup1', name: '李主管', password: PASSWORD });
  expect(boot.status).toBe(201);
  const first = await api('/v1/centre/login', undefined, { username: 'sup1', password: PASSWORD });
  supSecret = (first.json.enrolment as { secret: string }).secret;
  supLastStepMs = Date.now();
  const session = await api('/v1/centre/login/totp', undefined, { challenge: first.json.challenge, code: totpCode(supSecret, supLastStepMs) });
  expect(session.status).toBe(200);
  const supSession = session.json.session as string;
  for (const [username, name] of [['op1', '张操作员'], ['op2', '王操作员']]) {
    expect((await api('/v1/centre/operators', supSession, { username, name, role: 'centre-operator', password: PASSWORD })).status).toBe(201);
  }
  // A day schedule open all day (so the simulator's payments are admitted whenever this runs),
  // proposed by op2 and approved by sup1: the status bar then shows the phase and the countdown.
  const op2 = await api('/v1/centre/login', undefined, { username: 'op2', password: PASSWORD });
  op2Secret = (op2.json.enrolment as { secret: string }).secret;
  const op2Session = await api('/v1/centre/login/totp', undefined, { challenge: op2.json.challenge, code: totpCode(op2Secret, Date.now()) });
  const schedule = { opening: '00:00', customerCutoff: '23:50', interbankCutoff: '23:55', cycleTimes: [], endOfDay: '23:59' };
  const proposed = await api('/v1/centre/proposals', op2Session.json.session as string, { type: 'schedule.set', payload: { day: 'default', schedule } });
  expect(proposed.status).toBe(201);
  expect((await api(`/v1/centre/proposals/${(proposed.json.proposal as { id: number }).id}/approve`, supSession, {})).status).toBe(200);

  bankDataDir = join(work, 'bank');
  const demo = await startDemoConsole(bankDataDir, houseUrl, 0);
  bankConsole = demo.child;
  bankUrl = demo.url;
  Object.assign(bankOperators, demo.operators);
  const centre = await startChild(['console', 'serve', '--centre', houseUrl, '--data', join(work, 'centre')], /Hankou console: (http:\/\/127\.0\.0\.1:\d+\/\?k=\S+)/);
  centreConsole = centre.child;
  centreUrl = centre.match;
});

test.afterAll(async () => {
  await stopChild(centreConsole);
  await stopChild(bankConsole);
  await stopChild(house);
  if (work !== '') rmSync(work, { recursive: true, force: true });
});

test('an operator enrols with TOTP and proposes a net debit cap; a supervisor approves; HKB sees the new cap', async ({ browser }) => {
  test.setTimeout(420_000);
  const operator = await browser.newPage({ viewport: VIEWPORT });
  const operatorProblems = watchConsole(operator);
  await centreLogin(operator, 'op1', async (page) => {
    // First sign-in: the house shows the secret once, as a QR code and as text.
    await expect(page.getByTestId('centre-qr')).toBeVisible();
    await both(page, 'centre-enrol-zh');
    const secret = (await page.getByTestId('centre-secret').getAttribute('data-secret')) ?? '';
    return totpCode(secret, Date.now());
  });
  // The centre's screens only: no bank screen in its menu.
  await expect(operator.getByTestId('centre-dashboard')).toBeVisible();
  for (const bankScreen of ['entry', 'blotter', 'alerts', 'liquidity', 'account']) await expect(operator.getByTestId(`nav-${bankScreen}`)).toHaveCount(0);
  await expect(operator.getByTestId('topbar-keys')).not.toContainText('F2');

  await operator.getByTestId('nav-centreProposals').click();
  // Every maker-checker action of issue 12 is offered (each is carried out in centre-proposal-types.test.ts).
  await expect(operator.getByTestId('cp-type').locator('option')).toHaveCount(10);
  await operator.getByTestId('cp-type').selectOption('netDebitCap.set');
  await operator.getByTestId('cp-bank').selectOption('HKB');
  await operator.getByTestId('cp-amount').fill('1234567.00');
  await operator.getByTestId('cp-note').fill('汉口银行申请提高限额');
  await operator.getByTestId('cp-submit').click();
  await expect(operator.getByTestId('cp-message')).toContainText('等待另一名主管复核');
  const row = operator.getByTestId('cp-row').filter({ hasText: 'HKB' });
  await expect(row).toHaveCount(1);
  // An operator proposes but never decides: approve is disabled, and says why.
  await expect(row.getByTestId('cp-approve')).toBeDisabled();
  await expect(row.getByTestId('cp-approve-reason')).toHaveText('仅清算中心主管可复核');
  await both(operator, 'centre-proposals-operator-zh');

  const supervisor = await browser.newPage({ viewport: VIEWPORT });
  const supervisorProblems = watchConsole(supervisor);
  // A later step than the API sign-in's: the house refuses a code already used.
  await centreLogin(supervisor, 'sup1', nextSupCode);
  await supervisor.getByTestId('nav-centreProposals').click();
  const pending = supervisor.getByTestId('cp-row').filter({ hasText: 'HKB' });
  await expect(pending.getByTestId('cp-approve')).toBeEnabled();
  await both(supervisor, 'centre-proposals-supervisor-zh');
  await pending.getByTestId('cp-approve').click();
  await expect(supervisor.getByTestId('cp-message')).toContainText('已批准并执行');

  // The supervisor's own proposal: approve disabled with the reason.
  await supervisor.getByTestId('cp-type').selectOption('cycle.close');
  await supervisor.getByTestId('cp-submit').click();
  const own = supervisor.getByTestId('cp-row').filter({ hasText: '强制轧差' });
  await expect(own.getByTestId('cp-approve')).toBeDisabled();
  await expect(own.getByTestId('cp-approve-reason')).toHaveText('须另一名主管复核（您是提议人）');
  await supervisor.getByTestId('cp-filter').selectOption('all');
  await supervisor.getByTestId('lang-switch').click();
  await expect(supervisor.getByTestId('cp-row').filter({ hasText: 'HKB' })).toContainText('Approved');
  await both(supervisor, 'centre-proposals-en');
  await supervisor.getByTestId('lang-switch').click();

  // HKB's own console sees the cap the centre set (its sync reads the account).
  const bank = await browser.newPage({ viewport: VIEWPORT });
  await loginByKeyboard(bank, bankUrl, 'super1', bankOperators.super1 ?? '');
  await bank.keyboard.press('F12');
  await expect(bank.getByTestId('lq-cap')).toContainText('1,234,567.00', { timeout: 60_000 });
  // And the bank's menu holds none of the centre's screens.
  await expect(bank.getByTestId('nav-centreDashboard')).toHaveCount(0);
  await shot(bank, 'centre-bank-sees-cap');
  expect(operatorProblems).toEqual([]);
  expect(supervisorProblems).toEqual([]);
  // Each open console polls: close them so the next tests run on a quieter machine.
  for (const page of [operator, supervisor, bank]) await page.close();
});

test('a broadcast from the centre reaches the bank console', async ({ browser }) => {
  test.setTimeout(300_000);
  const page = await browser.newPage({ viewport: VIEWPORT });
  const problems = watchConsole(page);
  await centreLogin(page, 'sup1', nextSupCode);
  await page.getByTestId('nav-centreBroadcasts').click();
  await page.getByTestId('cb-urgency-urgent').check();
  await page.getByTestId('cb-title').fill('今晚系统维护');
  await page.getByTestId('cb-body').fill('今晚 22:00 至 23:00 清算系统维护，请各行提前安排大额支付。');
  await page.getByTestId('cb-send').click();
  await expect(page.getByTestId('cb-message')).toContainText('全部参与行');
  await expect(page.getByTestId('cb-row').first()).toContainText('今晚系统维护');
  await both(page, 'centre-broadcasts-zh');
  await page.getByTestId('lang-switch').click();
  await expect(page.getByTestId('cb-row').first()).toContainText('Urgent');
  await both(page, 'centre-broadcasts-en');
  await page.getByTestId('lang-switch').click();

  // The bank console keeps what the pull feed brought (house_broadcast.<id>, docs/centre.md).
  await expect
    .poll(
      () => {
        const db = new Database(join(bankDataDir, 'console.sqlite'), { readonly: true, fileMustExist: true });
        try {
          const rows = db.prepare("SELECT value FROM settings WHERE key > 'house_broadcast.' AND key < 'house_broadcast/'").pluck().all() as string[];
          return rows.map((value) => (JSON.parse(value) as { title: string; urgency: string }).title);
        } finally {
          db.close();
        }
      },
      { timeout: 30_000 },
    )
    .toContain('今晚系统维护');
  // And a clerk at the bank sees it at once as an alert over the screen (docs/centre-console.md).
  const bank = await browser.newPage({ viewport: VIEWPORT });
  await loginByKeyboard(bank, bankUrl, 'clerk1', bankOperators.clerk1 ?? '');
  await expect(bank.getByTestId('broadcast-alert')).toContainText('今晚系统维护', { timeout: 60_000 });
  await shot(bank, 'centre-broadcast-on-bank-console');
  await bank.close();
  expect(problems).toEqual([]);
  await page.close();
});

test('the dashboard draws the simulated traffic and moves, zh-CN and English', async ({ browser }) => {
  test.setTimeout(300_000);
  const board = await browser.newPage({ viewport: VIEWPORT });
  const problems = watchConsole(board);
  await centreLogin(board, 'sup1', nextSupCode);
  await expect(board.getByTestId('centre-dashboard')).toBeVisible();
  const perMinute = board.getByTestId('chart-per-minute');
  await expect.poll(() => perMinute.locator('path').count(), { timeout: 15_000 }).toBeGreaterThan(20);
  const payments = board.getByTestId('tile-payments').locator('.centre-tile-value');
  await expect(payments).not.toHaveText('0', { timeout: 30_000 });
  const before = Number((await payments.innerText()).replace(/,/g, ''));
  const chartBefore = await perMinute.innerHTML();
  // The simulator sends a few payments a second; two refreshes later the figures and the bars have moved.
  await expect.poll(async () => Number((await payments.innerText()).replace(/,/g, '')), { timeout: 30_000 }).toBeGreaterThan(before);
  await expect.poll(async () => (await perMinute.innerHTML()) !== chartBefore, { timeout: 30_000 }).toBe(true);
  await expect.poll(() => board.getByTestId('chart-settled').locator('path').count()).toBeGreaterThan(3);
  await expect.poll(() => board.getByTestId('chart-liquidity').locator('path').count()).toBeGreaterThan(20);
  await expect(board.getByTestId('centre-consoles')).toContainText('HKB');
  await expect(board.getByTestId('sb-day-phase')).toContainText('营业中');
  await expect(board.getByTestId('sb-cutoff')).toContainText('客户业务截止 23:50');
  await both(board, 'centre-dashboard-zh');
  // The house archives by itself (--archive-dir): it added its alert rule, shown in words.
  const rules = board.getByTestId('centre-alert-rules');
  await expect(rules.getByTestId('rule-row')).toContainText(['清算所历史归档未完成或失败']);
  // A rule set from the console: HKB's available below a sum no bank holds. It is raised once,
  // and stays one open alert however often the house evaluates it (every 5 s, and each refresh).
  await rules.getByTestId('rule-kind').selectOption('available_below');
  await rules.getByTestId('rule-threshold').fill('999999999999.00');
  await rules.getByLabel('参与者').selectOption('HKB');
  await rules.getByTestId('rule-add').click();
  await expect(rules).toContainText('规则已添加。');
  const ruleWords = 'HKB 可用头寸低于 ¥999,999,999,999.00';
  await expect(rules.getByTestId('rule-row').filter({ hasText: ruleWords })).toHaveCount(1);
  const raised = rules.getByTestId('centre-raised').locator('tr', { hasText: ruleWords });
  await expect(raised).toHaveCount(1, { timeout: 20_000 });
  await expect(raised).toContainText('未解除');
  // Three refreshes later: still the one alert.
  await board.waitForTimeout(15_000);
  await expect(raised).toHaveCount(1);
  await rules.scrollIntoViewIfNeeded();
  await both(board, 'centre-alert-rules-zh');
  await board.getByTestId('lang-switch').click();
  await expect(board.getByTestId('tile-payments')).toContainText('Payments today');
  await expect.poll(async () => Number((await payments.innerText()).replace(/,/g, '')), { timeout: 30_000 }).toBeGreaterThan(before);
  await both(board, 'centre-dashboard-en');
  await board.locator('.workspace').evaluate((el) => el.scrollTo(0, el.scrollHeight));
  await expect(rules.getByTestId('rule-row')).toContainText(["the house's archive run stopped or failed"]);
  await rules.scrollIntoViewIfNeeded();
  await both(board, 'centre-dashboard-lower-en');
  await board.getByTestId('nav-centreReports').click();
  const csv = board.waitForEvent('download');
  await board.getByTestId('cr-csv').click();
  expect((await csv).suggestedFilename()).toMatch(/^settlement-\d{4}-\d{2}-\d{2}\.csv$/);
  await board.getByTestId('cr-bank').selectOption('HKB');
  const camt = board.waitForEvent('download');
  await board.getByTestId('cr-camt').click();
  expect((await camt).suggestedFilename()).toMatch(/camt/i);
  await expect(board.getByTestId('cr-message')).toContainText('Downloaded');
  await both(board, 'centre-reports-en');
  expect(problems).toEqual([]);
});

test('the centre stops a queued payment and releases it from the 止付 screen; the auditor only looks', async ({ browser }) => {
  test.setTimeout(360_000);
  // A sup1 session at the house for the set-up: an auditor to sign in later, and the audit read at the end.
  const first = await api('/v1/centre/login', undefined, { username: 'sup1', password: PASSWORD });
  const session = (await api('/v1/centre/login/totp', undefined, { challenge: first.json.challenge, code: await nextSupCode() })).json.session as string;
  expect((await api('/v1/centre/operators', session, { username: 'aud1', name: '赵审计', role: 'centre-auditor', password: PASSWORD })).status).toBe(201);
  // HKB sends more than it holds (500,000,000.00): the payment queues at the house.
  const id = `HKB-STOP-${Date.now()}`;
  const pushed = await api('/v1/sync/push', tokenOf('HKB'), pushBody(`e2e-centre-stop-${Date.now()}`, 1, [paymentPayload(id, 'ICBC', '900000000.00')]));
  expect((pushed.json.results as Array<{ status: string }>)[0]?.status).toBe('accepted');

  const page = await browser.newPage({ viewport: VIEWPORT });
  const problems = watchConsole(page);
  await centreLogin(page, 'sup1', nextSupCode);
  await page.getByTestId('nav-centreStops').click();
  await expect(page.getByTestId('cs-id')).toBeFocused();
  await page.keyboard.type(id);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('cs-status')).toContainText('排队');
  await expect(page.getByTestId('cs-stop-state')).toContainText('未止付');
  await expect(page.getByTestId('cs-payment')).toContainText('900,000,000.00');
  // A reason first: stop stays disabled without one; release is not offered for a payment not stopped.
  await expect(page.getByTestId('cs-stop')).toBeDisabled();
  await expect(page.getByTestId('cs-release')).toBeDisabled();
  await page.getByTestId('cs-reason').fill('公安机关协查，暂停支付');
  await page.getByTestId('cs-stop').click();
  await expect(page.getByTestId('cs-message')).toContainText('已止付支付');
  await expect(page.getByTestId('cs-stop-state')).toContainText('清算中心（sup1）');
  await expect(page.getByTestId('cs-status')).toContainText('排队');
  await expect(page.getByTestId('cs-stop-block')).toHaveText('已止付，可解除止付');
  await expect(page.getByTestId('cs-history-row')).toHaveCount(1);
  await both(page, 'centre-stop-stopped-zh');
  await page.getByTestId('lang-switch').click();
  await expect(page.getByTestId('cs-stop-state')).toContainText('Stopped by the clearing centre (sup1)');
  await both(page, 'centre-stop-stopped-en');
  await page.getByTestId('lang-switch').click();

  // HKB's console is told at once who at the centre stopped its payment (the stop thread's operator).
  const bank = await browser.newPage({ viewport: VIEWPORT });
  const bankProblems = watchConsole(bank);
  await loginByKeyboard(bank, bankUrl, 'super1', bankOperators.super1 ?? '');
  await bank.keyboard.press('F6');
  await expect(bank.locator('main.workspace')).toContainText(`清算中心（sup1）已止付支付 ${id}`, { timeout: 60_000 });
  await shot(bank, 'centre-stop-on-bank-console-zh');

  // The auditor finds it stopped and can do nothing about it: the buttons say why.
  const auditor = await browser.newPage({ viewport: VIEWPORT });
  const auditorProblems = watchConsole(auditor);
  await centreLogin(auditor, 'aud1', async (p) => totpCode((await p.getByTestId('centre-secret').getAttribute('data-secret')) ?? '', Date.now()));
  await auditor.getByTestId('nav-centreStops').click();
  await auditor.getByTestId('cs-id').fill(id);
  await auditor.getByTestId('cs-lookup').click();
  await expect(auditor.getByTestId('cs-stop-state')).toContainText('清算中心（sup1）');
  await expect(auditor.getByTestId('cs-reason')).toBeDisabled();
  await expect(auditor.getByTestId('cs-stop')).toBeDisabled();
  await expect(auditor.getByTestId('cs-release')).toBeDisabled();
  await expect(auditor.getByTestId('cs-stop-block')).toHaveText('审计岗只读，不能止付或解除止付。');
  await both(auditor, 'centre-stop-auditor-zh');
  expect(auditorProblems).toEqual([]);
  await auditor.close();

  await page.getByTestId('cs-reason').fill('协查结束，解除止付');
  await page.getByTestId('cs-release').click();
  await expect(page.getByTestId('cs-message')).toContainText('已解除支付');
  await expect(page.getByTestId('cs-stop-state')).toContainText('未止付');
  await expect(page.getByTestId('cs-status')).toContainText('排队');
  await expect(page.getByTestId('cs-history-row')).toHaveCount(2);
  await page.getByTestId('lang-switch').click();
  await expect(page.getByTestId('cs-history-row').nth(1)).toContainText('Release');
  await both(page, 'centre-stop-released-en');
  await page.getByTestId('lang-switch').click();
  await bank.getByTestId('lang-switch').click();
  await expect(bank.locator('main.workspace')).toContainText(`The clearing centre (sup1) released payment ${id}`, { timeout: 60_000 });
  await shot(bank, 'centre-release-on-bank-console-en');
  await bank.getByTestId('lang-switch').click();
  expect(bankProblems).toEqual([]);
  await bank.close();

  // The house's audit chain names the person for both.
  const audit = await fetch(`${houseUrl}/v1/centre/audit?limit=1000`, { headers: { authorization: `Bearer ${session}` } });
  const entries = ((await audit.json()) as { entries: Array<{ actor: string; action: string; entityId: string }> }).entries.filter((e) => e.entityId === id);
  expect(entries.map((e) => `${e.actor} ${e.action}`)).toEqual(['centre:sup1 payment.stopped', 'centre:sup1 payment.released']);
  expect(problems).toEqual([]);
  await page.close();
});

test('a supervisor manages the centre’s operators in the console; an operator sees the list with the buttons disabled and why', async ({ browser }) => {
  test.setTimeout(300_000);
  const page = await browser.newPage({ viewport: VIEWPORT });
  const problems = watchConsole(page);
  await centreLogin(page, 'sup1', nextSupCode);
  await page.getByTestId('nav-centreOperators').click();
  await expect(page.locator('[data-testid=co-row][data-username="op2"]')).toHaveAttribute('data-state', 'active');
  await expect(page.locator('[data-testid=co-row][data-username="sup1"]')).toContainText('清算中心主管');
  // A supervisor cannot disable their own account: the button says why.
  const self = page.locator('[data-testid=co-row][data-username="sup1"]').getByTestId('co-lock');
  await expect(self).toBeDisabled();
  await expect(self).toHaveAttribute('title', '不能停用自己的账户。');

  // A new operator: the one-time password is shown once, to hand over.
  await page.getByTestId('co-username').fill('zhao.jing');
  await page.getByTestId('co-name').fill('赵静');
  await page.getByTestId('co-role').selectOption('centre-operator');
  await page.getByTestId('co-create').click();
  await expect(page.getByTestId('co-password')).toHaveText(/^[a-zA-Z0-9]{16}$/);
  const oneTime = (await page.getByTestId('co-password').textContent()) ?? '';
  const created = page.locator('[data-testid=co-row][data-username="zhao.jing"]');
  await expect(created).toContainText('未绑定动态口令');
  await both(page, 'centre-operators-created-zh');
  // The house takes that password (and asks for a TOTP enrolment).
  const first = await api('/v1/centre/login', undefined, { username: 'zhao.jing', password: oneTime });
  expect(first.status).toBe(200);
  expect(first.json.enrolment).toBeDefined();
  await page.getByTestId('co-issued-done').click();
  await expect(page.getByTestId('co-password')).toHaveCount(0);

  await created.getByTestId('co-lock').click();
  await expect(created).toHaveAttribute('data-state', 'disabled');
  await expect(created).toContainText('已停用');
  expect((await api('/v1/centre/login', undefined, { username: 'zhao.jing', password: oneTime })).status).not.toBe(200);
  await created.getByTestId('co-unlock').click();
  await expect(created).toHaveAttribute('data-state', 'active');
  await page.getByTestId('lang-switch').click();
  await expect(created).toContainText('In use');
  await expect(page.getByTestId('nav-centreOperators')).toHaveText('Operators');
  await both(page, 'centre-operators-en');
  await page.getByTestId('lang-switch').click();

  // An operator reads the list; every button is disabled and says why.
  const operator = await browser.newPage({ viewport: VIEWPORT });
  const operatorProblems = watchConsole(operator);
  await centreLogin(operator, 'op2', async () => totpCode(op2Secret, Date.now() + 30_000));
  await operator.getByTestId('nav-centreOperators').click();
  await expect(operator.getByTestId('co-read-only')).toHaveText('仅清算中心主管可管理操作员。');
  await expect(operator.locator('[data-testid=co-row][data-username="zhao.jing"]')).toBeVisible();
  await expect(operator.getByTestId('co-create')).toBeDisabled();
  for (const button of await operator.locator('[data-testid=co-table] button').all()) {
    await expect(button).toBeDisabled();
    await expect(button).toHaveAttribute('title', '仅清算中心主管可管理操作员。');
  }
  await both(operator, 'centre-operators-operator-zh');
  await operator.getByTestId('lang-switch').click();
  await expect(operator.getByTestId('co-read-only')).toHaveText('Only a centre supervisor manages operators.');
  await both(operator, 'centre-operators-operator-en');
  await operator.close();

  // op2 lost their phone: a new enrolment at the next sign-in.
  await page.locator('[data-testid=co-row][data-username="op2"]').getByTestId('co-reset-totp').click();
  await expect(page.locator('[data-testid=co-row][data-username="op2"]')).toContainText('未绑定动态口令');
  await expect(page.getByTestId('co-message')).toContainText('下次登录时重新绑定动态口令');
  await both(page, 'centre-operators-zh');
  await page.close();
  expect(problems).toEqual([]);
  expect(operatorProblems).toEqual([]);
});
