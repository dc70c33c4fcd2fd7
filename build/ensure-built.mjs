// Builds the renderer (vite) and the Electron bundles (esbuild) when their output is missing or
// older than any source it is made from. Used by scripts/start.mjs and the e2e global setup.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = dirname(dirname(fileURLToPath(import.meta.url)));

function newestMtimeMs(dir) {
  let newest = 0;
  if (!existsSync(dir)) return newest;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtimeMs(full));
    else if (!entry.name.includes('.test.')) newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

/** True when `output` is missing or older than the newest file under any of `sourceDirs`. */
export function isStale(output, sourceDirs) {
  if (!existsSync(output)) return true;
  const builtAt = statSync(output).mtimeMs;
  return sourceDirs.some((dir) => newestMtimeMs(join(projectRoot, dir)) > builtAt);
}

function run(args, what) {
  const result = spawnSync(process.execPath, args, { cwd: projectRoot, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) throw new Error(`${what} failed (exit ${result.status})`);
}

export function ensureRendererBuilt({ quiet = false } = {}) {
  const output = join(projectRoot, 'dist/renderer/index.html');
  if (!isStale(output, ['app/renderer', 'app/shared'])) return false;
  if (!quiet) process.stderr.write('Building the console renderer (vite build)…\n');
  run([join(projectRoot, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'app/renderer/vite.config.ts', '--logLevel', 'warn'], 'vite build');
  return true;
}

export function ensureElectronBuilt({ quiet = false } = {}) {
  const output = join(projectRoot, 'dist/electron/main.cjs');
  if (!isStale(output, ['app/main', 'app/shared', 'build'])) return false;
  if (!quiet) process.stderr.write('Building the Electron main and preload bundles (esbuild)…\n');
  run([join(projectRoot, 'build/build-electron.mjs')], 'build-electron');
  return true;
}
