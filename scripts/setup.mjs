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

// The backup, restore and failover tests start their own PostgreSQL clusters (initdb, pg_ctl,
// pg_basebackup from Debian's postgresql; pg_dump, pg_restore from postgresql-client) and the
// mutual-TLS tests use the openssl command line (docs/backup.md, docs/failover.md, docs/tls.md).
function hasProgram(name) {
  return spawnSync('sh', ['-c', `command -v ${name} || ls /usr/lib/postgresql/*/bin/${name}`], { stdio: 'ignore' }).status === 0;
}
const serverTools = ['initdb', 'pg_ctl', 'pg_basebackup', 'pg_dump', 'pg_restore', 'openssl'];
if (!serverTools.every(hasProgram)) {
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (asRoot && existsSync('/usr/bin/apt-get')) {
    run('apt-get', ['update', '-qq']);
    const status = run('apt-get', ['install', '-y', '-qq', 'postgresql', 'postgresql-client', 'openssl'], { DEBIAN_FRONTEND: 'noninteractive' });
    console.log(status === 0 ? 'setup: PostgreSQL server programs and openssl installed' : 'setup: could not install postgresql/openssl; the cluster and TLS tests will be skipped');
  } else {
    console.log('setup: initdb/pg_ctl/pg_dump or openssl missing: apt-get install postgresql postgresql-client openssl (the cluster and TLS tests are skipped without them)');
  }
}

if (existsSync(join(root, 'app/renderer/vite.config.ts'))) {
  const status = run(npm, ['run', 'build', '--silent']);
  if (status !== 0) process.exit(status);
}
console.log('setup: done');
