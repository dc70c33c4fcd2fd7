import { test, expect, type Page } from '@playwright/test';
import NodeWebSocket from 'ws';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { consoleUrl, login } from './support';
import { enforcedPolicy, expectCspEnforced, expectStrictCsp, expectWindowOpenBlocked, FOREIGN_ORIGIN } from './csp-checks';

/**
 * The browser host's defences, proved in Chromium rather than by reading headers: the CSP is
 * present and strict, the browser refuses inline script, eval and any foreign load with it, no
 * popup opens, nothing frames the console, and the WebSocket refuses a foreign page.
 */

const port = () => new URL(consoleUrl()).port;
const key = () => new URL(consoleUrl()).searchParams.get('k') ?? '';
const hostOrigin = () => `http://127.0.0.1:${port()}`;

/**
 * Another web site on this machine: a different origin (another port) that Chromium will load and
 * let talk to 127.0.0.1 without mixed-content or private-network rules getting in first, so what
 * stops it is the console's own defence.
 */
async function startForeignSite(html: string): Promise<{ origin: string; close: () => Promise<void> }> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(html);
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const { port: foreignPort } = server.address() as AddressInfo;
  return { origin: `http://127.0.0.1:${foreignPort}`, close: () => new Promise((done) => server.close(() => done())) };
}

/** Answers every request to the foreign origin with a page, counting them: nothing may get there. */
async function routeForeign(page: Page, html = '<p>foreign</p>'): Promise<string[]> {
  const reached: string[] = [];
  await page.context().route(/^https?:\/\/evil\.example\//, async (route) => {
    reached.push(route.request().url());
    await route.fulfill({ status: 200, contentType: 'text/html', body: html });
  });
  return reached;
}

test('every response carries a strict CSP: scripts from the host only, connections only to itself', async ({ page, request }) => {
  const response = await page.goto(consoleUrl());
  expect(response?.status()).toBe(200);
  const header = response?.headers()['content-security-policy'] ?? '';
  expectStrictCsp(header, ["'self'", `ws://127.0.0.1:${port()}`]);
  expect(header).toContain('sandbox allow-scripts allow-same-origin allow-forms allow-downloads');
  expect(header).not.toContain('allow-popups');
  expect(header).not.toContain('allow-top-navigation');
  // Not only the page: the scripts it loads and a 404 carry it too.
  const script = await page.locator('script[src]').first().getAttribute('src');
  for (const path of [script ?? '/', '/no-such-file']) {
    const other = await request.get(new URL(path, hostOrigin()).toString());
    expectStrictCsp(other.headers()['content-security-policy'] ?? '', ["'self'", `ws://127.0.0.1:${port()}`]);
  }
});

test('the browser refuses injected inline script, inline handlers, eval and loads from a foreign origin', async ({ page }) => {
  const reached = await routeForeign(page);
  await page.goto(consoleUrl());
  await expect(page.locator('input[name=username]')).toBeFocused();
  // The engine enforces exactly the strict policy the header carries.
  expectStrictCsp(await enforcedPolicy(page), ["'self'", `ws://127.0.0.1:${port()}`]);
  await expectCspEnforced(page);
  expect(reached).toEqual([]);
  // The page still works under the policy: its own scripts run and a login goes through.
  await login(page, 'clerk1');
});

test('no popup and no frame: window.open and target=_blank open nothing, a foreign page cannot frame the console', async ({ page, context }) => {
  const reached = await routeForeign(page);
  await page.goto(consoleUrl());
  await expect(page.locator('input[name=username]')).toBeFocused();
  const popups: string[] = [];
  context.on('page', (p) => popups.push(p.url()));
  await expectWindowOpenBlocked(page);
  await page.evaluate((url) => {
    const a = document.createElement('a');
    a.href = url;
    a.target = '_blank';
    a.textContent = 'foreign link';
    a.id = 'foreign-link';
    document.body.appendChild(a);
  }, `${FOREIGN_ORIGIN}/link`);
  await page.locator('#foreign-link').click();
  // The click is handled synchronously by the browser: a popup would already be listed.
  await expect(page).toHaveURL(/^http:\/\/127\.0\.0\.1:/);
  expect(popups).toEqual([]);
  expect(reached).toEqual([]);

  // A foreign page framing the console (clickjacking) gets an empty frame: frame-ancestors 'none'.
  const site = await startForeignSite(`<iframe id="f" src="${consoleUrl()}"></iframe>`);
  try {
    const framer = await context.newPage();
    await framer.goto(`${site.origin}/framer`);
    await expect(framer.locator('#f')).toHaveCount(1);
    await framer.waitForLoadState('load');
    for (const f of framer.frames()) expect(await f.locator('input[name=username]').count(), `console rendered in ${f.url()}`).toBe(0);
    await framer.close();
  } finally {
    await site.close();
  }
});

test('the WebSocket refuses a foreign page even with the launch key', async ({ page }) => {
  // In the browser: a page on another origin tries the console's socket with the right key.
  const site = await startForeignSite('<p>another site</p>');
  await page.goto(`${site.origin}/attacker`);
  const outcome = await page.evaluate(
    (url) =>
      new Promise<string>((resolveOutcome) => {
        const ws = new WebSocket(url);
        ws.onopen = () => resolveOutcome('open');
        ws.onclose = (event) => resolveOutcome(`closed ${event.code}`);
      }),
    `ws://127.0.0.1:${port()}/ws?k=${key()}`,
  );
  await site.close();
  expect(outcome).toBe('closed 1006');

  // The same from Node with the Origin header spelled out: 403 for a foreign one; the console's own opens.
  const attempt = (origin: string) =>
    new Promise<number>((resolveStatus, reject) => {
      const ws = new NodeWebSocket(`ws://127.0.0.1:${port()}/ws?k=${key()}`, { origin });
      ws.on('open', () => {
        ws.close();
        resolveStatus(101);
      });
      ws.on('unexpected-response', (_req, res) => resolveStatus(res.statusCode ?? 0));
      ws.on('error', reject);
    });
  expect(await attempt('http://evil.example')).toBe(403);
  expect(await attempt(`http://localhost:${port()}`)).toBe(403);
  expect(await attempt(hostOrigin())).toBe(101);
});
