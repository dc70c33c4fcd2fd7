import { defineConfig } from '@playwright/test';
import { E2E_WORKERS } from './global-consoles';

/**
 * End-to-end tests through the browser host with Debian's Chromium (no Playwright browser
 * download). The global setup starts `hankou console serve --demo` on a temporary data folder.
 */
export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  // One demo console per worker (global-setup.ts); specs that start their own house and consoles
  // take free ports, so files can run side by side (HANKOU_E2E_WORKERS=2); one at a time by default.
  workers: E2E_WORKERS,
  fullyParallel: false,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  globalSetup: './global-setup.ts',
  outputDir: '../test-results/e2e-artifacts',
  reporter: [['list']],
  use: {
    viewport: { width: 1440, height: 900 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
});
