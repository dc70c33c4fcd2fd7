import { describe, it, expect } from 'vitest';
import { seededStore } from '../store/test-support/test-store';
import { migrate } from '../store/migrate';
import { capturePayment, verifyPayment } from '../payments/payment-commands';
import { VerifyPipeline } from '../payments/verify-pipeline';
import { UserError } from '../user-error';
import { SYNC_MIGRATIONS } from '../sync/migrations/index';
import { enqueueOutbox, outboxAfter } from '../sync/outbox';
import { applyPullPage } from '../sync/apply-pull-page';
import { applyPushResults } from '../sync/apply-push-results';
import { setSyncState } from '../sync/sync-state';
import type { Change } from '../../shared/contract/sync-protocol';
import type { CaptureInput } from '../../shared/contract';
import type { Db } from '../store/open-database';
import { LIQUIDITY_MIGRATIONS } from './liquidity-migrations';
import { requestReorder } from './queue-actions';
import { readQueueView } from './queue-view';
import { computeQueueDay, readQueueTransitions } from './queue-day';
import { readIntraday } from './intraday-read';
import { queueViewSchema, type QueueSource } from '../../shared/contract/handlers/liquidity';
import type { QueueResponse } from '../../shared/contract/queue-protocol';

const MIRROR: QueueSource = { kind: 'mirror', why: 'offline' };

const base: CaptureInput = {
  kind: 'hvps',
  priority: 2,
  to: 'ICBC',
  amount: '100.00',
  currency: 'CNY',
  debtor: { name: '汉口商贸有限公司', account: '6222020000000001' },
  creditor: { name: '武昌医药有限公司', account: '6222020000000002' },
  purpose: '货款',
};

function setup(): Db {
  const db = seededStore('2026-11-26');
  migrate(db, SYNC_MIGRATIONS);
  migrate(db, LIQUIDITY_MIGRATIONS);
  // The house's clock as the last accounts/me told it: 10:00 on the business date.
  setSyncState(db, 'house_account', JSON.stringify({ participant: 'HKB', currency: 'CNY', businessDate: '2026-11-26', balance: '0.00', available: '0.00', netDebit: '0.00', netDebitCap: '0.00', clock: '10:00' }));
  return db;
}

function send(db: Db, input: Partial<CaptureInput>): string {
  const pipeline = new VerifyPipeline();
  pipeline.setOutbox((stepDb, payment) => enqueueOutbox(stepDb, payment, 't'));
  const p = capturePayment(db, { ...base, ...input }, { username: 'clerk', at: '2026-11-26T01:00:00Z' });
  verifyPayment(db, p.id, { username: 'boss', at: '2026-11-26T01:00:01Z' }, pipeline);
  return p.id;
}

let feedSeq = 0;
const status = (id: string, s: string, reason?: string): Change =>
  ({ seq: (feedSeq += 1), type: 'payment.status', data: { id, status: s, ...(reason === undefined ? {} : { reason }), businessDate: '2026-11-26' } }) as Change;

describe('timed payments at capture', () => {
  it('are stored, carried in payment.submit and checked against the house clock last seen', () => {
    const db = setup();
    const id = send(db, { earliest: '10:30', latest: '11:00', valueDate: '2026-11-27' });
    const submit = outboxAfter(db, 0, 10).find((r) => r.mutation_id === id);
    expect(JSON.parse(submit?.payload ?? '{}')).toMatchObject({ earliest: '10:30', latest: '11:00', valueDate: '2026-11-27' });
    // A latest already passed on the house's clock (10:00) is refused on the field, nothing stored.
    const refused = (() => {
      try {
        capturePayment(db, { ...base, latest: '09:59' }, { username: 'clerk', at: 't' });
      } catch (error) {
        return error instanceof UserError ? error.issues?.map((i) => i.path) : String(error);
      }
      return undefined;
    })();
    expect(refused).toEqual(['latest']);
  });

  it('are refused on a console without the house link (no timing columns)', () => {
    const db = seededStore();
    expect(() => capturePayment(db, { ...base, earliest: '10:30' }, { username: 'clerk', at: 't' })).toThrow(/clearing house/);
  });
});

