import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'node:http';
import WebSocket from 'ws';
import { startWebHost, type WebHost } from './web-host';
import type { HostedBackend } from './hosted-backend';

type Listener = Parameters<HostedBackend['subscribe']>[0];

/** An in-memory back end: echoes the session key, records ended sessions, pushes events. */
function fakeBackend() {
  const listeners = new Set<Listener>();
  const ended: string[] = [];
  const backend: HostedBackend = {
    async invoke(sessionKey, name, rawInput) {
      if (name === 'boom') throw new Error('bug');
      return { ok: true, value: { sessionKey, name, rawInput } } as never;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    endSession(sessionKey) {
      ended.push(sessionKey);
    },
  };
  const emit = (name: string, payload: unknown, sessionKey?: string) => {
    for (const l of listeners) l({ name, payload, sessionKey } as never);
  };
  return { backend, ended, emit };
}

function get(port: number, path: string, host = `127.0.0.1:${port}`, cookie?: string) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((ok, fail) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { host, ...(cookie === undefined ? {} : { cookie }) } }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => ok({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', fail);
    req.end();
  });
}

function connect(host: WebHost, opts: { key?: string; origin?: string } = {}) {
  const key = opts.key ?? host.secret;
  const ws = new WebSocket(`ws://127.0.0.1:${host.port}/ws?k=${encodeURIComponent(key)}`, {
    origin: opts.origin ?? `http://127.0.0.1:${host.port}`,
  });
  inbox(ws);
  return ws;
}

function opened(ws: WebSocket) {
  return new Promise<void>((ok, fail) => {
    ws.once('open', () => ok());
    ws.once('error', fail);
  });
}

/** Messages are queued from the moment the socket is made, so none is lost between awaits. */
const inboxes = new WeakMap<WebSocket, { queue: unknown[]; waiters: ((m: unknown) => void)[] }>();
function inbox(ws: WebSocket) {
  let box = inboxes.get(ws);
  if (!box) {
    const created = { queue: [] as unknown[], waiters: [] as ((m: unknown) => void)[] };
    ws.on('message', (d) => {
      const message: unknown = JSON.parse(d.toString());
      const waiter = created.waiters.shift();
      if (waiter) waiter(message);
      else created.queue.push(message);
    });
    inboxes.set(ws, created);
    box = created;
  }
  return box;
}
function nextMessage(ws: WebSocket) {
  const box = inbox(ws);
  return new Promise<Record<string, unknown>>((ok) => {
    if (box.queue.length > 0) ok(box.queue.shift() as Record<string, unknown>);
    else box.waiters.push((m) => ok(m as Record<string, unknown>));
  });
}

