import { expect, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { globalConsole } from './global-consoles';
import { freshTotpCode, skipTotpStep, totpSecretFor } from './totp-codes';

/** Screenshots of every screen under test land here, to be looked at. */
export const SCREENS_DIR = join(dirname(dirname(fileURLToPath(import.meta.url))), 'test-results/screens');
mkdirSync(SCREENS_DIR, { recursive: true });

/** The console URL the global setup started for this worker (with its per-launch key). */
export function consoleUrl(): string {
  return globalConsole().url;
}

/** The demo operators' passwords the global setup read from the demo start's output (printed once, kept nowhere). */
export function demoPassword(username: string): string {
  const value = globalConsole().operators[username];
  if (!value) throw new Error(`no demo password for ${username}`);
  return value;
}

/** Every console error the page reports (CSP violations included) is collected to fail the test. */
export function watchConsole(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  return problems;
}

export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENS_DIR, `${name}.png`) });
}

/**
 * Signs in with the keyboard only: type, Tab, type, Enter; then, for an operator with a
 * one-time-code key (supervisors, administrators), the six digits and Enter.
 */
export async function loginByKeyboard(page: Page, url: string, username: string, password: string): Promise<void> {
  await page.goto(url);
  await expect(page.locator('input[name=username]')).toBeFocused();
  await page.keyboard.type(username);
  await page.keyboard.press('Tab');
  await page.keyboard.type(password);
  await page.keyboard.press('Enter');
  const secret = totpSecretFor(url, username);
  if (secret !== undefined) await enterTotpCode(page, secret);
  await expect(page.getByTestId('statusbar')).toContainText(username);
}

/** The code step: type a fresh code; a refusal (the code was used by an earlier run) tries the next step once. */
export async function enterTotpCode(page: Page, secret: string): Promise<void> {
  const field = page.locator('input[name=code]');
  for (let attempt = 0; attempt < 2; attempt += 1) {
    await expect(field).toBeFocused();
    await page.keyboard.type(await freshTotpCode(secret));
    await page.keyboard.press('Enter');
    // The loser's wait ends with the page; its rejection is expected and swallowed.
    const outcome = await Promise.race([
      page.getByTestId('statusbar').waitFor().then(() => 'in' as const, () => 'gone' as const),
      page.getByTestId('login-error').waitFor().then(() => 'refused' as const, () => 'gone' as const),
    ]);
    if (outcome === 'in') return;
    skipTotpStep(secret);
  }
}

/** As loginByKeyboard, on the global setup's console with a demo operator. */
export function login(page: Page, username: string): Promise<void> {
  return loginByKeyboard(page, consoleUrl(), username, demoPassword(username));
}

/** Picks the receiving bank in payment entry as a clerk does: its 12-digit code typed, Enter takes it. */
export async function pickBank(page: Page, bankCode: string): Promise<void> {
  await page.locator('#f-to').focus();
  await page.locator('#f-to').fill('');
  await page.keyboard.type(bankCode);
  await page.keyboard.press('Enter');
}

/**
 * Opens payment `id` in the blotter (F4, filter by id, select the row) and waits for its detail.
 * The grid re-renders as the pull feed moves rows, so a click can land on a row being replaced:
 * the click is retried until the detail shows the payment.
 */
export async function openInBlotter(page: Page, id: string, arriveMs?: number): Promise<void> {
  await page.keyboard.press('F4');
  await page.locator('[data-testid=blotter-grid] .ag-floating-filter[col-id="id"] input').fill(id);
  const row = page.locator('[data-testid=blotter-grid] .ag-row', { hasText: id });
  await expect(row).toHaveCount(1, { timeout: arriveMs ?? 30_000 });
  await expect(async () => {
    await row.click({ timeout: 5_000 });
    await expect(page.getByTestId('blotter-detail')).toContainText(id, { timeout: 3_000 });
  }).toPass({ timeout: 30_000 });
}
