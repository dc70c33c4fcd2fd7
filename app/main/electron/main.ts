// The Electron host of the console: one window, sandboxed, talking to the back end only through
// the contract (one ipcMain handler per HANDLER_NAMES entry, each checking who sent it).
import { app, BrowserWindow, ipcMain, protocol, safeStorage, session, type WebContents } from 'electron';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { HANDLER_NAMES } from '../../shared/contract/handler-names';
import { createConsoleBackend, STORE_FILE, type ConsoleBackend } from '../backend';
import { createSyncExtension } from '../sync/sync-extension';
import { createCentreExtension } from '../centre/centre-extension';
import { createSecretBox, type SecretBox } from '../secrets/secret-box';
import { dailyBackupIfSealable } from '../backup/daily-backup';
import { archiveWindowFor } from '../archive/archive-extension';
import { syncOptionsForLink } from '../sync/sync-link-options';
import { passphraseFromEnv } from '../secrets/passphrase-source';
import { houseLinkFromEnv, resolveHouseLink, storeHouseLink, type HouseLink } from '../settings/house-link';
import { keychainAdapter } from './keychain';
import { readStaticFile } from '../web/static-files';
import { STYLE_NONCE_PLACEHOLDER } from '../web/security-headers';
import { APP_ENTRY_URL, APP_HOST, APP_SCHEME, EVENT_CHANNEL, electronCsp, isAppUrl, sessionKeyOf } from './security';

// Must run before 'ready': app:// behaves like https (secure context, standard URL parsing).
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true } }]);
app.enableSandbox();

/** One nonce per launch for the grid theme's <style> elements; the page can only learn it by being served. */
const STYLE_NONCE = randomBytes(18).toString('base64');
const CSP = electronCsp(STYLE_NONCE);
const rendererDir = join(__dirname, '../renderer');
const preloadPath = join(__dirname, 'preload.cjs');
const dataDir = process.env.HANKOU_DATA_DIR ?? join(app.getPath('userData'), 'console');
const demo = process.env.HANKOU_DEMO === '1';

/**
 * The passphrase and a one-off house link, read once and removed from the environment before
 * Electron starts its renderer, GPU and utility processes, which would inherit them.
 */
const secretEnv: NodeJS.ProcessEnv = {};
for (const name of ['HANKOU_PASSPHRASE', 'HANKOU_HOUSE_URL', 'HANKOU_HOUSE_TOKEN']) {
  secretEnv[name] = process.env[name];
  delete process.env[name];
}

let backend: ConsoleBackend | null = null;

const forbidden = {
  ok: false,
  error: { code: 'auth.forbidden', message: 'calls are accepted from the console window only', messageZh: '仅接受控制台窗口的调用' },
} as const;

function serveAppProtocol(): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== APP_HOST) return new Response('not found', { status: 404 });
    const file = await readStaticFile(rendererDir, url.pathname);
    if (file === null) return new Response('not found', { status: 404 });
    const body = file.contentType.startsWith('text/html')
      ? file.body.toString('utf8').replaceAll(STYLE_NONCE_PLACEHOLDER, STYLE_NONCE)
      : new Uint8Array(file.body);
    return new Response(body, {
      headers: { 'Content-Type': file.contentType, 'Content-Security-Policy': CSP, 'X-Content-Type-Options': 'nosniff' },
    });
  });
}

function hardenSession(): void {
  const s = session.defaultSession;
  s.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  s.setPermissionCheckHandler(() => false);
  // The CSP on every response, whatever served it.
  s.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP], 'X-Content-Type-Options': ['nosniff'] },
    });
  });
}

function registerIpc(b: ConsoleBackend): void {
  for (const name of HANDLER_NAMES) {
    ipcMain.handle(name, async (event, input: unknown) => {
      // Only the app's own page in its main frame may call: not an iframe, not a navigated-away page.
      const frame = event.senderFrame;
      if (frame === null || frame !== event.sender.mainFrame || !isAppUrl(frame.url)) return forbidden;
      return b.invoke(sessionKeyOf(event.sender.id), name, input);
    });
  }
  b.subscribe((event) => {
    for (const win of BrowserWindow.getAllWindows()) {
      const contents = win.webContents;
      if (event.sessionKey === undefined || event.sessionKey === sessionKeyOf(contents.id)) {
        contents.send(EVENT_CHANNEL, { name: event.name, payload: event.payload });
      }
    }
  });
}

function lockDown(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

function createWindow(b: ConsoleBackend): void {
  const win = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 1100,
    minHeight: 680,
    show: false,
    backgroundColor: '#f4f5f7',
    autoHideMenuBar: true,
    title: '汉口 清算结算控制台',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      devTools: !app.isPackaged,
    },
  });
  const key = sessionKeyOf(win.webContents.id);
  win.webContents.on('destroyed', () => b.endSession(key));
  win.once('ready-to-show', () => win.show());
  void win.loadURL(APP_ENTRY_URL);
}

/**
 * The house link: HANKOU_HOUSE_URL/HANKOU_HOUSE_TOKEN for this run (npm start sets them), else the
 * one sealed in the store: by the OS keychain, or by a passphrase (HANKOU_PASSPHRASE). A link
 * that cannot be opened leaves the console working locally, with the reason in the log.
 */
async function houseLinkAtStart(box: SecretBox, log: (line: string) => void): Promise<HouseLink | undefined> {
  try {
    const resolved = await resolveHouseLink({ explicit: houseLinkFromEnv(secretEnv), explicitSource: 'environment', dataDir, storeFile: STORE_FILE, box });
    return resolved?.link;
  } catch (error) {
    log(`the stored house link cannot be opened, working locally: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}

async function start(): Promise<void> {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  app.on('web-contents-created', (_event, contents) => lockDown(contents));
  await app.whenReady();
  hardenSession();
  serveAppProtocol();
  const log = (line: string) => process.stdout.write(`${line}\n`);
  // safeStorage answers only after 'ready'.
  const passphrase = passphraseFromEnv(secretEnv);
  const box = createSecretBox({ safeStorage: keychainAdapter(safeStorage), passphrase: passphrase === undefined ? undefined : () => passphrase });
  const centreUrl = process.env.HANKOU_CENTRE_URL;
  const link = centreUrl ? undefined : await houseLinkAtStart(box, log);
  const started = await createConsoleBackend({
    dataDir,
    demo,
    log,
    archiveWindowDays: archiveWindowFor(Boolean(demo), process.env),
    extensions: centreUrl
      ? // Centre mode (docs/centre.md): the operators sign in at the house; no bank link.
        [createCentreExtension({ houseUrl: centreUrl })]
      : [...(link === undefined ? [] : [createSyncExtension(syncOptionsForLink(link, log))]), ...dailyBackupIfSealable(dataDir, box, log)],
  });
  backend = started;
  // HANKOU_STORE_HOUSE_LINK=1 keeps the link given in the environment, sealed by the keychain.
  if (process.env.HANKOU_STORE_HOUSE_LINK === '1' && link !== undefined) {
    const kind = await storeHouseLink(started.services.db, box, link, 'electron', new Date().toISOString());
    log(`house link to ${link.url} stored, sealed (${kind})`);
  }
  registerIpc(backend);
  createWindow(backend);
  app.on('second-instance', () => BrowserWindow.getAllWindows()[0]?.focus());
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => {
    void backend?.close();
  });
}

start().catch((error: unknown) => {
  process.stderr.write(`hankou console failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  app.exit(1);
});
