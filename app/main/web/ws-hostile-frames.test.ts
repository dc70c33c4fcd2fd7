import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import fc from 'fast-check';
import { createConsoleBackend } from '../backend';
import { parseCredentialLines } from '../demo/demo-operators';
import { startWebHost, type WebHost } from './web-host';
import { MAX_WS_MESSAGE_BYTES } from './wire-messages';

/**
 * Hostile input for the browser host: malformed WebSocket frames (not JSON, not text, the
 * wrong shape, an unknown handler, bad input, too big, not UTF-8) each get a clear error or a
 * clean close with the WebSocket status that says why; the socket's session and the host live
 * on, and the real back end's store is unchanged.
 */
type Backend = Awaited<ReturnType<typeof createConsoleBackend>>;
type Reply = { id: number | null; result: { ok: boolean; error?: { code: string; message: string; messageZh: string; issues?: unknown[] } } };

function fingerprint(backend: Backend): string {
  const db = backend.services.db;
  const hash = createHash('sha256');
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[];
  for (const { name } of tables) {
    hash.update(`#${name}\n`);
    for (const row of db.prepare(`SELECT * FROM "${name}"`).iterate()) hash.update(`${JSON.stringify(row, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v))}\n`);
  }
  return hash.digest('hex');
}

/** A connected socket whose messages queue from the start, and whose close is recorded. */
function open(host: WebHost): Promise<{ ws: WebSocket; next: () => Promise<Reply>; closed: Promise<{ code: number; reason: string }> }> {
  const ws = new WebSocket(`ws://127.0.0.1:${host.port}/ws?k=${encodeURIComponent(host.secret)}`, { origin: `http://127.0.0.1:${host.port}` });
  const queue: Reply[] = [];
  const waiters: ((m: Reply) => void)[] = [];
  ws.on('message', (data) => {
    const message = JSON.parse(data.toString()) as Reply;
    const waiter = waiters.shift();
    if (waiter) waiter(message);
    else queue.push(message);
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  const next = () => new Promise<Reply>((resolve) => (queue.length > 0 ? resolve(queue.shift() as Reply) : waiters.push(resolve)));
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve({ ws, next, closed }));
    ws.once('error', reject);
  });
}

describe('browser host: hostile WebSocket frames', () => {
  let backend: Backend;
  let host: WebHost;
  let dataDir: string;
  let distDir: string;
  let passwords: Map<string, string>;
  const invoked: string[] = [];

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'hankou-ws-hostile-'));
    distDir = mkdtempSync(join(tmpdir(), 'hankou-ws-dist-'));
    const logs: string[] = [];
    backend = await createConsoleBackend({ dataDir, demo: { payments: 20 }, log: (line) => logs.push(line), idleTimeoutMs: 3_600_000 });
    passwords = parseCredentialLines(logs);
    // Count what reaches the back end, to prove refused frames never do.
    const counting = { ...backend, invoke: (key: string, name: string, input: unknown) => (invoked.push(name), backend.invoke(key, name, input)) };
    host = await startWebHost({ backend: counting, distDir, secret: 'hostile-frames-secret' });
  });
  afterAll(async () => {
    await host?.close();
    await backend?.close();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(distDir, { recursive: true, force: true });
  });

  it('malformed frames get bridge.bad_message and never reach the back end; the socket stays usable', async () => {
    const before = fingerprint(backend);
    const { ws, next } = await open(host);
    invoked.length = 0;
    const frames = [
      'not json', '{', '', ' ', 'null', '42', '"text"', '[]', '[1,2]', 'true', '{}', '{"id":1}', '{"id":1,"name":"app.status"}',
      '{"id":-1,"name":"app.status","input":{}}', '{"id":1.5,"name":"app.status","input":{}}', '{"id":"1","name":"app.status","input":{}}',
      `{"id":${2 ** 60},"name":"app.status","input":{}}`, '{"id":1,"name":"","input":{}}', `{"id":1,"name":"${'x'.repeat(65)}","input":{}}`,
      '{"id":1,"name":7,"input":{}}', '{"id":1,"name":"app.status","input":{},"extra":1}',
      '{"__proto__":{"polluted":true},"id":1,"name":"app.status","input":{}}', '{"id":1,"name":"app.status","input":{}', '\u0000\u0001',
      `${'['.repeat(10_000)}${']'.repeat(10_000)}`,
    ];
    for (const frame of frames) {
      ws.send(frame);
      const reply = await next();
      expect(reply.id, frame.slice(0, 80)).toBeNull();
      expect(reply.result.error?.code, frame.slice(0, 80)).toBe('bridge.bad_message');
      expect(reply.result.error?.message.length).toBeGreaterThan(5);
      expect(reply.result.error?.messageZh.length).toBeGreaterThan(2);
    }
    expect(invoked).toEqual([]);
    ws.send(Buffer.from('{"id":1,"name":"app.status","input":{}}'), { binary: true });
    expect((await next()).result.error?.code).toBe('bridge.bad_message');
    // Still one live session on this socket.
    ws.send(JSON.stringify({ id: 9, name: 'session.current', input: {} }));
    expect(await next()).toMatchObject({ id: 9, result: { ok: true } });
    ws.close();
    expect(fingerprint(backend)).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('an unknown handler and hostile input to a real handler get unknown_handler and validation, by id', async () => {
    const { ws, next } = await open(host);
    ws.send(JSON.stringify({ id: 1, name: 'auth.login', input: { username: 'clerk1', password: passwords.get('clerk1') } }));
    expect((await next()).result.ok).toBe(true);
    // The login may write its own audit line; nothing after it may write anything.
    const afterLogin = fingerprint(backend);
    for (const name of ['no.such', '__proto__', 'constructor', 'toString']) {
      ws.send(JSON.stringify({ id: 2, name, input: {} }));
      expect(await next()).toMatchObject({ id: 2, result: { ok: false, error: { code: 'unknown_handler' } } });
    }
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 3 }), async (input) => {
        ws.send(JSON.stringify({ id: 3, name: 'payments.capture', input }));
        const reply = await next();
        expect(reply.id).toBe(3);
        expect(reply.result.error?.code).toBe('validation');
        expect(reply.result.error?.issues?.length ?? 0).toBeGreaterThan(0);
      }),
      { numRuns: 150 },
    );
    ws.close();
    expect(fingerprint(backend)).toEqual(afterLogin);
  });

  it('a frame over the 1 MiB limit closes that socket with 1009 before the back end sees it; the host serves the next one', async () => {
    const before = fingerprint(backend);
    const { ws, closed } = await open(host);
    invoked.length = 0;
    ws.send(JSON.stringify({ id: 1, name: 'recon.sessions.import', input: { content: 'x'.repeat(MAX_WS_MESSAGE_BYTES) } }));
    expect((await closed).code).toBe(1009);
    expect(invoked).toEqual([]);
    const again = await open(host);
    again.ws.send(JSON.stringify({ id: 1, name: 'session.current', input: {} }));
    expect(await again.next()).toMatchObject({ id: 1, result: { ok: true } });
    again.ws.close();
    expect(fingerprint(backend)).toEqual(before);
  });

  it('a text frame that is not UTF-8 closes that socket with 1007; the host serves the next one', async () => {
    const { ws, closed } = await open(host);
    invoked.length = 0;
    ws.send(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), { binary: false });
    expect((await closed).code).toBe(1007);
    expect(invoked).toEqual([]);
    const again = await open(host);
    again.ws.send(JSON.stringify({ id: 1, name: 'session.current', input: {} }));
    expect(await again.next()).toMatchObject({ id: 1, result: { ok: true } });
    again.ws.close();
  });
});
