import { describe, it, expect } from 'vitest';
import { seededStore } from '../store/test-support/test-store';
import { migrate } from '../store/migrate';
import { capturePayment, verifyPayment } from './payment-commands';
import { findPayment } from './payment-repository';
import { VerifyPipeline } from './verify-pipeline';
import { SYNC_MIGRATIONS } from '../sync/migrations/index';
import { enqueueOutbox } from '../sync/outbox';
import { applyPushResults } from '../sync/apply-push-results';
import { applyPullPage } from '../sync/apply-pull-page';
import type { Change } from '../../shared/contract/sync-protocol';
import { houseSteps, withHouseSteps } from './house-steps';
import { auditHistory } from '../audit/audit-log';

const input = {
  kind: 'beps' as const,
  priority: 2 as const,
  to: 'ICBC',
  amount: '1409.50',
  currency: 'CNY',
  debtor: { name: '汉口商贸有限公司', account: '6222020000000001' },
  creditor: { name: '武昌医药有限公司', account: '6222020000000002' },
  purpose: '货款',
};

/** A verified payment pushed and accepted at 02:00Z (10:00 UTC+8). */
function accepted() {
  const db = seededStore();
  migrate(db, SYNC_MIGRATIONS);
  const hooks = new VerifyPipeline();
  hooks.setOutbox((stepDb, payment) => enqueueOutbox(stepDb, payment, '2026-11-26T01:30:00Z'));
  const p = capturePayment(db, input, { username: 'clerk1', at: '2026-11-26T01:00:00Z' });
  verifyPayment(db, p.id, { username: 'super1', at: '2026-11-26T01:30:00Z' }, hooks);
  applyPushResults(db, { lastSeq: 1, results: [{ seq: 1, id: p.id, status: 'accepted' }] }, '2026-11-26T02:00:00Z');
  return { db, id: p.id };
}

const status = (seq: number, id: string, s: 'queued' | 'netted' | 'settled' | 'returned' | 'received', extra: { cycleId?: string; reason?: string } = {}): Change => ({
  seq,
  type: 'payment.status',
  data: { id, status: s, businessDate: '2026-11-26', ...extra },
});

const steps = (db: ReturnType<typeof accepted>['db'], id: string) => houseSteps(db, id).map((s) => `${s.at.slice(11, 16)} ${s.action}${s.detail.cycleId ? `/${s.detail.cycleId}` : ''}`);

