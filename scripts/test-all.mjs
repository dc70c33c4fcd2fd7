#!/usr/bin/env node
// `npm test`: every check the project has: types, lint, unit and integration tests (vitest, real
// SQLite, PGlite and the local PostgreSQL), then end-to-end tests in Debian's Chromium through
// the browser host. Ends with one plain line: "N passed, N failed".
//
// CI time (docs/benchmarks.md, "CI time"): two lanes, both from the start.
//   - the end-to-end tests (one browser; mostly waiting on pages, the console and the house:
//     its process tree used ~0.5 of the 2 cores), at normal priority, since a page served late
//     is a timing failure waiting to happen;
//   - beside them, niced (`nice -n 10`, so it only takes the CPU the browser tests leave): the
//     `unit` vitest project (CPU-bound, one worker per core), then the `slow` project
//     (PostgreSQL clusters, crashes, failovers: mostly waiting on child processes), then the
//     typecheck and lint.
// The unit tests used to run alone first, adding their ~370 s to the end-to-end tests' time.
// Output of jobs running side by side is prefixed with their name, line by line.
// `npm test -- unit e2e` runs only the named steps (types, lint, unit, slow, e2e).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const results = join(root, 'test-results');
mkdirSync(results, { recursive: true });
const only = process.argv.slice(2);
const want = (step) => only.length === 0 || only.includes(step);
const bin = (name) => join(root, 'node_modules/.bin', name);
const started = Date.now();
const seconds = (since) => ((Date.now() - since) / 1000).toFixed(1);

/** `nice` where there is one (Linux, macOS): the CPU-bound lane yields to the browser tests. */
const NICE = ['/usr/bin/nice', '/bin/nice'].find((path) => existsSync(path)) ?? null;

/**
 * Runs a command; with a `tag`, its output lines are prefixed (it runs beside another job);
 * `niced` lowers its priority (and its children's) by 10.
 */
function run(label, cmd, args, { env = {}, tag = null, niced = false } = {}) {
  return new Promise((resolve) => {
    const say = (line) => process.stdout.write(tag === null ? `${line}\n` : `[${tag}] ${line}\n`);
    say(`=== ${label}: ${[cmd, ...args].join(' ')}${niced && NICE !== null ? ' (nice 10)' : ''}`);
    const t0 = Date.now();
    const [command, argv] = niced && NICE !== null ? [NICE, ['-n', '10', cmd, ...args]] : [cmd, args];
    const child = spawn(command, argv, { cwd: root, env: { ...process.env, ...env }, stdio: tag === null ? 'inherit' : ['ignore', 'pipe', 'pipe'] });
    if (tag !== null) {
      for (const stream of [child.stdout, child.stderr]) {
        let rest = '';
        stream.setEncoding('utf8');
        stream.on('data', (chunk) => {
          const lines = (rest + chunk).split('\n');
          rest = lines.pop() ?? '';
          for (const line of lines) say(line);
        });
        stream.on('end', () => rest !== '' && say(rest));
      }
    }
    child.on('error', (error) => say(`=== ${label}: ${error.message}`));
    child.on('close', (code) => {
      say(`=== ${label}: exit ${code} in ${seconds(t0)} s (at ${seconds(started)} s)`);
      resolve(code ?? 1);
    });
  });
}

async function ensureChromium() {
  if (existsSync('/usr/bin/chromium')) return true;
  if (process.platform === 'linux' && process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
    await run('chromium', 'sh', ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-microhei']);
    return existsSync('/usr/bin/chromium');
  }
  console.log('e2e: /usr/bin/chromium is missing; install Debian\'s chromium (apt-get install chromium) to run the browser tests');
  return false;
}

let passed = 0;
let failed = 0;

async function types(tag) {
  const a = await run('typecheck', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit'], { tag, niced: true });
  const b = await run('typecheck app/shared (pure)', bin('tsc'), ['-p', 'app/shared/tsconfig.json', '--noEmit'], { tag, niced: true });
  if (a === 0 && b === 0) passed += 1;
  else failed += 1;
}

async function lint(tag) {
  if ((await run('lint', bin('eslint'), ['.', '--max-warnings', '0'], { tag, niced: true })) === 0) passed += 1;
  else failed += 1;
}

/** One vitest project; counts its tests from the JSON report. */
async function vitest(project, tag) {
  const out = join(results, `vitest-${project}.json`);
  const status = await run(`vitest ${project}`, bin('vitest'), ['run', '--project', project, '--reporter=default', '--reporter=json', `--outputFile=${out}`], { tag, niced: true });
  if (existsSync(out)) {
    const report = JSON.parse(readFileSync(out, 'utf8'));
    passed += report.numPassedTests ?? 0;
    failed += (report.numFailedTests ?? 0) + (status !== 0 && !report.numFailedTests ? 1 : 0);
  } else failed += 1;
}

async function e2e(tag) {
  if (!existsSync(join(root, 'e2e/playwright.config.ts'))) return;
  if (!(await ensureChromium())) {
    failed += 1;
    return;
  }
  const out = join(results, 'e2e.json');
  const status = await run('end-to-end', bin('playwright'), ['test', '-c', 'e2e/playwright.config.ts', '--reporter=list,json'], {
    env: { PLAYWRIGHT_JSON_OUTPUT_NAME: out },
    tag,
  });
  if (existsSync(out)) {
    const stats = JSON.parse(readFileSync(out, 'utf8')).stats ?? {};
    passed += stats.expected ?? 0;
    failed += (stats.unexpected ?? 0) + (stats.flaky ?? 0) + (status !== 0 && !stats.unexpected ? 1 : 0);
  } else failed += status === 0 ? 0 : 1;
}

// Two lanes from the start: the browser tests, and beside them (niced) everything else in turn.
const lanes = [];
if (want('e2e')) lanes.push(e2e('e2e'));
lanes.push(
  (async () => {
    if (want('unit')) await vitest('unit', 'unit');
    if (want('slow') || only.includes('unit')) await vitest('slow', 'slow');
    if (want('types')) await types('types');
    if (want('lint')) await lint('lint');
  })(),
);
await Promise.all(lanes);

console.log(`\nnpm test: ${seconds(started)} s`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
