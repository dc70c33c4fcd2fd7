#!/usr/bin/env node
// `npm start`: the operator console with demo data. Electron where its binary is installed;
// otherwise the same console served to a browser on 127.0.0.1 (one plain line says so).
import { existsSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ensureElectronBuilt, ensureRendererBuilt, projectRoot } from '../build/ensure-built.mjs';

const require = createRequire(import.meta.url);

/** The Electron binary's path, or null where it was never downloaded (ELECTRON_SKIP_BINARY_DOWNLOAD). */
export function electronBinary() {
  try {
    const path = require('electron');
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

function consoleDataDir() {
  return process.env.HANKOU_DATA_DIR ?? join(projectRoot, '.hankou/console');
}

function launchElectron(binary, dataDir) {
  ensureElectronBuilt();
  const child = spawn(binary, [join(projectRoot, 'dist/electron/main.cjs')], {
    cwd: projectRoot,
    stdio: 'inherit',
    env: { ...process.env, HANKOU_DATA_DIR: dataDir, HANKOU_DEMO: '1' },
  });
  child.on('exit', (code) => process.exit(code ?? 0));
}

async function serveInBrowser(dataDir) {
  const { register } = await import('tsx/esm/api');
  register();
  const { serveConsole } = await import('../app/main/web/serve-console.ts');
  const served = await serveConsole({
    dataDir,
    distDir: join(projectRoot, 'dist/renderer'),
    port: Number(process.env.HANKOU_PORT ?? 0),
    demo: true,
    log: (line) => process.stdout.write(`${line}\n`),
  });
  process.stdout.write('Electron is not installed here (ELECTRON_SKIP_BINARY_DOWNLOAD); serving the console in your browser instead:\n');
  process.stdout.write(`${served.url}\n`);
  const stop = () => void served.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

async function main() {
  ensureRendererBuilt();
  const dataDir = consoleDataDir();
  // The embedded clearing house starts here (one call) once app/house provides it.
  const binary = electronBinary();
  if (binary !== null) launchElectron(binary, dataDir);
  else await serveInBrowser(dataDir);
}

main().catch((error) => {
  process.stderr.write(`npm start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
