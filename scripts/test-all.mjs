#!/usr/bin/env node
// `npm test`: every check the project has, in order: types, lint, unit and integration tests
// (vitest, real SQLite, PGlite and the local PostgreSQL), then end-to-end tests in Debian's
// Chromium through the browser host. Ends with one plain line: "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const results = join(root, 'test-results');
mkdirSync(results, { recursive: true });
const only = process.argv.slice(2);
const want = (step) => only.length === 0 || only.includes(step);

function run(label, cmd, args, env = {}) {
  console.log(`\n=== ${label}: ${[cmd, ...args].join(' ')}`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  console.log(`=== ${label}: exit ${r.status} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return r.status ?? 1;
}

function ensureChromium() {
  if (existsSync('/usr/bin/chromium')) return true;
  if (process.platform === 'linux' && process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
    run('chromium', 'sh', ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-microhei']);
    return existsSync('/usr/bin/chromium');
  }
  console.log('e2e: /usr/bin/chromium is missing; install Debian\'s chromium (apt-get install chromium) to run the browser tests');
  return false;
}

let passed = 0;
let failed = 0;
const bin = (name) => join(root, 'node_modules/.bin', name);

if (want('types')) {
  const a = run('typecheck', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']);
  const b = run('typecheck app/shared (pure)', bin('tsc'), ['-p', 'app/shared/tsconfig.json', '--noEmit']);
  if (a === 0 && b === 0) passed += 1;
  else failed += 1;
}
if (want('lint')) {
  if (run('lint', bin('eslint'), ['.', '--max-warnings', '0']) === 0) passed += 1;
  else failed += 1;
}
if (want('unit')) {
  const out = join(results, 'vitest.json');
  const status = run('unit and integration', bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile=${out}`]);
  if (existsSync(out)) {
    const report = JSON.parse(readFileSync(out, 'utf8'));
    passed += report.numPassedTests ?? 0;
    failed += (report.numFailedTests ?? 0) + (status !== 0 && !report.numFailedTests ? 1 : 0);
  } else failed += 1;
}
if (want('e2e') && existsSync(join(root, 'e2e/playwright.config.ts'))) {
  if (!ensureChromium()) failed += 1;
  else {
    const out = join(results, 'e2e.json');
    const status = run('end-to-end', bin('playwright'), ['test', '-c', 'e2e/playwright.config.ts', '--reporter=list,json'], {
      PLAYWRIGHT_JSON_OUTPUT_NAME: out,
    });
    if (existsSync(out)) {
      const stats = JSON.parse(readFileSync(out, 'utf8')).stats ?? {};
      passed += stats.expected ?? 0;
      failed += (stats.unexpected ?? 0) + (stats.flaky ?? 0) + (status !== 0 && !stats.unexpected ? 1 : 0);
    } else failed += status === 0 ? 0 : 1;
  }
}
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
