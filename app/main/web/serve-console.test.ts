import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { serveConsole, type ServedConsole } from './serve-console';
import { parseCredentialLines } from '../demo/demo-operators';

/** The browser host over the real back end: log in over the WebSocket and read a blotter page. */
describe('serveConsole with the real back end', () => {
  let dataDir: string;
  let distDir: string;
  let served: ServedConsole;
  const logs: string[] = [];

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'hankou-serve-'));
    distDir = mkdtempSync(join(tmpdir(), 'hankou-dist-'));
    writeFileSync(join(distDir, 'index.html'), '<p>console</p>');
    process.env.HANKOU_DEMO_PAYMENTS = '300';
    served = await serveConsole({ dataDir, distDir, demo: true, log: (l) => logs.push(l) });
  }, 120_000);

  afterAll(async () => {
    await served?.close();
    delete process.env.HANKOU_DEMO_PAYMENTS;
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(distDir, { recursive: true, force: true });
  });

  it('refuses to start without a built renderer', async () => {
    await expect(serveConsole({ dataDir, distDir: join(distDir, 'missing') })).rejects.toThrow(/npm run build:renderer/);
  });

  it('carries login and a blotter page over the WebSocket', async () => {
    const key = new URL(served.url).searchParams.get('k') ?? '';
    const ws = new WebSocket(`ws://127.0.0.1:${served.port}/ws?k=${key}`, { origin: `http://127.0.0.1:${served.port}` });
    const answers = new Map<number, (v: unknown) => void>();
    ws.on('message', (d) => {
      const m = JSON.parse(d.toString()) as { id?: number; result?: unknown };
      if (typeof m.id === 'number') answers.get(m.id)?.(m.result);
    });
    await new Promise((ok, fail) => {
      ws.once('open', ok);
      ws.once('error', fail);
    });
    let nextId = 1;
    const call = (name: string, input: unknown) =>
      new Promise<{ ok: boolean; value?: Record<string, unknown>; error?: { code: string } }>((ok) => {
        const id = nextId++;
        answers.set(id, ok as (v: unknown) => void);
        ws.send(JSON.stringify({ id, name, input }));
      });

    expect((await call('payments.page', { startRow: 0, endRow: 10 })).error?.code).toBe('auth.required');
    const clerk1 = parseCredentialLines(logs).get('clerk1') ?? '';
    const login = await call('auth.login', { username: 'clerk1', password: clerk1 });
    expect(login.ok).toBe(true);
    const page = await call('payments.page', { startRow: 0, endRow: 50, sortModel: [{ colId: 'amount', sort: 'desc' }], filterModel: {} });
    expect(page.ok).toBe(true);
    const rows = page.value?.rows as { amount: string }[];
    expect(rows).toHaveLength(50);
    expect(page.value?.lastRow).toBeGreaterThanOrEqual(300);
    // Amounts arrive as decimal strings, largest first.
    const minor = rows.map((r) => BigInt(r.amount.replace('.', '')));
    for (let i = 1; i < minor.length; i++) expect(minor[i - 1]! >= minor[i]!).toBe(true);
    ws.close();
  });
});
