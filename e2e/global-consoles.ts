/**
 * The demo consoles the global setup starts: one per Playwright worker, so two workers never
 * share a console's state (its operators' one-time codes, its grids, its audit store). A worker
 * uses the console of its parallel index (TEST_PARALLEL_INDEX, set by Playwright in each worker).
 */
export interface GlobalConsole {
  url: string;
  operators: Record<string, string>;
  totp: Record<string, string>;
  dataDir: string;
}

/**
 * How many workers run the e2e tests: one unless HANKOU_E2E_WORKERS says more. On two cores a
 * second worker gained ~4% (docs/benchmarks.md, "Two e2e workers"). A reused data folder
 * (HANKOU_E2E_DATA) holds one console, so one worker.
 */
export const E2E_WORKERS = process.env.HANKOU_E2E_DATA !== undefined ? 1 : Math.max(1, Number(process.env.HANKOU_E2E_WORKERS ?? 1));

const CONSOLES_ENV = 'HANKOU_E2E_CONSOLES';

export function publishGlobalConsoles(consoles: readonly GlobalConsole[]): void {
  process.env[CONSOLES_ENV] = JSON.stringify(consoles);
}

/** Every worker's console; none outside a Playwright run through e2e/playwright.config.ts. */
export function allGlobalConsoles(): GlobalConsole[] {
  const raw = process.env[CONSOLES_ENV];
  return raw ? (JSON.parse(raw) as GlobalConsole[]) : [];
}

/** This worker's console. */
export function globalConsole(): GlobalConsole {
  const consoles = allGlobalConsoles();
  const index = Number(process.env.TEST_PARALLEL_INDEX ?? 0);
  const chosen = consoles[index % Math.max(1, consoles.length)];
  if (chosen === undefined) throw new Error(`${CONSOLES_ENV} is not set: run through e2e/playwright.config.ts`);
  return chosen;
}