describe('排队管理 view: own queue in order, DNS waits, scheduled', () => {
  it('orders the RTGS queue by priority then arrival, names each reason, lists DNS waits and scheduled payments', () => {
    const db = setup();
    const a = send(db, { amount: '500.00' });
    const b = send(db, { amount: '200.00' });
    const c = send(db, { amount: '300.00', priority: 0 });
    const d = send(db, { kind: 'beps', amount: '50.00', purpose: '' });
    const s = send(db, { amount: '70.00', earliest: '10:30' });
    const w = send(db, { amount: '80.00', valueDate: '2026-11-27' });
    applyPullPage(db, 'HKB', [status(a, 'queued', 'INSUFFICIENT_FUNDS'), status(b, 'queued'), status(c, 'queued', 'RESERVED_LIQUIDITY'), status(d, 'queued', 'NET_DEBIT_CAP'), status(s, 'scheduled'), status(w, 'scheduled')], '1.1', '2026-11-26T02:00:00.000Z');
    const view = readQueueView(db, MIRROR);
    // What the contract sends is what the schema says.
    expect(queueViewSchema.parse(view)).toEqual(view);
    expect(view).toMatchObject({ linked: true, businessDate: '2026-11-26', clock: '10:00' });
    expect(view.rtgs.map((r) => [r.id, r.position, r.waitReason])).toEqual([[c, 1, 'floor'], [a, 2, 'funds'], [b, 3, 'fifo']]);
    expect(view.rtgs[0]).toMatchObject({ toName: '中国工商银行武汉分行', toBankCode: '102521000030', amount: '300.00', pending: [] });
    expect(view.dns.map((r) => [r.id, r.waitReason])).toEqual([[d, 'cap']]);
    // Scheduled by when they are due: today 10:30, then tomorrow.
    expect(view.scheduled.map((r) => [r.id, r.earliest, r.valueDate])).toEqual([[s, '10:30', null], [w, null, '2026-11-27']]);

    // A reorder to the top, once the house accepts it, moves b ahead of a (same priority).
    requestReorder(db, { nudge: () => undefined }, { id: b, to: 'top', reason: '客户加急', username: 'super1', at: 't' });
    expect(readQueueView(db, MIRROR).rtgs.find((r) => r.id === b)?.pending).toEqual(['payment.reorder']);
    const reorderSeq = outboxAfter(db, 0, 20).find((r) => r.type === 'payment.reorder')?.seq ?? 0;
    applyPushResults(db, { lastSeq: reorderSeq, results: [{ seq: reorderSeq, id: b, status: 'accepted' }] }, 't2');
    expect(readQueueView(db, MIRROR).rtgs.map((r) => r.id)).toEqual([c, b, a]);

    // The scheduled payment enters the queue at its time: it queues behind what waits.
    applyPullPage(db, 'HKB', [status(s, 'queued')], '1.2', '2026-11-26T02:30:00.000Z');
    expect(readQueueView(db, MIRROR).rtgs.map((r) => r.id)).toEqual([c, b, a, s]);
  });
});

