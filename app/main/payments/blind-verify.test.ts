import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConsoleBackend } from '../backend';
import type { ContractError } from '../../shared/contract';
import { demoLoginInput } from '../auth/test-support/demo-login';

/** Issue 16: blind double entry at verification (复核双录), configurable per payment kind. */
describe('blind double entry at verification', () => {
  let backend: Awaited<ReturnType<typeof createConsoleBackend>>;
  const logs: string[] = [];
  const code = (r: { ok: boolean; error?: ContractError }) => (r.ok ? 'ok' : r.error?.code);
  const capture = async (amount: string, kind: 'hvps' | 'beps' = 'hvps') => {
    const r = await backend.invoke('c', 'payments.capture', {
      kind, priority: 2, to: 'ICBC', amount, currency: 'CNY',
      debtor: { name: '武汉光谷科技有限公司', account: '4201234567890123' },
      creditor: { name: '湖北长江贸易有限公司', account: '6222020200112233445' },
      purpose: '货款',
    });
    if (!r.ok) throw new Error(r.error.message);
    return (r.value as { payment: { id: string } }).payment.id;
  };

  beforeAll(async () => {
    backend = await createConsoleBackend({ dataDir: mkdtempSync(join(tmpdir(), 'hankou-blind-')), demo: { payments: 50 }, log: (l) => logs.push(l) });
    for (const [key, user] of [['a', 'admin'], ['c', 'clerk1'], ['s', 'super1']] as const) {
      expect((await backend.invoke(key, 'auth.login', demoLoginInput(logs, user))).ok).toBe(true);
    }
  });
  afterAll(async () => backend.close());

  it('is off until an administrator turns it on for a kind', async () => {
    const r = await backend.invoke('s', 'payments.blindVerify.get', {});
    expect(r.ok && r.value).toEqual({ kinds: [] });
    expect(code(await backend.invoke('s', 'payments.verify', { id: await capture('1000.00') }))).toBe('ok');
    expect(code(await backend.invoke('s', 'payments.blindVerify.set', { kinds: ['hvps'] }))).toBe('auth.forbidden');
    const set = await backend.invoke('a', 'payments.blindVerify.set', { kinds: ['hvps', 'hvps'] });
    expect(set.ok && set.value).toEqual({ kinds: ['hvps'] });
  });

  it('then verifies that kind only when the checker keys the same amount and payee account', async () => {
    const id = await capture('14432000.00');
    expect(code(await backend.invoke('s', 'payments.verify', { id }))).toBe('payments.rekey_required');
    const wrong = await backend.invoke('s', 'payments.verifyRekeyed', { id, amount: '1443200.00', creditorAccount: '6222020200112233445' });
    expect(code(wrong)).toBe('payments.rekey_mismatch');
    // The refusal names the field, never the stored value.
    expect(!wrong.ok && wrong.error.issues?.map((i) => i.path)).toEqual(['amount']);
    expect(JSON.stringify(wrong)).not.toContain('14432000');
    const account = await backend.invoke('s', 'payments.verifyRekeyed', { id, amount: '14,432,000', creditorAccount: '6222020200112233446' });
    expect(!account.ok && account.error.issues?.map((i) => i.path)).toEqual(['creditorAccount']);
    const good = await backend.invoke('s', 'payments.verifyRekeyed', { id, amount: '14,432,000', creditorAccount: ' 6222020200112233445 ' });
    // Verified by super1 (a payment this large then waits at the risk desk: 'held').
    const verified = good.ok ? (good.value as { payment: { checker: string | null; status: string } }).payment : null;
    expect(verified && [verified.checker, verified.status]).toEqual(['super1', 'held']);
    // Other kinds verify as before.
    expect(code(await backend.invoke('s', 'payments.verify', { id: await capture('100.00', 'beps') }))).toBe('ok');
  });

  it('keeps four eyes: the maker cannot verify by re-keying either', async () => {
    await backend.invoke('a2', 'auth.login', demoLoginInput(logs, 'super2'));
    const r = await backend.invoke('a2', 'payments.capture', {
      kind: 'hvps', priority: 2, to: 'ICBC', amount: '500.00', currency: 'CNY',
      debtor: { name: '武汉光谷科技有限公司', account: '4201234567890123' }, creditor: { name: '湖北长江贸易有限公司', account: '6222020200112233445' }, purpose: '货款',
    });
    const id = r.ok ? (r.value as { payment: { id: string } }).payment.id : '';
    expect(code(await backend.invoke('a2', 'payments.verifyRekeyed', { id, amount: '500.00', creditorAccount: '6222020200112233445' }))).toBe('payments.maker_cannot_verify');
  });
});
