import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConsoleBackend } from '../backend';
import { parseCredentialLines, parseTotpLines } from '../demo/demo-operators';
import { verifyAuditLog } from '../audit/audit-log';
import { totpCode } from '../../shared/auth/totp';
import { demoLoginInput } from './test-support/demo-login';
import type { ContractError, HandlerName, HandlerOutput } from '../../shared/contract';

/** Issue 12: bank console operators sign in with a one-time code (TOTP), always as supervisor or admin. */
describe('one-time codes at the bank console', () => {
  let backend: Awaited<ReturnType<typeof createConsoleBackend>>;
  const logs: string[] = [];
  // A clock the test moves: codes belong to 30 s steps of it.
  let nowMs = Date.parse('2026-11-26T02:00:00.000Z');
  const code = (r: { ok: boolean; error?: ContractError }) => (r.ok ? 'ok' : r.error?.code);
  const value = <N extends HandlerName>(_name: N, r: { ok: boolean; value?: unknown; error?: ContractError }): HandlerOutput<N> => {
    if (!r.ok) throw new Error(r.error?.message);
    return r.value as HandlerOutput<N>;
  };
  const password = (user: string) => parseCredentialLines(logs).get(user) ?? '';
  const secret = (user: string) => parseTotpLines(logs).get(user) ?? '';

  beforeAll(async () => {
    backend = await createConsoleBackend({ dataDir: mkdtempSync(join(tmpdir(), 'hankou-totp-')), demo: { payments: 20 }, log: (l) => logs.push(l), now: () => new Date(nowMs) });
    expect(code(await backend.invoke('a', 'auth.login', demoLoginInput(logs, 'admin', nowMs)))).toBe('ok');
  });
  afterAll(async () => backend.close());

  it('the demo prints a key for supervisors and the administrator only; clerks sign in with the password alone', async () => {
    expect([...parseTotpLines(logs).keys()].sort()).toEqual(['admin', 'super1', 'super2']);
    expect(code(await backend.invoke('c', 'auth.login', { username: 'clerk1', password: password('clerk1') }))).toBe('ok');
  });

  it('a supervisor needs a right code, and a code is taken once', async () => {
    expect(code(await backend.invoke('s', 'auth.login', { username: 'super1', password: password('super1') }))).toBe('auth.totp_required');
    // A wrong password says so first, whatever the code.
    expect(code(await backend.invoke('s', 'auth.login', { username: 'super1', password: 'not-the-password', code: '123456' }))).toBe('auth.invalid');
    const right = totpCode(secret('super1'), nowMs);
    const wrong = right === '000000' ? '000001' : '000000';
    expect(code(await backend.invoke('s', 'auth.login', { username: 'super1', password: password('super1'), code: wrong }))).toBe('auth.totp_invalid');
    expect(code(await backend.invoke('s', 'auth.login', { username: 'super1', password: password('super1'), code: right }))).toBe('ok');
    expect(code(await backend.invoke('s', 'payments.verificationQueue', {}))).toBe('ok');
    // Replay from another window: refused, even though it is still the current step.
    expect(code(await backend.invoke('s2', 'auth.login', { username: 'super1', password: password('super1'), code: right }))).toBe('auth.totp_invalid');
    nowMs += 30_000;
    expect(code(await backend.invoke('s2', 'auth.login', { username: 'super1', password: password('super1'), code: totpCode(secret('super1'), nowMs) }))).toBe('ok');
  });

  it('wrong codes count towards the lock-out even with the right password', async () => {
    const right = totpCode(secret('super2'), nowMs);
    const wrong = right === '999999' ? '999998' : '999999';
    for (let i = 0; i < 4; i++) expect(code(await backend.invoke('w', 'auth.login', { username: 'super2', password: password('super2'), code: wrong }))).toBe('auth.totp_invalid');
    expect(code(await backend.invoke('w', 'auth.login', { username: 'super2', password: password('super2'), code: wrong }))).toBe('auth.locked');
    expect(code(await backend.invoke('w', 'auth.login', { username: 'super2', password: password('super2'), code: right }))).toBe('auth.locked');
    expect(code(await backend.invoke('a', 'operators.unlock', { username: 'super2' }))).toBe('ok');
    expect(code(await backend.invoke('w', 'auth.login', { username: 'super2', password: password('super2'), code: right }))).toBe('ok');
  });

  it('a new supervisor sets the code up at the first sign-in: QR code, then the first code confirms it', async () => {
    const once = value('operators.create', await backend.invoke('a', 'operators.create', { username: 'super7', displayName: '孙主管', roles: ['supervisor'] })).oneTimePassword;
    expect(code(await backend.invoke('n', 'auth.login', { username: 'super7', password: once }))).toBe('auth.totp_enrol');
    expect(code(await backend.invoke('n', 'auth.totpEnrolment', { username: 'super7', password: 'wrong-password' }))).toBe('auth.invalid');
    const enrolment = value('auth.totpEnrolment', await backend.invoke('n', 'auth.totpEnrolment', { username: 'super7', password: once }));
    expect(enrolment.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(enrolment.otpauthUri).toContain(`secret=${enrolment.secret}`);
    expect(Buffer.from(enrolment.qrDataUrl.split(',')[1] ?? '', 'base64').toString()).toContain('<svg');
    // Asked again from the same window: the same key (it may be scanned already).
    expect(value('auth.totpEnrolment', await backend.invoke('n', 'auth.totpEnrolment', { username: 'super7', password: once })).secret).toBe(enrolment.secret);
    // The code confirms it only from the window that was shown the key.
    expect(code(await backend.invoke('other', 'auth.login', { username: 'super7', password: once, code: totpCode(enrolment.secret, nowMs) }))).toBe('auth.totp_enrol');
    expect(value('auth.login', await backend.invoke('n', 'auth.login', { username: 'super7', password: once, code: totpCode(enrolment.secret, nowMs) })).mustChangePassword).toBe(true);
    expect(code(await backend.invoke('n', 'auth.totpEnrolment', { username: 'super7', password: once }))).toBe('auth.totp_not_needed');
    const list = value('operators.list', await backend.invoke('a', 'operators.list', {}));
    expect(list.operators.find((o) => o.username === 'super7')?.totp).toBe('enrolled');
    expect(list.operators.find((o) => o.username === 'clerk1')?.totp).toBe('off');
  });

  it('a bank may require codes of everyone; an administrator resets a lost one, not their own', async () => {
    expect(code(await backend.invoke('a', 'operators.setTotpPolicy', { requiredForAll: true }))).toBe('ok');
    expect(code(await backend.invoke('c2', 'auth.login', { username: 'clerk2', password: password('clerk2') }))).toBe('auth.totp_enrol');
    expect(value('operators.list', await backend.invoke('a', 'operators.list', {})).totpRequiredForAll).toBe(true);
    expect(code(await backend.invoke('a', 'operators.setTotpPolicy', { requiredForAll: false }))).toBe('ok');
    expect(code(await backend.invoke('c2', 'auth.login', { username: 'clerk2', password: password('clerk2') }))).toBe('ok');
    expect(code(await backend.invoke('c2', 'operators.setTotpPolicy', { requiredForAll: false }))).toBe('auth.forbidden');

    expect(code(await backend.invoke('a', 'operators.resetTotp', { username: 'admin' }))).toBe('operators.own_totp');
    expect(code(await backend.invoke('a', 'operators.resetTotp', { username: 'nobody' }))).toBe('operators.not_found');
    expect(code(await backend.invoke('a', 'operators.resetTotp', { username: 'super1' }))).toBe('ok');
    nowMs += 30_000;
    expect(code(await backend.invoke('s3', 'auth.login', { username: 'super1', password: password('super1'), code: totpCode(secret('super1'), nowMs) }))).toBe('auth.totp_enrol');
    const actions = (backend.services.db.prepare("SELECT action FROM audit_log WHERE action LIKE 'operator.totp%' ORDER BY seq").pluck().all() as string[]);
    expect(actions).toEqual(['operator.totp_enrolled', 'operator.totp_enrolled', 'operator.totp_enrolled', 'operator.totp_enrolled', 'operator.totp_policy', 'operator.totp_policy', 'operator.totp_reset']);
    expect(verifyAuditLog(backend.services.db).ok).toBe(true);
  });
});