describe('排队管理 view in the house order', () => {
  it('takes order, reasons and since from the house answer and completes the rows from this console', () => {
    const db = setup();
    const a = send(db, { amount: '500.00' });
    const b = send(db, { amount: '200.00' });
    // The mirror thinks a then b, both waiting for funds (as pulled).
    applyPullPage(db, 'HKB', [status(a, 'queued', 'INSUFFICIENT_FUNDS'), status(b, 'queued', 'INSUFFICIENT_FUNDS')], '1.1', '2026-11-26T02:00:00.000Z');
    requestReorder(db, { nudge: () => undefined }, { id: a, to: 'bottom', reason: '让行', username: 'super1', at: 't' });
    const since = '2026-11-26T02:00:05.000Z';
    const house: QueueResponse = {
      participant: 'HKB', businessDate: '2026-11-26', clock: '10:05', asOf: '2026-11-26T02:05:00.000Z', limit: 10_000, truncated: false,
      rtgs: [
        { id: b, kind: 'hvps', priority: 2, amount: '200.00', to: 'ICBC', reason: 'floor', reasonCode: 'RESERVED_LIQUIDITY', since },
        { id: a, kind: 'hvps', priority: 2, amount: '500.00', to: 'ICBC', reason: 'fifo', reasonCode: null, since },
        // Sent by another console of the bank: the house knows it, this console does not.
        { id: 'HKB-other-1', kind: 'hvps', priority: 2, amount: '9.00', to: 'ICBC', reason: 'stopped', reasonCode: null, since },
      ],
      dns: [],
      scheduled: [{ id: 'HKB-other-2', kind: 'hvps', priority: 1, amount: '7.00', to: 'ICBC', earliest: '11:00', latest: null, valueDate: null, stopped: false, since }],
    };
    const source: QueueSource = { kind: 'house', ageSeconds: 3, asOf: house.asOf };
    const view = readQueueView(db, source, house);
    expect(queueViewSchema.parse(view)).toEqual(view);
    expect(view).toMatchObject({ linked: true, source, businessDate: '2026-11-26', clock: '10:05' });
    expect(view.rtgs.map((r) => [r.id, r.position, r.waitReason, r.reasonCode, r.local])).toEqual([
      [b, 1, 'floor', 'RESERVED_LIQUIDITY', true],
      [a, 2, 'fifo', null, true],
      ['HKB-other-1', 3, 'stopped', null, false],
    ]);
    expect(view.rtgs[1]).toMatchObject({ toName: '中国工商银行武汉分行', creditorName: '武昌医药有限公司', since, pending: ['payment.reorder'] });
    expect(view.rtgs[2]).toMatchObject({ toName: '中国工商银行武汉分行', creditorName: '', pending: [] });
    expect(view.scheduled).toEqual([expect.objectContaining({ id: 'HKB-other-2', status: 'scheduled', earliest: '11:00', local: false })]);
    // Without the house answer, the same store shows the mirror, saying so.
    expect(readQueueView(db, MIRROR)).toMatchObject({ source: MIRROR, rtgs: [{ id: a, waitReason: 'funds' }, { id: b, waitReason: 'funds' }] });
  });
});

describe('queue depth and value over the day', () => {
  it('steps with each transition into or out of the queue, one point per pulled page', () => {
    const db = setup();
    const a = send(db, { amount: '500.00' });
    const b = send(db, { amount: '200.00' });
    applyPullPage(db, 'HKB', [status(a, 'queued', 'INSUFFICIENT_FUNDS'), status(b, 'queued')], '1.1', '2026-11-26T02:00:00.000Z');
    applyPullPage(db, 'HKB', [status(a, 'settled')], '1.2', '2026-11-26T03:00:00.000Z');
    // Told again (a re-pull): no new transition.
    applyPullPage(db, 'HKB', [status(a, 'settled')], '1.3', '2026-11-26T03:10:00.000Z');
    applyPullPage(db, 'HKB', [status(b, 'cancelled')], '1.4', '2026-11-26T04:00:00.000Z');
    expect(computeQueueDay(readQueueTransitions(db, '2026-11-26'))).toEqual([
      { at: '2026-11-26T02:00:00.000Z', count: 2, value: '700.00' },
      { at: '2026-11-26T03:00:00.000Z', count: 1, value: '200.00' },
      { at: '2026-11-26T04:00:00.000Z', count: 0, value: '0.00' },
    ]);
    expect(readIntraday(db, { businessDate: '2026-11-26', account: null, controls: null }).queueDay).toHaveLength(3);
  });

  it('is empty on a console without the house link', () => {
    expect(readQueueTransitions(seededStore(), '2026-11-26')).toEqual([]);
    expect(readQueueView(seededStore(), MIRROR)).toMatchObject({ linked: false, rtgs: [], dns: [], scheduled: [] });
  });
});
