import { describe, it, expect } from 'vitest';
import { seededStore } from '../store/test-support/test-store';
import { capturePayment, rejectDraft, verifyPayment } from './payment-commands';
import { VerifyPipeline } from './verify-pipeline';
import { findPayment } from './payment-repository';
import { auditHistory, verifyAuditLog } from '../audit/audit-log';
import { UserError } from '../user-error';
import type { CaptureInput } from '../../shared/contract';

const input: CaptureInput = {
  kind: 'hvps',
  priority: 0,
  to: 'ICBC',
  amount: '6007.14',
  currency: 'CNY',
  debtor: { name: '武汉光谷科技有限公司', account: '4201234567890123' },
  creditor: { name: '张伟', account: '6222020200112233445' },
  purpose: '货款',
};
const clerk = { username: 'clerk1', at: '2026-11-26T02:00:00.000Z' };
const super1 = { username: 'super1', at: '2026-11-26T02:05:00.000Z' };

function codeOf(f: () => unknown): string {
  try {
    f();
    return 'ok';
  } catch (error) {
    if (error instanceof UserError) return error.code;
    throw error;
  }
}

describe('payment commands', () => {
  it('captures a draft with a local id, amount in fen, and an audit entry in the same transaction', () => {
    const db = seededStore();
    const p = capturePayment(db, input, clerk);
    expect(p).toMatchObject({ id: 'HKB-D1-20261126-00000001', status: 'draft', amount_minor: 600714n, maker: 'clerk1', from_id: 'HKB', direction: 'out' });
    expect(auditHistory(db, 'payment', p.id).map((e) => e.action)).toEqual(['payment.captured']);
    expect(capturePayment(db, input, clerk).id).toBe('HKB-D1-20261126-00000002');
  });

  it('gives two consoles of the same bank different ids for their first payment', () => {
    const first = seededStore();
    const second = seededStore();
    second.prepare("UPDATE settings SET value = 'D2' WHERE key = 'device_id'").run();
    expect(capturePayment(first, input, clerk).id).toBe('HKB-D1-20261126-00000001');
    expect(capturePayment(second, input, clerk).id).toBe('HKB-D2-20261126-00000001');
  });

  it('stores nothing and audits nothing when validation fails', () => {
    const db = seededStore();
    let issues: unknown;
    try {
      capturePayment(db, { ...input, to: 'HKB', amount: '0' }, clerk);
    } catch (error) {
      issues = (error as UserError).issues;
    }
    expect(issues).toEqual([
      { path: 'to', message: 'the receiving bank must differ from our own bank', messageZh: '收款行不能是本行' },
      { path: 'amount', message: 'amount must be greater than zero', messageZh: '金额必须大于零' },
    ]);
    expect(db.prepare('SELECT count(*) FROM payments').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM audit_log').pluck().get()).toBe(0);
  });

  it('lets a supervisor other than the maker verify, and never the maker', () => {
    const db = seededStore();
    const hooks = new VerifyPipeline();
    const own = capturePayment(db, input, super1); // a supervisor may capture, but not verify their own
    expect(codeOf(() => verifyPayment(db, own.id, super1, hooks))).toBe('payments.maker_cannot_verify');
    expect(findPayment(db, own.id)?.status).toBe('draft');
    const p = capturePayment(db, input, clerk);
    const v = verifyPayment(db, p.id, super1, hooks);
    expect(v).toMatchObject({ status: 'verified', checker: 'super1', maker: 'clerk1' });
    expect(codeOf(() => verifyPayment(db, p.id, { ...super1, username: 'super2' }, hooks))).toBe('payments.not_draft');
    expect(codeOf(() => verifyPayment(db, 'NOPE', super1, hooks))).toBe('not_found');
    expect(auditHistory(db, 'payment', p.id).map((e) => e.action)).toEqual(['payment.captured', 'payment.verified']);
    expect(verifyAuditLog(db).ok).toBe(true);
  });

  it('runs the verify pipeline inside the transaction, risk gate before outbox; a failing step undoes the verification', () => {
    const db = seededStore();
    const hooks = new VerifyPipeline();
    const seen: string[] = [];
    // Installed outbox first: the pipeline, not the install order, puts the risk gate first.
    const removeOutbox = hooks.setOutbox((tx, payment) => {
      expect(tx.inTransaction).toBe(true);
      seen.push(`outbox ${payment.id}:${payment.status}`);
      tx.prepare("UPDATE payments SET status = 'queued_offline' WHERE id = ?").run(payment.id);
      return { ...payment, status: 'queued_offline' };
    });
    const removeGate = hooks.setRiskGate((tx, payment) => {
      seen.push(`gate ${payment.id}:${payment.status}`);
      return { payment, stop: false };
    });
    const p = capturePayment(db, input, clerk);
    expect(verifyPayment(db, p.id, super1, hooks).status).toBe('queued_offline');
    expect(seen).toEqual([`gate ${p.id}:verified`, `outbox ${p.id}:verified`]);
    // A gate that stops: the outbox never sees the payment.
    removeGate();
    const removeStop = hooks.setRiskGate((tx, payment) => ({ payment, stop: true }));
    const held = capturePayment(db, input, clerk);
    expect(verifyPayment(db, held.id, super1, hooks).status).toBe('verified');
    expect(seen).toHaveLength(2);
    removeStop();
    removeOutbox();
    hooks.setOutbox(() => {
      throw new Error('outbox full');
    });
    const q = capturePayment(db, input, clerk);
    expect(() => verifyPayment(db, q.id, super1, hooks)).toThrow('outbox full');
    expect(findPayment(db, q.id)?.status).toBe('draft');
    expect(auditHistory(db, 'payment', q.id).map((e) => e.action)).toEqual(['payment.captured']);
  });

  it('a supervisor voids a draft with a note', () => {
    const db = seededStore();
    const p = capturePayment(db, input, clerk);
    expect(rejectDraft(db, p.id, '收款人账号有误', super1)).toMatchObject({ status: 'cancelled', note: '收款人账号有误', checker: 'super1' });
    expect(codeOf(() => rejectDraft(db, p.id, 'again', super1))).toBe('payments.not_draft');
  });
});
