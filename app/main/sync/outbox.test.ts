import { describe, it, expect } from 'vitest';
import { seededStore } from '../store/test-support/test-store';
import { migrate } from '../store/migrate';
import { capturePayment, verifyPayment } from '../payments/payment-commands';
import { findPayment } from '../payments/payment-repository';
import { VerifyPipeline } from '../payments/verify-pipeline';
import { SYNC_MIGRATIONS } from './migrations/index';
import { enqueueOutbox, outboxAfter, pendingOutboxCount } from './outbox';
import { applyPushResults } from './apply-push-results';
import { applyPullPage } from './apply-pull-page';
import { getSyncState } from './sync-state';

const input = {
  kind: 'hvps' as const,
  priority: 2 as const,
  to: 'ICBC',
  amount: '1409.50',
  currency: 'CNY',
  debtor: { name: '汉口商贸有限公司', account: '6222020000000001' },
  creditor: { name: '武昌医药有限公司', account: '6222020000000002' },
  purpose: '货款',
};

function setup() {
  const db = seededStore();
  migrate(db, SYNC_MIGRATIONS);
  const hooks = new VerifyPipeline();
  hooks.setOutbox((stepDb, payment) => enqueueOutbox(stepDb, payment, '2026-11-26T02:00:00Z'));
  return { db, hooks };
}

describe('console outbox', () => {
  it('writes the outbox row with the next device seq in the verify transaction, and marks queued_offline', () => {
    const { db, hooks } = setup();
    const a = capturePayment(db, input, { username: 'clerk', at: '2026-11-26T01:00:00Z' });
    const b = capturePayment(db, { ...input, amount: '2.00' }, { username: 'clerk', at: '2026-11-26T01:00:00Z' });
    verifyPayment(db, b.id, { username: 'boss', at: '2026-11-26T02:00:00Z' }, hooks);
    verifyPayment(db, a.id, { username: 'boss', at: '2026-11-26T02:00:00Z' }, hooks);
    const rows = outboxAfter(db, 0, 10);
    expect(rows.map((r) => [r.seq, r.mutation_id])).toEqual([[1, b.id], [2, a.id]]);
    expect(JSON.parse(rows[1]?.payload ?? '{}')).toEqual({ id: a.id, kind: 'hvps', priority: 2, to: 'ICBC', amount: '1409.50', currency: 'CNY', debtor: input.debtor, creditor: input.creditor, purpose: '货款' });
    expect(findPayment(db, a.id)?.status).toBe('queued_offline');
    expect(pendingOutboxCount(db)).toBe(2);
  });

  it('rolls the verification back when the outbox write fails', () => {
    const { db, hooks } = setup();
    const a = capturePayment(db, input, { username: 'clerk', at: '2026-11-26T01:00:00Z' });
    db.exec('DROP TABLE sync_outbox');
    expect(() => verifyPayment(db, a.id, { username: 'boss', at: '2026-11-26T02:00:00Z' }, hooks)).toThrow();
    expect(findPayment(db, a.id)?.status).toBe('draft');
    expect(getSyncState(db, 'device_seq')).toBe('0');
  });

  it('applies push answers and pulled pages with their cursor', () => {
    const { db, hooks } = setup();
    const a = capturePayment(db, input, { username: 'clerk', at: '2026-11-26T01:00:00Z' });
    const b = capturePayment(db, { ...input, amount: '3.00' }, { username: 'clerk', at: '2026-11-26T01:00:00Z' });
    verifyPayment(db, a.id, { username: 'boss', at: 't' }, hooks);
    verifyPayment(db, b.id, { username: 'boss', at: 't' }, hooks);
    const pushed = applyPushResults(
      db,
      { lastSeq: 2, results: [{ seq: 1, id: a.id, status: 'accepted' }, { seq: 2, id: b.id, status: 'duplicate', original: 'rejected', code: 'NET_DEBIT_CAP', message: 'x' }] },
      '2026-11-26T03:00:00Z',
    );
    expect(pushed.changed).toEqual([a.id, b.id]);
    expect(pushed.rejections[0]?.messageZh).toContain('超过净借记限额');
    expect(findPayment(db, a.id)?.status).toBe('received');
    expect(findPayment(db, b.id)?.reason).toBe('NET_DEBIT_CAP');
    expect(pendingOutboxCount(db)).toBe(0);
    applyPullPage(
      db,
      'HKB',
      [
        { seq: 5, type: 'payment.status', data: { id: a.id, status: 'settled' } },
        {
          seq: 6,
          type: 'payment.inbound',
          data: { id: 'ICBC-1', from: 'ICBC', to: 'HKB', amount: '7.00', currency: 'CNY', kind: 'hvps', debtor: input.creditor, creditor: input.debtor, purpose: '还款', status: 'settled', businessDate: '2026-11-26' },
        },
        { seq: 7, type: 'statement.entry', data: { entryId: 'L7', businessDate: '2026-11-26', amount: '-1.00', kind: 'liquidity', balanceAfter: '99.00' } },
      ],
      'abc.7',
      '2026-11-26T04:00:00Z',
    );
    expect(findPayment(db, a.id)?.status).toBe('settled');
    expect(findPayment(db, 'ICBC-1')).toMatchObject({ direction: 'in', status: 'settled', amount_minor: 700n, from_id: 'ICBC' });
    expect(db.prepare('SELECT amount_minor, balance_after_minor FROM house_statement_entries').get()).toEqual({ amount_minor: -100, balance_after_minor: 9900 });
    expect(getSyncState(db, 'pull_cursor')).toBe('abc.7');
  });
});
