import { test, expect, type Page } from '@playwright/test';
import { join } from 'node:path';
import { login, shot } from './support';
import { globalConsole } from './global-consoles';
import Database from 'better-sqlite3';
import { writeCamt053 } from '../app/shared/iso20022';

/**
 * The reconciliation workspace end to end, with no clearing house running: the console
 * serves its demo alone. A camt.053 is written for a past business date from the demo's own
 * settled payments (the fixture CBPR camt.053 is for a foreign EUR account, so it cannot be our
 * CNY settlement account): every payment carries its reference but one, which arrives without a
 * reference under another name, and the bank adds a 15.00 charge nobody booked. recon1 imports
 * it, auto-matches, matches the odd one by hand, proposes writing the charge off; super1 approves;
 * recon1 closes the proven day.
 */




interface DemoPayment {
  id: string;
  direction: 'in' | 'out';
  amount_minor: number;
  counterparty_name: string;
}

/** A past date with a modest number of settled payments, read straight from the console's store. */
function pickDay(): { date: string; account: string; payments: DemoPayment[] } {
  const { dataDir } = globalConsole();
  const db = new Database(join(dataDir, 'console.sqlite'), { readonly: true });
  try {
    const today = (db.prepare("SELECT value FROM settings WHERE key = 'business_date'").pluck().get() as string) ?? '';
    const date = db
      .prepare(
        `SELECT business_date FROM payments WHERE status IN ('settled', 'netted') AND business_date < ?
         GROUP BY business_date HAVING count(*) BETWEEN 5 AND 400 ORDER BY business_date DESC LIMIT 1`,
      )
      .pluck()
      .get(today) as string;
    const account = db.prepare("SELECT p.bank_code FROM participants p JOIN settings s ON s.key = 'self_participant' AND s.value = p.id").pluck().get() as string;
    const payments = db
      .prepare("SELECT id, direction, amount_minor, counterparty_name FROM payments WHERE business_date = ? AND status IN ('settled', 'netted') ORDER BY id")
      .all(date) as DemoPayment[];
    return { date, account, payments };
  } finally {
    db.close();
  }
}

const decimal = (minor: number) => `${Math.floor(minor / 100)}.${String(minor % 100).padStart(2, '0')}`;

function statementFor(day: ReturnType<typeof pickDay>, odd: DemoPayment): string {
  const entries = day.payments.map((p) => ({
    amount: decimal(p.amount_minor),
    currency: 'CNY',
    creditDebit: p.direction === 'in' ? ('CRDT' as const) : ('DBIT' as const),
    bookingDate: day.date,
    valueDate: day.date,
    reference: p.id === odd.id ? 'NOTPROVIDED' : p.id,
    endToEndId: null,
    counterparty: p.id === odd.id ? '人民银行武汉分行清算专户' : p.counterparty_name,
    remittance: null,
  }));
  entries.push({ amount: '15.00', currency: 'CNY', creditDebit: 'DBIT', bookingDate: day.date, valueDate: day.date, reference: `CHG${day.date.replace(/-/g, '')}`, endToEndId: null, counterparty: '汉口银行', remittance: null });
  const openingMinor = 5_000_000_000;
  const movements = day.payments.reduce((s, p) => s + (p.direction === 'in' ? p.amount_minor : -p.amount_minor), 0) - 1500;
  const closingMinor = openingMinor + movements;
  if (closingMinor < 0) throw new Error('the test statement would close overdrawn; raise the opening balance');
  return writeCamt053(
    {
      type: 'camt.053',
      version: '001.08',
      statements: [
        {
          account: day.account,
          openingBalance: { amount: decimal(openingMinor), currency: 'CNY', creditDebit: 'CRDT', date: day.date },
          closingBalance: { amount: decimal(closingMinor), currency: 'CNY', creditDebit: 'CRDT', date: day.date },
          entries,
        },
      ],
    },
    { messageId: `E2E-${day.date}`, creationDateTime: `${day.date}T23:30:00+08:00` },
  );
}

async function openWorkspace(page: Page, sessionId: string): Promise<void> {
  await page.keyboard.press('F1');
  await expect(page.getByTestId('recon-screen')).toBeVisible();
  await page.getByTestId('recon-session').selectOption(sessionId);
  await expect(page.getByTestId('recon-proof')).toBeVisible();
}

test.describe.configure({ mode: 'serial' });

const day = pickDay();
// The odd payment: the largest, so no other payment shares its amount.
const odd = [...day.payments].sort((a, b) => b.amount_minor - a.amount_minor)[0]!;
const sessionId = `${day.account}@${day.date}`;
const chargeId = `CHG${day.date.replace(/-/g, '')}`;

