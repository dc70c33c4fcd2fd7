import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConsoleBackend, type BackendEvent } from './backend';
import { parseCredentialLines } from './demo/demo-operators';
import type { ContractError } from '../shared/contract';
import { demoLoginInput } from './auth/test-support/demo-login';

type Backend = Awaited<ReturnType<typeof createConsoleBackend>>;

const capture = {
  kind: 'hvps',
  priority: 2,
  to: 'ICBC',
  amount: '1409.50',
  currency: 'CNY',
  debtor: { name: '武汉光谷科技有限公司', account: '4201234567890123' },
  creditor: { name: '湖北长江贸易有限公司', account: '6222020200112233445' },
  purpose: '货款',
};

describe('console backend', () => {
  let backend: Backend;
  let passwords: Map<string, string>;
  let nowMs = Date.parse('2026-11-26T02:00:00.000Z');
  const events: BackendEvent[] = [];
  const logs: string[] = [];
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'hankou-backend-'));
    backend = await createConsoleBackend({ dataDir, demo: { payments: 500 }, now: () => new Date(nowMs), log: (l) => logs.push(l), idleTimeoutMs: 60_000 });
    backend.subscribe((e) => events.push(e));
    passwords = parseCredentialLines(logs);
  });
  afterAll(async () => backend.close());

  const login = async (key: string, username: string) => {
    const result = await backend.invoke(key, 'auth.login', demoLoginInput(logs, username, nowMs));
    expect(result.ok).toBe(true);
  };
  const errorOf = (result: { ok: boolean; error?: ContractError }) => (result.ok ? 'ok' : result.error?.code);

  it('creates the demo once, with passwords printed once and kept in no file', () => {
    expect([...passwords.keys()].sort()).toEqual(['admin', 'audit1', 'clerk1', 'clerk2', 'recon1', 'risk1', 'risk2', 'super1', 'super2']);
    expect(existsSync(join(dataDir, 'demo-operators.txt'))).toBe(false);
    expect(logs.some((l) => l.includes(passwords.get('clerk1') ?? '?'))).toBe(true);
  });

  it('answers auth.required without a session and auth.forbidden for the wrong role', async () => {
    expect(errorOf(await backend.invoke('anon', 'payments.page', { startRow: 0, endRow: 10 }))).toBe('auth.required');
    await login('c1', 'clerk1');
    expect(errorOf(await backend.invoke('c1', 'payments.verify', { id: 'x' }))).toBe('auth.forbidden');
    expect(errorOf(await backend.invoke('c1', 'no.such', {}))).toBe('unknown_handler');
    expect(errorOf(await backend.invoke('c1', 'payments.page', { startRow: 'zero' }))).toBe('validation');
  });

  it('runs capture -> verify by another supervisor, with field errors for a bad form', async () => {
    await login('c1', 'clerk1');
    const bad = await backend.invoke('c1', 'payments.capture', { ...capture, amount: '-1', creditor: { name: '', account: '6222' } });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.issues?.map((i) => i.path)).toEqual(['amount', 'creditor.name', 'creditor.account']);
    const made = await backend.invoke('c1', 'payments.capture', capture);
    if (!made.ok) throw new Error(JSON.stringify(made.error));
    const id = (made.value as { payment: { id: string } }).payment.id;
    expect(events.some((e) => e.name === 'payments.changed')).toBe(true);

    await login('s1', 'super1');
    const own = await backend.invoke('s1', 'payments.capture', capture);
    if (!own.ok) throw new Error('supervisor capture failed');
    const ownId = (own.value as { payment: { id: string } }).payment.id;
    expect(errorOf(await backend.invoke('s1', 'payments.verify', { id: ownId }))).toBe('payments.maker_cannot_verify');
    const queue = await backend.invoke('s1', 'payments.verificationQueue', {});
    expect(queue.ok && (queue.value as { rows: { id: string }[] }).rows.some((r) => r.id === id)).toBe(true);
    const verified = await backend.invoke('s1', 'payments.verify', { id });
    expect(verified.ok && (verified.value as { payment: { status: string; checker: string } }).payment).toMatchObject({ status: 'verified', checker: 'super1' });

    const found = await backend.invoke('c1', 'payments.page', { startRow: 0, endRow: 10, filterModel: { id: { filterType: 'text', type: 'equals', filter: id } } });
    expect(found.ok && (found.value as { rows: { id: string }[]; lastRow: number })).toMatchObject({ lastRow: 1, rows: [{ id }] });
    const detail = await backend.invoke('c1', 'payments.get', { id });
    expect(detail.ok && (detail.value as { history: { action: string }[] }).history.map((h) => h.action)).toEqual(['payment.captured', 'payment.verified']);
  });

  it('ends an idle session: event to that session, then auth.required', async () => {
    await login('idle', 'clerk2');
    events.length = 0;
    nowMs += 60_001;
    expect(errorOf(await backend.invoke('idle', 'app.status', {}))).toBe('auth.required');
    expect(events).toContainEqual({ name: 'session.ended', payload: { reason: 'idle' }, sessionKey: 'idle' });
  });

  it('locks an account after 5 failures and an admin unlocks it', async () => {
    for (let i = 0; i < 4; i += 1) expect(errorOf(await backend.invoke('r', 'auth.login', { username: 'risk2', password: 'wrong password' }))).toBe('auth.invalid');
    expect(errorOf(await backend.invoke('r', 'auth.login', { username: 'risk2', password: 'wrong password' }))).toBe('auth.locked');
    expect(errorOf(await backend.invoke('r', 'auth.login', { username: 'risk2', password: passwords.get('risk2') }))).toBe('auth.locked');
    await login('a', 'admin');
    expect(errorOf(await backend.invoke('a', 'operators.unlock', { username: 'risk2' }))).toBe('ok');
    await login('r', 'risk2');
  });

  it('answers internal, never throws, when a handler breaks', async () => {
    await login('s2', 'super2');
    await login('c1', 'clerk1'); // the idle test above let this session lapse
    const remove = backend.services.verify.setOutbox(() => {
      throw new Error('simulated outbox failure');
    });
    const made = await backend.invoke('c1', 'payments.capture', capture);
    if (!made.ok) throw new Error('capture failed');
    const id = (made.value as { payment: { id: string } }).payment.id;
    const result = await backend.invoke('s2', 'payments.verify', { id });
    expect(errorOf(result)).toBe('internal');
    expect(logs.some((l) => l.includes('simulated outbox failure'))).toBe(true);
    remove();
  });
});