describe('the house’s steps in a payment’s history', () => {
  it('records the push answer and each pulled status once, in house order, with the time the console learnt it', () => {
    const { db, id } = accepted();
    applyPullPage(db, 'HKB', [status(11, id, 'queued')], 'c.11', '2026-11-26T02:05:00Z');
    applyPullPage(db, 'HKB', [status(14, id, 'netted', { cycleId: '3' })], 'c.14', '2026-11-26T02:10:00Z');
    applyPullPage(db, 'HKB', [status(20, id, 'settled', { cycleId: '3' })], 'c.20', '2026-11-26T03:00:00Z');
    expect(steps(db, id)).toEqual(['02:00 house.accepted', '02:05 house.queued', '02:10 house.netted/3', '03:00 house.settled/3']);
    expect(findPayment(db, id)?.status).toBe('settled');
    // The console's entries and the house's, one history in time order.
    const history = withHouseSteps(auditHistory(db, 'payment', id), houseSteps(db, id));
    expect(history.map((h) => `${h.actor}:${h.action}`)).toEqual([
      'clerk1:payment.captured',
      'super1:payment.verified',
      'house:house.accepted',
      'house:house.queued',
      'house:house.netted',
      'house:house.settled',
    ]);
  });

  it('a page pulled twice (crash before the cursor was kept) and a change repeated in the feed add no step', () => {
    const { db, id } = accepted();
    const page = [status(11, id, 'queued'), status(14, id, 'netted', { cycleId: '3' })];
    applyPullPage(db, 'HKB', page, 'c.14', '2026-11-26T02:05:00Z');
    applyPullPage(db, 'HKB', page, 'c.14', '2026-11-26T02:06:00Z');
    // The house republished the payment with the same status (e.g. a later business date).
    applyPullPage(db, 'HKB', [status(15, id, 'netted', { cycleId: '3' })], 'c.15', '2026-11-26T02:07:00Z');
    // 'received' pulled after the push answer 'accepted' is the same step.
    applyPullPage(db, 'HKB', [status(16, id, 'settled')], 'c.16', '2026-11-26T02:08:00Z');
    expect(steps(db, id)).toEqual(['02:00 house.accepted', '02:05 house.queued', '02:05 house.netted/3', '02:08 house.settled']);
    expect(db.prepare('SELECT count(*) FROM house_payment_steps WHERE payment_id = ?').pluck().get(id)).toBe(5);
  });

  it('a change that arrives after a newer one adds its step in house order but does not take the status back', () => {
    const { db, id } = accepted();
    applyPullPage(db, 'HKB', [status(20, id, 'settled')], 'c.20', '2026-11-26T03:00:00Z');
    const late = applyPullPage(db, 'HKB', [status(11, id, 'queued')], 'c.20', '2026-11-26T03:05:00Z');
    expect(late.changedPayments).toEqual([id]);
    expect(findPayment(db, id)?.status).toBe('settled');
    // Known at 03:05 but it came before the settlement known at 03:00: shown no later than that.
    expect(steps(db, id)).toEqual(['02:00 house.accepted', '03:00 house.queued', '03:00 house.settled']);
    // Seen again: nothing new, nothing reported as changed.
    expect(applyPullPage(db, 'HKB', [status(11, id, 'queued')], 'c.20', '2026-11-26T03:06:00Z').changedPayments).toEqual([]);
  });

  it('a rejection at push is a step with its reason; inbound payments get their steps too; other consoles’ payments none', () => {
    const db = seededStore();
    migrate(db, SYNC_MIGRATIONS);
    const hooks = new VerifyPipeline();
    hooks.setOutbox((stepDb, payment) => enqueueOutbox(stepDb, payment, 't'));
    const p = capturePayment(db, input, { username: 'clerk1', at: '2026-11-26T01:00:00Z' });
    verifyPayment(db, p.id, { username: 'super1', at: '2026-11-26T01:30:00Z' }, hooks);
    applyPushResults(db, { lastSeq: 1, results: [{ seq: 1, id: p.id, status: 'rejected', code: 'NET_DEBIT_CAP', message: 'x' }] }, '2026-11-26T02:00:00Z');
    expect(houseSteps(db, p.id)).toEqual([{ at: '2026-11-26T02:00:00Z', actor: 'house', action: 'house.rejected', detail: { status: 'rejected', reason: 'NET_DEBIT_CAP' } }]);
    const inbound = (seq: number, s: 'netted' | 'settled'): Change => ({
      seq,
      type: 'payment.inbound',
      data: { id: 'ICBC-1', from: 'ICBC', to: 'HKB', amount: '7.00', currency: 'CNY', kind: 'beps', debtor: input.creditor, creditor: input.debtor, purpose: '还款', status: s, businessDate: '2026-11-26', cycleId: '2' },
    });
    applyPullPage(db, 'HKB', [inbound(30, 'netted'), status(31, 'HKB-OTHER-DEVICE-1', 'queued')], 'c.31', '2026-11-26T04:00:00Z');
    applyPullPage(db, 'HKB', [inbound(35, 'settled')], 'c.35', '2026-11-26T05:00:00Z');
    expect(steps(db, 'ICBC-1')).toEqual(['04:00 house.netted/2', '05:00 house.settled/2']);
    expect(houseSteps(db, 'HKB-OTHER-DEVICE-1')).toEqual([]);
  });

  it('a store without the sync link has no steps (and no table)', () => {
    expect(houseSteps(seededStore(), 'X')).toEqual([]);
  });
});