describe('web host', () => {
  let dist: string;
  let host: WebHost;
  const fake = fakeBackend();

  beforeAll(async () => {
    dist = mkdtempSync(join(tmpdir(), 'hankou-web-'));
    writeFileSync(join(dist, 'index.html'), '<meta name="hankou-style-nonce" content="__HANKOU_STYLE_NONCE__"><p>hi</p>');
    writeFileSync(join(dist, 'app.js'), 'console.log(1)');
    host = await startWebHost({ backend: fake.backend, distDir: dist, secret: 's3cret-key' });
  });
  afterAll(async () => {
    await host.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it('refuses to bind anywhere but 127.0.0.1', async () => {
    await expect(startWebHost({ backend: fake.backend, distDir: dist, host: '0.0.0.0' })).rejects.toThrow(/127\.0\.0\.1 only/);
  });

  it('prints a loopback URL carrying the secret', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?k=s3cret-key`);
  });

  /** The launch cookie, as a browser gets it by opening the printed address. */
  async function launchCookie(): Promise<string> {
    const res = await get(host.port, '/?k=s3cret-key');
    return String(res.headers['set-cookie']).split(';')[0] ?? '';
  }

  it('exchanges the key in the address for an HttpOnly SameSite=Strict cookie and a clean address', async () => {
    const res = await get(host.port, '/?k=s3cret-key');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/');
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(new RegExp(`^hankou_launch_${host.port}=[A-Za-z0-9_-]{43}; HttpOnly; SameSite=Strict; Path=/; Max-Age=43200$`));
    // The cookie carries its own token, never the key.
    expect(cookie).not.toContain('s3cret-key');
    // The clean, bookmarkable address serves the console with the cookie...
    const page = await get(host.port, '/', undefined, cookie.split(';')[0]);
    expect(page.status).toBe(200);
    expect(page.body).toContain('<p>hi</p>');
    // ...and without it (or with another launch's) says how to get in, in both languages, without script.
    for (const without of [undefined, `hankou_launch_${host.port}=old-launch-token`, `hankou_launch_1=${cookie.split(';')[0]?.split('=')[1]}`]) {
      const bare = await get(host.port, '/', undefined, without);
      expect(bare.status).toBe(401);
      expect(bare.body).toContain('缺少启动密钥');
      expect(bare.body).toContain('Open the full address that <code>npm start</code>');
      expect(bare.body).not.toContain('<script');
      // Its one style element carries the response's nonce, so the CSP lets it through.
      expect(bare.body).toContain(`<style nonce="${/'nonce-([^']+)'/.exec(String(bare.headers['content-security-policy']))?.[1]}">`);
      expect(String(bare.headers['content-security-policy'])).toContain("script-src 'self'");
    }
  });

  it('a wrong key sets no cookie and says so', async () => {
    const res = await get(host.port, '/?k=wrong');
    expect(res.status).toBe(403);
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(res.body).toContain('启动密钥不正确');
  });

  it('opens the WebSocket with the launch cookie instead of the key', async () => {
    const cookie = await launchCookie();
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/ws`, { origin: `http://127.0.0.1:${host.port}`, headers: { cookie } });
    await opened(ws);
    ws.close();
    const stale = new WebSocket(`ws://127.0.0.1:${host.port}/ws`, { origin: `http://127.0.0.1:${host.port}`, headers: { cookie: `hankou_launch_${host.port}=x` } });
    await expect(opened(stale)).rejects.toThrow(/403/);
    // The cookie does not lift the origin check: another page on 127.0.0.1 (cookies ignore ports) is refused.
    const foreign = new WebSocket(`ws://127.0.0.1:${host.port}/ws`, { origin: 'http://127.0.0.1:9', headers: { cookie } });
    await expect(opened(foreign)).rejects.toThrow(/403/);
  });

  it('serves index.html with a strict CSP whose style nonce is the one in the page', async () => {
    const cookie = await launchCookie();
    const res = await get(host.port, '/', undefined, cookie);
    expect(res.status).toBe(200);
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain(`connect-src 'self' ws://127.0.0.1:${host.port}`);
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toContain('unsafe-inline');
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(res.body).toContain(`content="${nonce}"`);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    const again = await get(host.port, '/', undefined, cookie);
    expect(again.headers['content-security-policy']).not.toBe(csp);
  });

  it('serves assets and refuses paths outside the dist folder', async () => {
    expect((await get(host.port, '/app.js')).status).toBe(200);
    expect((await get(host.port, '/../package.json')).status).toBe(404);
    expect((await get(host.port, '/%2e%2e/%2e%2e/etc/passwd')).status).toBe(404);
    expect((await get(host.port, '/nothing.js')).status).toBe(404);
  });

  it('answers 421 to a request for another host name (DNS rebinding)', async () => {
    expect((await get(host.port, '/', `evil.example:${host.port}`)).status).toBe(421);
  });

  it('refuses a WebSocket with a wrong key or a foreign origin', async () => {
    await expect(opened(connect(host, { key: 'wrong' }))).rejects.toThrow(/403/);
    await expect(opened(connect(host, { key: '' }))).rejects.toThrow(/403/);
    await expect(opened(connect(host, { origin: 'http://evil.example' }))).rejects.toThrow(/403/);
  });

  it('carries {id, name, input} to the back end, one session per connection', async () => {
    const a = connect(host);
    const b = connect(host);
    await Promise.all([opened(a), opened(b)]);
    a.send(JSON.stringify({ id: 1, name: 'auth.login', input: { username: 'clerk1' } }));
    const ra = (await nextMessage(a)) as { id: number; result: { ok: true; value: { sessionKey: string; name: string; rawInput: unknown } } };
    expect(ra.id).toBe(1);
    expect(ra.result.value.name).toBe('auth.login');
    expect(ra.result.value.rawInput).toEqual({ username: 'clerk1' });
    b.send(JSON.stringify({ id: 7, name: 'session.current', input: {} }));
    const rb = (await nextMessage(b)) as typeof ra;
    expect(rb.result.value.sessionKey).not.toBe(ra.result.value.sessionKey);

    // A session's own event goes to it alone; a broadcast goes to both.
    const gotA = nextMessage(a);
    fake.emit('session.ended', { reason: 'idle' }, ra.result.value.sessionKey);
    fake.emit('status', { connection: 'local' });
    expect(await gotA).toEqual({ event: 'session.ended', payload: { reason: 'idle' } });
    expect(await nextMessage(a)).toEqual({ event: 'status', payload: { connection: 'local' } });
    expect(await nextMessage(b)).toEqual({ event: 'status', payload: { connection: 'local' } });

    // Malformed messages and back-end bugs come back as errors, not a dead socket.
    a.send('not json');
    expect(((await nextMessage(a)) as { result: { error: { code: string } } }).result.error.code).toBe('bridge.bad_message');
    a.send(JSON.stringify({ id: 2, name: 'boom', input: {} }));
    expect(((await nextMessage(a)) as { id: number; result: { error: { code: string } } })).toMatchObject({ id: 2, result: { error: { code: 'internal' } } });

    a.close();
    await new Promise((ok) => setTimeout(ok, 100));
    expect(fake.ended).toContain(ra.result.value.sessionKey);
    b.close();
  });
});
