import { describe, it, expect, vi, beforeAll } from 'vitest';
import { HANDLER_NAMES } from '../../shared/contract/handler-names';

// Electron is not installed on CI machines: the test drives main.ts against a recording fake.
const recorded = vi.hoisted(() => ({
  handlers: new Map<string, (event: unknown, input: unknown) => Promise<unknown>>(),
  windows: [] as { options: { webPreferences: Record<string, unknown> }; url: string; contentsId: number }[],
  contentsHooks: [] as ((event: unknown, contents: unknown) => void)[],
  permissionResults: [] as boolean[],
  invoked: [] as { sessionKey: string; name: string; input: unknown }[],
  schemes: [] as unknown[],
}));

vi.mock('electron', () => {
  class BrowserWindow {
    static all: BrowserWindow[] = [];
    static getAllWindows() {
      return BrowserWindow.all;
    }
    webContents: { id: number; on: () => void; send: () => void; mainFrame: object };
    constructor(options: { webPreferences: Record<string, unknown> }) {
      const contentsId = 7;
      this.webContents = { id: contentsId, on: () => {}, send: () => {}, mainFrame: {} };
      recorded.windows.push({ options, url: '', contentsId });
      BrowserWindow.all.push(this);
    }
    once() {}
    show() {}
    loadURL(url: string) {
      const last = recorded.windows.at(-1);
      if (last) last.url = url;
      return Promise.resolve();
    }
  }
  return {
    app: {
      enableSandbox: vi.fn(),
      getPath: () => '/tmp/hankou-electron-test',
      requestSingleInstanceLock: () => true,
      whenReady: () => Promise.resolve(),
      on: (name: string, hook: (event: unknown, contents: unknown) => void) => {
        if (name === 'web-contents-created') recorded.contentsHooks.push(hook);
      },
      quit: vi.fn(),
      exit: vi.fn(),
      isPackaged: true,
    },
    BrowserWindow,
    safeStorage: { isEncryptionAvailable: () => false, encryptString: vi.fn(), decryptString: vi.fn(), getSelectedStorageBackend: () => 'basic_text' },
    ipcMain: { handle: (name: string, fn: (event: unknown, input: unknown) => Promise<unknown>) => recorded.handlers.set(name, fn) },
    protocol: { registerSchemesAsPrivileged: (s: unknown) => recorded.schemes.push(s), handle: vi.fn() },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (fn: (c: unknown, p: string, cb: (ok: boolean) => void) => void) =>
          fn(null, 'media', (ok) => recorded.permissionResults.push(ok)),
        setPermissionCheckHandler: (fn: () => boolean) => recorded.permissionResults.push(fn()),
        webRequest: { onHeadersReceived: vi.fn() },
      },
    },
  };
});

vi.mock('../backend', () => ({
  STORE_FILE: 'console.sqlite',
  createConsoleBackend: async () => ({
    invoke: async (sessionKey: string, name: string, input: unknown) => {
      recorded.invoked.push({ sessionKey, name, input });
      return { ok: true, value: {} };
    },
    subscribe: () => () => {},
    endSession: () => {},
    close: async () => {},
  }),
}));

describe('electron main', () => {
  beforeAll(async () => {
    await import('./main');
    await new Promise((ok) => setTimeout(ok, 20));
  });

  it('opens one sandboxed, isolated window on the app:// page', () => {
    expect(recorded.windows).toHaveLength(1);
    const prefs = recorded.windows[0]?.options.webPreferences ?? {};
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false });
    expect(String(prefs.preload)).toMatch(/preload\.cjs$/);
    expect(recorded.windows[0]?.url).toBe('app://console/index.html');
  });

  it('denies every permission request', () => {
    expect(recorded.permissionResults).toEqual([false, false]);
  });

  it('registers exactly one IPC handler per contract name', () => {
    expect([...recorded.handlers.keys()].sort()).toEqual([...HANDLER_NAMES].sort());
  });

  it('passes calls from its own page to the back end, keyed by the window', async () => {
    const mainFrame = { url: 'app://console/index.html' };
    const handler = recorded.handlers.get('auth.login');
    const result = await handler?.({ sender: { id: 7, mainFrame }, senderFrame: mainFrame }, { username: 'clerk1' });
    expect(result).toEqual({ ok: true, value: {} });
    expect(recorded.invoked.at(-1)).toEqual({ sessionKey: 'wc:7', name: 'auth.login', input: { username: 'clerk1' } });
  });

  it('refuses calls from a foreign page or a sub-frame', async () => {
    const handler = recorded.handlers.get('payments.verify');
    const before = recorded.invoked.length;
    const foreign = { url: 'https://evil.example/' };
    const sub = { url: 'app://console/index.html' };
    const r1 = await handler?.({ sender: { id: 7, mainFrame: foreign }, senderFrame: foreign }, { id: 'x' });
    const r2 = await handler?.({ sender: { id: 7, mainFrame: { url: 'app://console/index.html' } }, senderFrame: sub }, { id: 'x' });
    expect(r1).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
    expect(r2).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
    expect(recorded.invoked.length).toBe(before);
  });

  it('blocks navigation away from the app and every new window', () => {
    const hooks: Record<string, (event: { preventDefault: () => void }, url?: string) => void> = {};
    let openHandler: (() => { action: string }) | undefined;
    const contents = {
      on: (name: string, fn: (event: { preventDefault: () => void }, url?: string) => void) => (hooks[name] = fn),
      setWindowOpenHandler: (fn: () => { action: string }) => (openHandler = fn),
    };
    recorded.contentsHooks[0]?.({}, contents);
    const prevented: string[] = [];
    hooks['will-navigate']?.({ preventDefault: () => prevented.push('away') }, 'https://evil.example/');
    hooks['will-navigate']?.({ preventDefault: () => prevented.push('home') }, 'app://console/index.html');
    hooks['will-attach-webview']?.({ preventDefault: () => prevented.push('webview') });
    expect(prevented).toEqual(['away', 'webview']);
    expect(openHandler?.()).toEqual({ action: 'deny' });
  });
});
