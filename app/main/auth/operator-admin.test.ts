import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConsoleBackend } from '../backend';
import { parseCredentialLines } from '../demo/demo-operators';
import { verifyAuditLog } from '../audit/audit-log';
import type { ContractError, HandlerName, HandlerOutput } from '../../shared/contract';
import { demoLoginInput } from './test-support/demo-login';

/** Issue 16: users asked for an admin screen (create, roles, unlock, reset) and a first-login password change. */
describe('operator administration and one-time passwords', () => {
  let backend: Awaited<ReturnType<typeof createConsoleBackend>>;
  let passwords: Map<string, string>;
  const logs: string[] = [];
  const code = (r: { ok: boolean; error?: ContractError }) => (r.ok ? 'ok' : r.error?.code);
  /** The answer of a call that must succeed, typed as the contract says. */
  const value = <N extends HandlerName>(_name: N, r: { ok: boolean; value?: unknown; error?: ContractError }): HandlerOutput<N> => {
    if (!r.ok) throw new Error(r.error?.message);
    return r.value as HandlerOutput<N>;
  };
  const mustChange = (r: { ok: boolean; value?: unknown; error?: ContractError }) => value('auth.login', r).mustChangePassword;

  beforeAll(async () => {
    backend = await createConsoleBackend({ dataDir: mkdtempSync(join(tmpdir(), 'hankou-opadmin-')), demo: { payments: 50 }, log: (l) => logs.push(l) });
    passwords = parseCredentialLines(logs);
    expect((await backend.invoke('a', 'auth.login', demoLoginInput(logs, 'admin'))).ok).toBe(true);
  });
  afterAll(async () => backend.close());

  it('demo operators sign in without a forced change (their passwords were handed over at the machine)', async () => {
    expect(mustChange(await backend.invoke('c', 'auth.login', { username: 'clerk1', password: passwords.get('clerk1') }))).toBe(false);
  });

  it('an operator created by the administrator must replace the one-time password before anything else', async () => {
    const once = value('operators.create', await backend.invoke('a', 'operators.create', { username: 'clerk9', displayName: '孙悦', roles: ['clerk'] })).oneTimePassword;
    expect(once).toMatch(/^\S{16}$/);
    expect(code(await backend.invoke('a', 'operators.create', { username: 'clerk9', displayName: 'x', roles: ['clerk'] }))).toBe('operators.exists');

    expect(mustChange(await backend.invoke('n', 'auth.login', { username: 'clerk9', password: once }))).toBe(true);
    expect(code(await backend.invoke('n', 'payments.page', { startRow: 0, endRow: 10 }))).toBe('auth.password_change_required');
    expect(code(await backend.invoke('n', 'auth.changePassword', { current: 'wrong-password', next: 'a-new-secret-123' }))).toBe('auth.invalid');
    expect(code(await backend.invoke('n', 'auth.changePassword', { current: once, next: once }))).toBe('auth.same_password');
    expect(code(await backend.invoke('n', 'auth.changePassword', { current: once, next: 'short' }))).toBe('validation');
    expect(code(await backend.invoke('n', 'auth.changePassword', { current: once, next: 'a-new-secret-123' }))).toBe('ok');
    expect(code(await backend.invoke('n', 'payments.page', { startRow: 0, endRow: 10 }))).toBe('ok');

    // The next sign-in is with the chosen password and asks for nothing.
    expect(mustChange(await backend.invoke('n2', 'auth.login', { username: 'clerk9', password: 'a-new-secret-123' }))).toBe(false);
    expect(code(await backend.invoke('n2', 'auth.login', { username: 'clerk9', password: once }))).toBe('auth.invalid');
  });

  it('a reset gives a new one-time password, clears the lock, and forces a change again', async () => {
    for (let i = 0; i < 5; i++) await backend.invoke('x', 'auth.login', { username: 'clerk9', password: 'not-it-at-all' });
    expect(code(await backend.invoke('x', 'auth.login', { username: 'clerk9', password: 'a-new-secret-123' }))).toBe('auth.locked');
    const reset = value('operators.resetPassword', await backend.invoke('a', 'operators.resetPassword', { username: 'clerk9' }));
    expect(mustChange(await backend.invoke('y', 'auth.login', { username: 'clerk9', password: reset.oneTimePassword }))).toBe(true);
    expect(code(await backend.invoke('a', 'operators.resetPassword', { username: 'nobody' }))).toBe('operators.not_found');
  });

  it('roles change, but an administrator cannot drop their own admin role; only admins administer', async () => {
    expect(code(await backend.invoke('a', 'operators.setRoles', { username: 'clerk9', roles: ['clerk', 'supervisor'] }))).toBe('ok');
    const list = value('operators.list', await backend.invoke('a', 'operators.list', {}));
    expect(list.operators.find((o) => o.username === 'clerk9')?.roles).toEqual(['clerk', 'supervisor']);
    expect(code(await backend.invoke('a', 'operators.setRoles', { username: 'admin', roles: ['auditor'] }))).toBe('operators.own_admin');
    expect(code(await backend.invoke('c', 'operators.create', { username: 'evil1', displayName: 'x', roles: ['admin'] }))).toBe('auth.forbidden');
    expect(code(await backend.invoke('c', 'operators.setRoles', { username: 'clerk1', roles: ['admin'] }))).toBe('auth.forbidden');
    expect(verifyAuditLog(backend.services.db).ok).toBe(true);
  });
});