test('recon1 imports a camt.053, auto-matches, matches one by hand and proposes a write-off — house stopped', async ({ page }) => {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  await login(page, 'recon1');
  await page.keyboard.press('F1');
  await expect(page.getByTestId('recon-screen')).toBeVisible();
  await page.getByTestId('recon-date').fill(day.date);
  await page.getByTestId('recon-open').click();
  await expect(page.getByTestId('recon-message')).toContainText(sessionId);
  await expect(page.getByTestId('recon-books')).toContainText(`未达 ${day.payments.length} 笔`);

  const xml = statementFor(day, odd);
  await page.getByTestId('recon-file').setInputFiles({ name: `camt053-${day.date}.xml`, mimeType: 'application/xml', buffer: Buffer.from(xml, 'utf8') });
  await expect(page.getByTestId('recon-message')).toContainText(`新增 ${day.payments.length + 1} 笔`);
  // The same file again changes nothing.
  await page.getByTestId('recon-file').setInputFiles({ name: `camt053-${day.date}.xml`, mimeType: 'application/xml', buffer: Buffer.from(xml, 'utf8') });
  await expect(page.getByTestId('recon-message')).toContainText('未作任何更改');
  await shot(page, 'recon-imported');

  await page.keyboard.press('a');
  await expect(page.getByTestId('recon-message')).toContainText(`新增 ${day.payments.length - 1} 条匹配`);
  await expect(page.getByTestId('recon-books')).toContainText('未达 1 笔');
  await expect(page.getByTestId('recon-statement')).toContainText('未达 2 笔');
  // Again: nothing new.
  await page.getByTestId('recon-auto').click();
  await expect(page.getByTestId('recon-message')).toContainText('新增 0 条匹配');

  // By hand: the payment and the unreferenced line, which the screen suggests to each other.
  await page.locator(`[data-testid=recon-books] .ag-row[row-id="books|${odd.id}"] [col-id="date"]`).click();
  const oddStatement = page.locator('[data-testid=recon-statement] .ag-row', { hasText: 'NOTPROVIDED' });
  await expect(oddStatement).toHaveClass(/row-hint/);
  await oddStatement.locator('[col-id="date"]').click();
  await expect(page.getByTestId('recon-difference')).toHaveText('0.00');
  await shot(page, 'recon-manual-selection');
  await page.locator('body').press('m');
  await expect(page.getByTestId('recon-message')).toContainText('已匹配');
  await expect(page.getByTestId('recon-books')).toContainText('未达 0 笔');

  // The bank's charge: propose a write-off with the reason.
  await page.locator(`[data-testid=recon-statement] .ag-row[row-id="statement|${chargeId}"] [col-id="date"]`).click();
  await expect(page.getByTestId('recon-difference')).toHaveText('-15.00');
  await page.getByTestId('recon-text').fill('清算中心划收手续费，本行未记账');
  await page.getByTestId('recon-writeoff').click();
  await expect(page.getByTestId('recon-message')).toContainText('待复核批准');
  await expect(page.getByTestId('proof-state')).toContainText('尚未具备关闭条件');
  await expect(page.getByTestId('recon-proof')).toContainText('有核销待复核批准');
  await expect(page.getByTestId('recon-close')).toBeDisabled();
  // The proposer is offered no approval: that is a supervisor's, and never the proposer's.
  await expect(page.getByTestId('recon-writeoffs').getByRole('button')).toHaveCount(0);
  await shot(page, 'recon-pending-writeoff');
  expect(problems).toEqual([]);
});

test('super1 approves the write-off', async ({ page }) => {
  await login(page, 'super1');
  await openWorkspace(page, sessionId);
  const row = page.locator('[data-testid=recon-writeoffs] tr', { hasText: chargeId });
  await shot(page, 'recon-approve');
  await row.getByRole('button', { name: '批准' }).click();
  await expect(page.getByTestId('recon-message')).toContainText('核销已批准');
  await expect(row).toContainText('已批准 · super1');
  await expect(page.getByTestId('proof-state')).toContainText('已平衡');
});

test('recon1 closes the proven day in English, and it stays closed', async ({ page }) => {
  await login(page, 'recon1');
  await openWorkspace(page, sessionId);
  await expect(page.getByTestId('proof-computed')).toHaveText(await page.getByTestId('proof-closing').innerText());
  await page.getByTestId('recon-close').click();
  await expect(page.getByTestId('recon-closed')).toContainText('recon1');
  await page.getByTestId('recon-proof').scrollIntoViewIfNeeded();
  await shot(page, 'recon-closed');
  await page.getByTestId('lang-switch').click();
  await expect(page.getByTestId('recon-screen')).toContainText('Proof of the day');
  await page.getByTestId('recon-screen').getByRole('checkbox').check();
  await shot(page, 'recon-closed-en');
});
