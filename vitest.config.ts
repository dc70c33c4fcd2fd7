import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

/**
 * Test files that mostly wait on other processes (PostgreSQL clusters started, failed over and
 * killed, house and console children crashed and restarted, disks filled): the `slow` project.
 * `npm test` (scripts/test-all.mjs) runs them beside the end-to-end tests, which also mostly
 * wait, so CI pays for them once; `vitest run` alone runs both projects. Measured per file
 * (docs/benchmarks.md, "CI time").
 */
export const SLOW_TESTS = [
  'app/cli/failover.fault.test.ts',
  'app/cli/commands/house-backup.test.ts',
  'app/cli/commands/house.test.ts',
  'app/house/house-crash.test.ts',
  'app/main/sync/console-crash.fault.test.ts',
  'app/main/sync/clock-skew.fault.test.ts',
  'app/main/sync/store-full-pull.fault.test.ts',
  'app/main/store/store-faults.fault.test.ts',
  'app/main/store/store-health.fault.test.ts',
];

/**
 * Vitest's default on a 2-core machine is ONE worker (cores - 1), so every file ran in turn while
 * most of them wait on SQLite fsyncs, PostgreSQL, argon2 or child processes. One worker per core
 * keeps both cores busy; HANKOU_TEST_WORKERS overrides it (e.g. 1 on a loaded machine).
 */
const workers = Number(process.env.HANKOU_TEST_WORKERS ?? Math.max(2, availableParallelism()));

export default defineConfig({
  test: {
    exclude: ['node_modules/**', 'dist/**', 'e2e/**', 'bench/**/*.bench.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: workers,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          // bench/**/*.test.ts: the load generator's helpers (bench/load/); the benches themselves never run here.
          include: ['app/**/*.test.ts', 'app/**/*.test.tsx', 'scripts/**/*.test.ts', 'bench/**/*.test.ts'],
          exclude: ['node_modules/**', 'dist/**', 'e2e/**', 'bench/**/*.bench.ts', ...SLOW_TESTS],
        },
      },
      {
        extends: true,
        test: { name: 'slow', include: SLOW_TESTS },
      },
    ],
  },
});
