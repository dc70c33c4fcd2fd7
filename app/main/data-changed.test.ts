import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConsoleBackend, type BackendEvent } from './backend';
import { demoLoginInput } from './auth/test-support/demo-login';

/**
 * Issue 16: a reconciler still saw "pending" after a supervisor approved. Every change an operator
 * makes is announced to all windows ('data.changed'), so the screens of that area reload.
 */
describe('data.changed', () => {
  let backend: Awaited<ReturnType<typeof createConsoleBackend>>;
  const events: BackendEvent[] = [];
  const logs: string[] = [];

  beforeAll(async () => {
    backend = await createConsoleBackend({ dataDir: mkdtempSync(join(tmpdir(), 'hankou-changed-')), demo: { payments: 50 }, log: (l) => logs.push(l) });
    backend.subscribe((e) => events.push(e));
  });
  afterAll(async () => backend.close());

  const login = async (key: string, username: string) => {
    expect((await backend.invoke(key, 'auth.login', demoLoginInput(logs, username))).ok).toBe(true);
  };
  const changed = () => events.filter((e) => e.name === 'data.changed').map((e) => e.payload);

  it('announces a change to everyone, naming the handler and the operator', async () => {
    await login('r1', 'recon1');
    events.length = 0;
    const opened = await backend.invoke('r1', 'recon.sessions.open', { businessDate: '2026-11-20' });
    expect(opened.ok).toBe(true);
    expect(changed()).toEqual([{ handler: 'recon.sessions.open', by: 'recon1' }]);
    // To all sessions, not only the one that acted.
    expect(events.find((e) => e.name === 'data.changed')?.sessionKey).toBeUndefined();
  });

  it('does not announce reads, pings, refusals or the auditor reading the trail', async () => {
    await login('a1', 'audit1');
    await login('r1', 'recon1');
    events.length = 0;
    await backend.invoke('r1', 'recon.sessions.list', { status: 'all' });
    await backend.invoke('r1', 'session.touch', {});
    await backend.invoke('r1', 'recon.sessions.close', { sessionId: 'no-such' });
    await backend.invoke('a1', 'audit.page', { filter: {}, limit: 10 });
    await backend.invoke('a1', 'audit.verify', {});
    expect(changed()).toEqual([]);
  });
});
