import { describe, it, expect } from 'vitest';
import { seededStore } from '../store/test-support/test-store';
import { migrate } from '../store/migrate';
import { capturePayment, verifyPayment } from './payment-commands';
import { findPayment } from './payment-repository';
import { VerifyPipeline } from './verify-pipeline';
import { auditHistory } from '../audit/audit-log';
import { UserError } from '../user-error';
import { handlers } from '../../shared/contract/handlers';
import { SYNC_MIGRATIONS } from '../sync/migrations/index';
import { enqueueOutbox, outboxAfter, pendingOutboxCount } from '../sync/outbox';
import { applyPushResults } from '../sync/apply-push-results';
import { applyPullPage } from '../sync/apply-pull-page';
import { getSyncState } from '../sync/sync-state';
import { requestPaymentAction, type ActionLink } from './payment-actions';

const input = {
  kind: 'hvps' as const,
  priority: 2 as const,
  to: 'ICBC',
  amount: '900000.00',
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
  let nudges = 0;
  const link: ActionLink = { nudge: () => (nudges += 1) };
  const verified = () => {
    const p = capturePayment(db, input, { username: 'clerk', at: '2026-11-26T01:00:00Z' });
    verifyPayment(db, p.id, { username: 'boss', at: '2026-11-26T02:00:00Z' }, hooks);
    return p.id;
  };
  return { db, link, verified, nudges: () => nudges };
}

const cancel = (id: string, reason = '客户撤回指令') => ({ type: 'payment.cancel' as const, id, reason, username: 'boss', at: '2026-11-26T03:00:00Z' });
const code = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (error) {
    return error instanceof UserError ? error.code : String(error);
  }
  return undefined;
};

