// The console's sync tests run against a real clearing house. app/main and app/house never
// import each other, tests included (eslint.config.js), so what the console's tests need of the
// house lives in this folder, outside both halves.
import { startHouse, type HouseOptions, type RunningHouse } from '../app/house/house';
import { DEMO_SEED_PATH, demoToken } from '../app/house/demo-seed';
import { readSeedFile } from '../app/house/seed';

export type { RunningHouse };
export { demoToken };
export { call } from '../app/house/test-support/fixtures';

/**
 * A house seeded with the demo banks (the console's demo directory), quiet, with no cycle or
 * offsetting timers: the test runs cycles itself so its outcome does not depend on timing.
 */
export function startDemoHouse(options: Omit<HouseOptions, 'seed' | 'seedFile'> = {}): Promise<RunningHouse> {
  return startHouse({ seed: readSeedFile(DEMO_SEED_PATH), logLevel: 'silent', cycleIntervalMs: 0, offsetIntervalMs: 0, ...options });
}
