#!/usr/bin/env node
// `npm start`: the operator console with demo data. Electron where its binary is installed;
// otherwise the same console served to a browser on 127.0.0.1 (one plain line says so).
import { existsSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { ensureElectronBuilt, ensureRendererBuilt, projectRoot } from '../build/ensure-built.mjs';
import { chooseConsolePort } from './start-port.mjs';
import { electronBinary } from './electron-binary.mjs';

function consoleDataDir() {
  return process.env.HANKOU_DATA_DIR ?? join(projectRoot, '.hankou/console');
}

/** The embedded house keeps its ledger beside the console's data: .hankou/house by default. */
function houseDataDir(consoleDir) {
  return join(dirname(consoleDir), 'house');
}

/**
 * The clearing house for the demo, in this process: the demo banks, simulated traffic from the
 * other banks, and a way to stop and restart it (same data, same port) to watch the console go
 * offline and come back. With HANKOU_HOUSE_URL set, that house is used instead and none starts.
 */
async function startEmbeddedHouse(consoleDir) {
  if (process.env.HANKOU_HOUSE_URL) {
    if (!process.env.HANKOU_HOUSE_TOKEN) throw new Error('HANKOU_HOUSE_URL is set without HANKOU_HOUSE_TOKEN');
    return { url: process.env.HANKOU_HOUSE_URL, token: process.env.HANKOU_HOUSE_TOKEN, adminToken: null, toggle: null, close: async () => {} };
  }
  const { startHouse } = await import('../app/house/house.ts');
  const { DEMO_SEED_PATH, demoToken } = await import('../app/house/demo-seed.ts');
  const options = { dataDir: houseDataDir(consoleDir), seedFile: DEMO_SEED_PATH, simulate: true, port: 0, logLevel: 'warn' };
  let running = await startHouse(options);
  const url = running.url;
  const adminToken = running.adminToken;
  // Restarts reuse the port, so the console's configured URL stays right.
  options.port = Number(new URL(url).port);
  let busy = false;
  return {
    url,
    token: demoToken('HKB'),
    adminToken,
    async toggle() {
      if (busy) return;
      busy = true;
      try {
        if (running !== null) {
          await running.close();
          running = null;
          process.stdout.write('clearing house stopped; the console shows offline until it runs again\n');
        } else {
          running = await startHouse(options);
          process.stdout.write(`clearing house running again on ${running.url}\n`);
        }
      } finally {
        busy = false;
      }
    },
    async close() {
      if (running !== null) await running.close();
      running = null;
    },
  };
}

/** How to stop or restart the embedded house, as the last printed line says; '' for an outside house. */
function toggleHint(house) {
  if (house.toggle === null) return '';
  const ways = [process.stdin.isTTY ? 'press h' : null, process.platform === 'win32' ? null : `kill -USR2 ${process.pid}`].filter(Boolean);
  return ways.length === 0 ? '' : ` (embedded, simulated traffic; ${ways.join(' or ')} stops or restarts it)`;
}

/**
 * In a terminal: h stops or restarts the embedded house; Ctrl+C (raw mode eats SIGINT) stops all.
 * SIGUSR2 does the same for scripts and a second terminal.
 */
function listenForKeys(house, stop) {
  if (house.toggle === null) return;
  const toggle = () => void house.toggle().catch((error) => process.stderr.write(`house: ${error.message}\n`));
  if (process.platform !== 'win32') process.on('SIGUSR2', toggle);
  if (!process.stdin.isTTY) return;
  process.stdin.setRawMode(true);
  process.stdin.resume();
  process.stdin.on('data', (chunk) => {
    const key = chunk.toString();
    if (key === 'h' || key === 'H') toggle();
    else if (key === '\u0003' || key === 'q') stop();
  });
}

function launchElectron(binary, dataDir, house) {
  ensureElectronBuilt();
  const child = spawn(binary, [join(projectRoot, 'dist/electron/main.cjs')], {
    cwd: projectRoot,
    stdio: 'inherit',
    env: { ...process.env, HANKOU_DATA_DIR: dataDir, HANKOU_DEMO: '1', HANKOU_HOUSE_URL: house.url, HANKOU_HOUSE_TOKEN: house.token },
  });
  process.stdout.write(`clearing house: ${house.url}${toggleHint(house)}\n`);
  child.on('exit', (code) => void house.close().finally(() => process.exit(code ?? 0)));
  listenForKeys(house, () => child.kill('SIGTERM'));
}

async function serveInBrowser(dataDir, house, whyNoElectron) {
  const { serveConsole } = await import('../app/main/web/serve-console.ts');
  const { port, note } = await chooseConsolePort(process.env.HANKOU_PORT);
  const { createSyncExtension } = await import('../app/main/sync/sync-extension.ts');
  const served = await serveConsole({
    dataDir,
    distDir: join(projectRoot, 'dist/renderer'),
    port,
    demo: true,
    log: (line) => process.stdout.write(`${line}\n`),
    extensions: [createSyncExtension({ houseUrl: house.url, token: house.token })],
  });
  process.stdout.write(`No console window: ${whyNoElectron}; serving the console in your browser instead:\n`);
  if (note !== null) process.stdout.write(`${note}: ${served.port}\n`);
  process.stdout.write(`${served.url}\n`);
  process.stdout.write(`clearing house: ${house.url}${toggleHint(house)}\n`);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void served
      .close()
      .then(() => house.close())
      .then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  listenForKeys(house, stop);
}

/**
 * The demo's passwords are printed once, by the start that creates the store, and kept nowhere
 * (docs/secrets.md). A later start says how to get new ones rather than showing old ones.
 */
function passwordHint(dataDir) {
  const cli = `npx hankou console new-password --data ${dataDir} --demo-operators`;
  return `The demo operators' passwords were printed when ${dataDir} was created and are kept nowhere; to issue new ones: ${cli}\n`;
}

/**
 * `npm start -- --centre`: the clearing centre's console (docs/centre.md, "The console in centre
 * mode") on the embedded demo house. The first start bootstraps the centre's first supervisor,
 * centre1, and prints the password once (the first sign-in enrols the authenticator); the
 * house's admin token is disabled from then on.
 */
async function startCentre() {
  const dataDir = process.env.HANKOU_CENTRE_DATA_DIR ?? join(projectRoot, '.hankou/centre');
  const { register } = await import('tsx/esm/api');
  register();
  const house = await startEmbeddedHouse(consoleDataDir());
  if (house.adminToken !== null) {
    const { randomBytes } = await import('node:crypto');
    const password = randomBytes(12).toString('base64url');
    const answer = await fetch(`${house.url}/v1/centre/bootstrap`, {
      method: 'POST',
      headers: { authorization: `Bearer ${house.adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'centre1', name: '清算中心主管', password }),
    });
    if (answer.status === 201) process.stdout.write(`centre supervisor centre1, password (printed once, kept nowhere): ${password}\n`);
    else process.stdout.write('the centre\'s first supervisor was created at an earlier start (its password was printed then)\n');
  }
  const electron = electronBinary();
  const env = { ...process.env, HANKOU_DATA_DIR: dataDir, HANKOU_CENTRE_URL: house.url };
  delete env.HANKOU_HOUSE_URL;
  delete env.HANKOU_HOUSE_TOKEN;
  if (electron.binary !== null) {
    ensureElectronBuilt();
    const child = spawn(electron.binary, [join(projectRoot, 'dist/electron/main.cjs')], { cwd: projectRoot, stdio: 'inherit', env });
    child.on('exit', (code) => void house.close().finally(() => process.exit(code ?? 0)));
  } else {
    const { serveConsole } = await import('../app/main/web/serve-console.ts');
    const { createCentreExtension } = await import('../app/main/centre/centre-extension.ts');
    const { port } = await chooseConsolePort(process.env.HANKOU_PORT);
    const served = await serveConsole({ dataDir, distDir: join(projectRoot, 'dist/renderer'), port, demo: false, log: (line) => process.stdout.write(`${line}\n`), extensions: [createCentreExtension({ houseUrl: house.url })] });
    process.stdout.write(`No console window: ${electron.why}; serving the clearing centre's console in your browser instead:\n${served.url}\n`);
    const stop = () => void served.close().then(() => house.close()).then(() => process.exit(0));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  }
  process.stdout.write(`clearing house: ${house.url}; a bank's console beside it: HANKOU_HOUSE_URL=${house.url} HANKOU_HOUSE_TOKEN=${house.token} npm start\n`);
}

async function main() {
  ensureRendererBuilt();
  if (process.argv.slice(2).includes('--centre')) return startCentre();
  const dataDir = consoleDataDir();
  const storeExisted = existsSync(join(dataDir, 'console.sqlite'));
  const { register } = await import('tsx/esm/api');
  register();
  const house = await startEmbeddedHouse(dataDir);
  const electron = electronBinary();
  if (electron.binary !== null) launchElectron(electron.binary, dataDir, house);
  else await serveInBrowser(dataDir, house, electron.why);
  if (storeExisted) process.stdout.write(passwordHint(dataDir));
}

main().catch((error) => {
  process.stderr.write(`npm start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
