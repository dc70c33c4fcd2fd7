import { expect, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Screenshots of every screen under test land here, to be looked at. */
export const SCREENS_DIR = join(dirname(dirname(fileURLToPath(import.meta.url))), 'test-results/screens');
mkdirSync(SCREENS_DIR, { recursive: true });

/** The console URL the global setup started (with its per-launch key). */
export function consoleUrl(): string {
  const value = process.env.HANKOU_E2E_URL;
  if (!value) throw new Error('HANKOU_E2E_URL is not set: run through e2e/playwright.config.ts');
  return value;
}

/** The demo operators' passwords the global setup read from the demo start's output (printed once, kept nowhere). */
export function demoPassword(username: string): string {
  const value = (JSON.parse(process.env.HANKOU_E2E_OPERATORS ?? '{}') as Record<string, string>)[username];
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

/** Signs in with the keyboard only: type, Tab, type, Enter. */
export async function loginByKeyboard(page: Page, url: string, username: string, password: string): Promise<void> {
  await page.goto(url);
  await expect(page.locator('input[name=username]')).toBeFocused();
  await page.keyboard.type(username);
  await page.keyboard.press('Tab');
  await page.keyboard.type(password);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('statusbar')).toContainText(username);
}

/** As loginByKeyboard, on the global setup's console with a demo operator. */
export function login(page: Page, username: string): Promise<void> {
  return loginByKeyboard(page, consoleUrl(), username, demoPassword(username));
}