describe('console cancel (撤销) and bill return (退票)', () => {
  it('writes the outbox row and the history entry in one transaction, queued while offline, and nudges the link', async () => {
    const { db, link, verified, nudges } = setup();
    const id = verified();
    // Offline: nothing was pushed, the submit (seq 1) and the cancel (seq 2) both wait in order.
    requestPaymentAction(db, link, cancel(id, '  客户撤回指令 '));
    const rows = outboxAfter(db, 0, 10);
    expect(rows.map((r) => [r.seq, r.type, r.mutation_id])).toEqual([[1, 'payment.submit', id], [2, 'payment.cancel', id]]);
    expect(JSON.parse(rows[1]?.payload ?? '{}')).toEqual({ reason: '客户撤回指令' });
    expect(pendingOutboxCount(db)).toBe(2);
    expect(findPayment(db, id)?.status).toBe('queued_offline');
    expect(auditHistory(db, 'payment', id).map((e) => e.action)).toContain('payment.cancel_requested');
    await Promise.resolve();
    expect(nudges()).toBe(1);
    // Asked twice while the first waits: refused, nothing written.
    expect(code(() => requestPaymentAction(db, link, cancel(id)))).toBe('payments.action_pending');
    expect(getSyncState(db, 'device_seq')).toBe('2');
  });

  it('rolls the history entry back when the outbox write fails', () => {
    const { db, link, verified } = setup();
    const id = verified();
    db.exec("CREATE TRIGGER no_cancel BEFORE INSERT ON sync_outbox WHEN NEW.type = 'payment.cancel' BEGIN SELECT RAISE(ABORT, 'disk full'); END");
    expect(() => requestPaymentAction(db, link, cancel(id))).toThrow(/disk full/);
    expect(auditHistory(db, 'payment', id).map((e) => e.action)).not.toContain('payment.cancel_requested');
    expect(getSyncState(db, 'device_seq')).toBe('1');
  });

  it('cancels only own unsettled outgoing payments and returns only received bills in an open cycle', () => {
    const { db, link, verified } = setup();
    const id = verified();
    applyPushResults(db, { lastSeq: 1, results: [{ seq: 1, id, status: 'accepted' }] }, 't');
    applyPullPage(db, 'HKB', [{ seq: 1, type: 'payment.status', data: { id, status: 'settled' } }], 'e.1', 't');
    expect(code(() => requestPaymentAction(db, link, cancel(id)))).toBe('payments.not_cancellable');
    expect(code(() => requestPaymentAction(db, link, cancel('nope')))).toBe('not_found');
    const inbound = (seq: number, billId: string, kind: 'bill' | 'beps', status: 'netted' | 'settled') =>
      applyPullPage(
        db,
        'HKB',
        [
          {
            seq,
            type: 'payment.inbound',
            data: { id: billId, from: 'HKB', to: 'ICBC', amount: '5.00', currency: 'CNY', kind, debtor: input.debtor, creditor: input.creditor, purpose: '票据', status, ...(kind === 'bill' ? { presentedBy: { billNumber: '31000051201234', issueDate: '2026-11-20', drawer: '汉口商贸有限公司' } } : {}) },
          },
        ],
        `e.${seq}`,
        't',
      );
    inbound(2, 'ICBC-B1', 'bill', 'netted');
    inbound(3, 'ICBC-B2', 'bill', 'settled');
    inbound(4, 'ICBC-P3', 'beps', 'netted');
    const giveBack = (billId: string) => ({ ...cancel(billId, '出票人签章不符'), type: 'payment.return' as const });
    expect(code(() => requestPaymentAction(db, link, cancel('ICBC-B1')))).toBe('payments.not_cancellable');
    expect(code(() => requestPaymentAction(db, link, giveBack('ICBC-B2')))).toBe('payments.not_returnable');
    expect(code(() => requestPaymentAction(db, link, giveBack('ICBC-P3')))).toBe('payments.not_returnable');
    expect(code(() => requestPaymentAction(db, link, giveBack(id)))).toBe('payments.not_returnable');
    requestPaymentAction(db, link, giveBack('ICBC-B1'));
    expect(outboxAfter(db, 1, 10).map((r) => [r.type, r.mutation_id])).toEqual([['payment.return', 'ICBC-B1']]);
  });

  it('a refusal leaves the payment as it was, is kept in its history and raises an alert naming the reason; it may be asked again', () => {
    const { db, link, verified } = setup();
    const id = verified();
    requestPaymentAction(db, link, cancel(id));
    const answer = applyPushResults(
      db,
      {
        lastSeq: 2,
        results: [
          { seq: 1, id, status: 'accepted' },
          { seq: 2, id, status: 'rejected', code: 'NOT_CANCELLABLE', message: 'Payment can no longer be cancelled' },
        ],
      },
      '2026-11-26T04:00:00Z',
    );
    expect(findPayment(db, id)?.status).toBe('received');
    expect(answer.rejections).toEqual([
      {
        paymentId: id,
        code: 'NOT_CANCELLABLE',
        message: `The clearing house refused to cancel payment ${id}: Payment can no longer be cancelled [NOT_CANCELLABLE]`,
        messageZh: `清算中心拒绝撤销支付 ${id}：该支付不能撤销【NOT_CANCELLABLE】`,
      },
    ]);
    expect(auditHistory(db, 'payment', id).map((e) => e.action)).toContain('payment.cancel_refused');
    requestPaymentAction(db, link, cancel(id, '再次申请'));
    expect(pendingOutboxCount(db)).toBe(1);
    // Accepted: the history says so; the status arrives with the pull.
    const accepted = applyPushResults(db, { lastSeq: 3, results: [{ seq: 3, id, status: 'duplicate', original: 'accepted' }] }, 't');
    expect(accepted.rejections).toEqual([]);
    applyPullPage(db, 'HKB', [{ seq: 9, type: 'payment.status', data: { id, status: 'cancelled' } }], 'e.9', 't');
    expect(findPayment(db, id)?.status).toBe('cancelled');
    expect(auditHistory(db, 'payment', id).map((e) => e.action)).toContain('payment.cancel_accepted');
  });

  it('refuses without a house link, and only supervisors may ask (contract roles)', () => {
    const db = seededStore();
    migrate(db, SYNC_MIGRATIONS);
    expect(code(() => requestPaymentAction(db, null, cancel('x')))).toBe('payments.no_house_link');
    expect(handlers['payments.requestCancel'].roles).toEqual(['supervisor']);
    expect(handlers['payments.requestReturn'].roles).toEqual(['supervisor']);
    expect(handlers['payments.requestCancel'].input.safeParse({ id: 'x', reason: '   ' }).success).toBe(false);
  });
});

