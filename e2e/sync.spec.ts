import { test, expect, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/**
 * The console against a real clearing house (issue 4): a payment captured and verified while the
 * house is down waits as `queued_offline`, goes out when the house is back (same data, same
 * port), settles, and reaches the counterpart bank as an inbound payment. Both run as child
 * processes of this spec (`hankou house serve`, `hankou console serve --house`), apart from the
 * global setup's console.
 */

const projectRoot = dirname(dirname(fileURLToPath(import.meta.url)));
const SCREENS_DIR = join(projectRoot, 'test-results/screens');
mkdirSync(SCREENS_DIR, { recursive: true });
const SEED_FILE = join(projectRoot, 'app/house/demo-seed.json');
const ADMIN_TOKEN = 'e2e-admin-token-0123456789abcdef';
/** Demo creation hashes nine passwords with argon2id and loads the sanctions lists. */
const START_TIMEOUT_MS = 240_000;

type Seed = { participants: { id: string; bankCode: string; token: string }[] };
const seed = JSON.parse(readFileSync(SEED_FILE, 'utf8')) as Seed;
const tokenOf = (id: string): string => {
  const token = seed.participants.find((p) => p.id === id)?.token;
  if (!token) throw new Error(`no ${id} in the demo seed`);
  return token;
};
const bankCodeOf = (id: string): string => seed.participants.find((p) => p.id === id)?.bankCode ?? '';

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

/** Starts `node bin/hankou.mjs ...args` and resolves with the first stdout match of `pattern`. */
function startChild(args: string[], pattern: RegExp, env: NodeJS.ProcessEnv = {}): Promise<{ child: ChildProcess; match: string }> {
  const child = spawn(process.execPath, [join(projectRoot, 'bin/hankou.mjs'), ...args], {
    cwd: projectRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolveStart, reject) => {
    const output: string[] = [];
    const timer = setTimeout(() => reject(new Error(`${args.join(' ')} did not start in time:\n${output.join('\n')}`)), START_TIMEOUT_MS);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      output.push(line);
      const match = pattern.exec(line);
      if (match?.[1]) {
        clearTimeout(timer);
        resolveStart({ child, match: match[1] });
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${args.join(' ')} exited with ${code}:\n${output.join('\n')}`));
    });
  });
}

async function stopChild(child: ChildProcess | undefined): Promise<void> {
  if (child === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolveExit) => child.once('exit', resolveExit));
  child.kill('SIGTERM');
  await exited;
}

let work = '';
let housePort = 0;
let house: ChildProcess | undefined;
let consoleChild: ChildProcess | undefined;
let consoleUrl = '';
let operators: Record<string, string> = {};
let paymentId = '';

const houseUrl = (): string => `http://127.0.0.1:${housePort}`;

async function startHouseChild(): Promise<void> {
  const started = await startChild(
    [
      'house', 'serve', '--port', String(housePort), '--data', join(work, 'house'), '--seed', SEED_FILE,
      '--admin-token', ADMIN_TOKEN, '--simulate', '--cycle-interval-ms', '0', '--log-level', 'warn',
    ],
    /listening on (http:\/\/127\.0\.0\.1:\d+)/,
  );
  house = started.child;
}

async function login(page: Page, username: string): Promise<void> {
  await page.goto(consoleUrl);
  await expect(page.locator('input[name=username]')).toBeFocused();
  await page.keyboard.type(username);
  await page.keyboard.press('Tab');
  const password = operators[username];
  if (!password) throw new Error(`no demo password for ${username}`);
  await page.keyboard.type(password);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('statusbar')).toContainText(username);
}

/** Every console error the page reports (CSP violations included) fails the test. */
function watchConsole(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  return problems;
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

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(START_TIMEOUT_MS * 2);
  work = mkdtempSync(join(tmpdir(), 'hankou-e2e-sync-'));
  housePort = await freePort();
  await startHouseChild();
  const consoleDir = join(work, 'console');
  const started = await startChild(
    ['console', 'serve', '--demo', '--data', consoleDir, '--house', houseUrl(), '--house-token', tokenOf('HKB')],
    /Hankou console: (http:\/\/127\.0\.0\.1:\d+\/\?k=\S+)/,
    { HANKOU_DEMO_PAYMENTS: '500' },
  );
  consoleChild = started.child;
  consoleUrl = started.match;
  const file = join(consoleDir, 'demo-operators.txt');
  if (!existsSync(file)) throw new Error(`${file} was not written by the demo start`);
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.startsWith('#') || line.trim() === '') continue;
    const [username, password] = line.split('\t');
    if (username && password) operators[username] = password;
  }
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

  // Capture an hvps payment to ICBC by keyboard.
  await clerk.keyboard.press('F2');
  await expect(clerk.locator('#f-kind')).toBeFocused();
  await clerk.keyboard.press('Enter');
  await clerk.keyboard.press('Enter');
  await expect(clerk.locator('#f-to')).toBeFocused();
  await clerk.keyboard.type(bankCodeOf('ICBC'));
  await expect(clerk.getByTestId('to-bank-code')).toHaveText(bankCodeOf('ICBC'));
  await clerk.keyboard.press('Enter');
  await clerk.keyboard.type('2386.40');
  await clerk.keyboard.press('Enter');
  await clerk.keyboard.type('武汉长江钢铁有限公司');
  await clerk.keyboard.press('Enter');
  await clerk.keyboard.type('420101000123');
  await clerk.keyboard.press('Enter');
  await clerk.keyboard.type('武汉江城建材有限公司');
  await clerk.keyboard.press('Enter');
  await clerk.keyboard.type('6222020200778899');
  await clerk.keyboard.press('Enter');
  await clerk.keyboard.type('钢材货款');
  await clerk.keyboard.press('Control+Enter');
  const saved = clerk.locator('[data-payment-id]');
  await expect(saved).toBeVisible();
  paymentId = (await saved.getAttribute('data-payment-id')) ?? '';
  expect(paymentId).not.toBe('');

  // A supervisor verifies it, still offline: it goes to the outbox as queued_offline.
  const supervisor = await browser.newPage();
  await login(supervisor, 'super1');
  await supervisor.keyboard.press('F3');
  const draft = supervisor.locator(`tr[data-id="${paymentId}"]`);
  await draft.click();
  await supervisor.keyboard.press('F8');
  await expect(supervisor.locator(`tr[data-id="${paymentId}"]`)).toHaveCount(0);
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
  await login(page, 'clerk1');
  await page.keyboard.press('F11');
  await expect(page.getByRole('heading', { name: /来账/ })).toBeVisible();
  // The simulator pays HKB from the other banks; they arrive through the pull.
  await expect(page.getByTestId('inbound-count')).toBeVisible();
  await expect(page.locator('[data-testid=inbound-grid] .ag-row').first()).toBeVisible();
  const rows = page.locator('[data-testid=inbound-grid] .ag-row');
  await expect(rows.first()).toContainText(/中国|银行|行/);
  await page.getByTestId('inbound-filter-status').selectOption('settled');
  await expect(rows.first()).toContainText('已清算');
  await page.screenshot({ path: join(SCREENS_DIR, 'sync-inbound.png') });
  expect(problems).toEqual([]);
});

test('the liquidity screen shows the position and each closed cycle checked against the console replay (F12)', async ({ page }) => {
  test.setTimeout(120_000);
  const problems = watchConsole(page);
  await login(page, 'clerk1');
  // Close the open DNS cycle at the house (the simulator's BEPS traffic is in it).
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
  expect(problems).toEqual([]);
});
