#!/usr/bin/env node
// `npm run setup`: installs the npm packages (with or without the Electron binary), builds the
// renderer. Needs only Node: it runs before node_modules exists. Safe to run again.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function run(cmd, args, env = {}) {
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status ?? 1;
}

function installedMatchesLock() {
  const lock = join(root, 'package-lock.json');
  const installed = join(root, 'node_modules/.package-lock.json');
  if (!existsSync(lock) || !existsSync(installed)) return false;
  const wanted = JSON.parse(readFileSync(lock, 'utf8')).packages ?? {};
  const have = JSON.parse(readFileSync(installed, 'utf8')).packages ?? {};
  return Object.entries(wanted).every(([path, meta]) => path === '' || meta.optional || have[path]?.version === meta.version);
}

if (installedMatchesLock()) {
  console.log('setup: npm packages already installed');
} else {
  // The Electron binary is fetched separately below, so the install itself never depends on it.
  const status = run(npm, ['ci', '--no-audit', '--no-fund'], { ELECTRON_SKIP_BINARY_DOWNLOAD: '1' });
  if (status !== 0) process.exit(status);
}

const electronDir = join(root, 'node_modules/electron');
const electronPathFile = join(electronDir, 'path.txt');
if (!existsSync(electronPathFile) && process.env.HANKOU_SKIP_ELECTRON !== '1') {
  const status = spawnSync(process.execPath, [join(electronDir, 'install.js')], {
    cwd: electronDir,
    stdio: 'ignore',
    timeout: 120_000,
  }).status;
  console.log(
    status === 0
      ? 'setup: Electron binary installed'
      : 'setup: the Electron binary could not be downloaded here; `npm start` will serve the console in your browser instead',
  );
}

if (existsSync(join(root, 'app/renderer/vite.config.ts'))) {
  const status = run(npm, ['run', 'build', '--silent']);
  if (status !== 0) process.exit(status);
}
console.log('setup: done');