describe('console reprioritise (调整优先级)', () => {
  const reprioritise = (id: string, priority: 0 | 1 | 2, reason = '客户要求加急') =>
    ({ type: 'payment.reprioritise' as const, priority, id, reason, username: 'boss', at: '2026-11-26T03:00:00Z' });
  const priorityOf = (db: ReturnType<typeof setup>['db'], id: string) => Number(findPayment(db, id)?.priority);

  it('queues behind the offline submit with the new priority in one transaction; the local priority waits for the house', async () => {
    const { db, link, verified, nudges } = setup();
    const id = verified();
    requestPaymentAction(db, link, reprioritise(id, 0, ' 客户要求加急 '));
    const rows = outboxAfter(db, 0, 10);
    expect(rows.map((r) => [r.seq, r.type, r.mutation_id])).toEqual([[1, 'payment.submit', id], [2, 'payment.reprioritise', id]]);
    expect(JSON.parse(rows[1]?.payload ?? '{}')).toEqual({ priority: 0, reason: '客户要求加急' });
    expect(priorityOf(db, id)).toBe(2);
    const requested = auditHistory(db, 'payment', id).find((e) => e.action === 'payment.reprioritise_requested');
    expect(requested?.detail).toEqual({ reason: '客户要求加急', seq: 2, priority: 0, previousPriority: 2 });
    await Promise.resolve();
    expect(nudges()).toBe(1);
    // A second change while the first waits is refused and writes nothing.
    expect(code(() => requestPaymentAction(db, link, reprioritise(id, 1)))).toBe('payments.action_pending');
    expect(getSyncState(db, 'device_seq')).toBe('2');
    // A failing outbox write takes the history entry with it.
    db.exec("CREATE TRIGGER no_reprio BEFORE INSERT ON sync_outbox WHEN NEW.type = 'payment.reprioritise' BEGIN SELECT RAISE(ABORT, 'disk full'); END");
    applyPushResults(db, { lastSeq: 2, results: [{ seq: 1, id, status: 'accepted' }, { seq: 2, id, status: 'rejected', code: 'NOT_REPRIORITISABLE' }] }, 't');
    const before = auditHistory(db, 'payment', id).length;
    expect(() => requestPaymentAction(db, link, reprioritise(id, 1))).toThrow(/disk full/);
    expect(auditHistory(db, 'payment', id)).toHaveLength(before);
    expect(getSyncState(db, 'device_seq')).toBe('2');
  });

  it('accepted: the local row takes the new priority (also from a duplicate answer) and it may be changed again', () => {
    const { db, link, verified } = setup();
    const id = verified();
    requestPaymentAction(db, link, reprioritise(id, 0));
    const answer = applyPushResults(db, { lastSeq: 2, results: [{ seq: 1, id, status: 'accepted' }, { seq: 2, id, status: 'duplicate', original: 'accepted' }] }, '2026-11-26T04:00:00Z');
    expect(answer.rejections).toEqual([]);
    expect(answer.changed).toContain(id);
    expect(priorityOf(db, id)).toBe(0);
    expect(findPayment(db, id)?.status).toBe('received');
    expect(auditHistory(db, 'payment', id).find((e) => e.action === 'payment.reprioritise_accepted')?.detail).toEqual({ priority: 0 });
    requestPaymentAction(db, link, reprioritise(id, 1, '不急了'));
    applyPushResults(db, { lastSeq: 3, results: [{ seq: 3, id, status: 'accepted' }] }, 't');
    expect(priorityOf(db, id)).toBe(1);
  });

  it('refused: the priority stays, the history says why and the alert names the reason in both languages', () => {
    const { db, link, verified } = setup();
    const id = verified();
    requestPaymentAction(db, link, reprioritise(id, 0));
    const answer = applyPushResults(
      db,
      { lastSeq: 2, results: [{ seq: 1, id, status: 'accepted' }, { seq: 2, id, status: 'rejected', code: 'NOT_REPRIORITISABLE', message: 'Payment priority can no longer be changed' }] },
      't',
    );
    expect(priorityOf(db, id)).toBe(2);
    expect(answer.rejections).toEqual([
      {
        paymentId: id,
        code: 'NOT_REPRIORITISABLE',
        message: `The clearing house refused to change the priority of payment ${id}: Payment priority can no longer be changed [NOT_REPRIORITISABLE]`,
        messageZh: `清算中心拒绝调整支付 ${id} 的优先级：该支付不能调整优先级【NOT_REPRIORITISABLE】`,
      },
    ]);
    expect(auditHistory(db, 'payment', id).map((e) => e.action)).toContain('payment.reprioritise_refused');
  });

  it('only own unsettled outgoing payments; supervisors only; the priority must be 0, 1 or 2', () => {
    const { db, link, verified } = setup();
    const id = verified();
    applyPushResults(db, { lastSeq: 1, results: [{ seq: 1, id, status: 'accepted' }] }, 't');
    applyPullPage(db, 'HKB', [{ seq: 1, type: 'payment.status', data: { id, status: 'settled' } }], 'e.1', 't');
    expect(code(() => requestPaymentAction(db, link, reprioritise(id, 0)))).toBe('payments.not_reprioritisable');
    expect(code(() => requestPaymentAction(db, link, reprioritise('nope', 0)))).toBe('not_found');
    const spec = handlers['payments.requestReprioritise'];
    expect(spec.roles).toEqual(['supervisor']);
    expect(spec.input.safeParse({ id: 'x', reason: '加急', priority: 0 }).success).toBe(true);
    expect(spec.input.safeParse({ id: 'x', reason: '加急', priority: 3 }).success).toBe(false);
    expect(spec.input.safeParse({ id: 'x', reason: '  ', priority: 0 }).success).toBe(false);
    expect(spec.input.safeParse({ id: 'x', reason: '加急' }).success).toBe(false);
  });
});
