import { describe, expect, it } from 'vitest';
import { migrate } from '../store/migrate';
import { seededStore } from '../store/test-support/test-store';
import { SYNC_MIGRATIONS } from '../sync/migrations/index';
import { appendOutbox } from '../sync/outbox';
import { MESSAGE_MIGRATIONS } from './migrations';
import { storeThread } from './thread-store';
import { inboxFor, markThreadRead } from './inbox';
import type { MessageThread } from '../../shared/contract/message-protocol';

const PAYMENT = { from: 'HKB', to: 'ICBC', amount: '520.00', currency: 'CNY', kind: 'hvps', status: 'settled' } as const;
const asked: MessageThread = {
  id: 'ICBC.0a1b2c3d.7',
  kind: 'inquiry',
  paymentId: 'HKB-D1-20261126-00000001',
  from: 'ICBC',
  to: 'HKB',
  state: 'open',
  businessDate: '2026-11-26',
  dueBy: '2026-11-27T16:30+08:00',
  payment: PAYMENT,
  entries: [{ at: '2026-11-26T02:00:00.000Z', by: 'ICBC', action: 'ask', reasonCode: 'NOT_RECEIVED', text: '客户称未收到' }],
};
const returnAsked: MessageThread = {
  id: 'ICBC.0a1b2c3d.8',
  kind: 'return',
  paymentId: 'ICBC-D2-20261126-00000009',
  from: 'ICBC',
  to: 'HKB',
  state: 'requested',
  businessDate: '2026-11-26',
  amount: '10.00',
  payment: { ...PAYMENT, from: 'ICBC', to: 'HKB' },
  entries: [{ at: '2026-11-26T03:00:00.000Z', by: 'ICBC', action: 'request', reasonCode: 'DUPL', text: '重复' }],
};
const ownAsk: MessageThread = { ...asked, id: 'HKB.11111111.3', from: 'HKB', to: 'ICBC', entries: [{ ...asked.entries[0]!, by: 'HKB' }] };

function store() {
  const db = seededStore();
  migrate(db, SYNC_MIGRATIONS);
  migrate(db, MESSAGE_MIGRATIONS);
  for (const t of [asked, returnAsked, ownAsk]) storeThread(db, 'HKB', t, '2026-11-26T03:00:00.000Z');
  return db;
}

describe('the message inbox query', () => {
  it('lists every thread with overdue and per-operator unread marks; what this bank wrote is not unread', () => {
    const db = store();
    const before = Date.parse('2026-11-27T08:00:00Z');
    const { threads } = inboxFor(db, 'clerk1', 'HKB', before);
    expect(threads.map((t) => t.id).sort()).toEqual([asked.id, returnAsked.id, ownAsk.id].sort());
    const byId = new Map(threads.map((t) => [t.id, t]));
    expect(byId.get(asked.id)).toMatchObject({ unread: true, overdue: false });
    expect(byId.get(returnAsked.id)?.unread).toBe(true);
    expect(byId.get(ownAsk.id)?.unread).toBe(false);
    // Past 16:30 Beijing time on the 27th (08:30 UTC): the open inquiry is overdue.
    expect(inboxFor(db, 'clerk1', 'HKB', Date.parse('2026-11-27T08:31:00Z')).threads.find((t) => t.id === asked.id)?.overdue).toBe(true);
  });

  it('keeps a read mark per operator until another bank writes again', () => {
    const db = store();
    expect(markThreadRead(db, 'clerk1', asked, '2026-11-26T04:00:00.000Z')).toBe(true);
    expect(markThreadRead(db, 'clerk1', undefined, '2026-11-26T04:00:00.000Z')).toBe(false);
    const unread = (user: string, id: string) => inboxFor(db, user, 'HKB', 0).threads.find((t) => t.id === id)?.unread;
    expect(unread('clerk1', asked.id)).toBe(false);
    expect(unread('clerk2', asked.id)).toBe(true);
    // HKB's own answer is no news to clerk1; ICBC writing again would be.
    const answered = { ...asked, state: 'answered' as const, entries: [...asked.entries, { at: '2026-11-26T05:00:00.000Z', by: 'HKB', action: 'answer' as const, text: '已入账' }] };
    storeThread(db, 'HKB', answered, '2026-11-26T05:00:00.000Z');
    expect(unread('clerk1', asked.id)).toBe(false);
    const centreStop: MessageThread = { ...asked, id: 'STOP.X', kind: 'stop', from: 'centre', to: 'HKB', state: 'stopped', entries: [{ at: 't', by: 'centre', action: 'stop', text: '核查' }] };
    storeThread(db, 'HKB', centreStop, 't');
    markThreadRead(db, 'clerk1', centreStop, 't');
    storeThread(db, 'HKB', { ...centreStop, state: 'released', entries: [...centreStop.entries, { at: 't2', by: 'centre', action: 'release', text: '解除' }] }, 't2');
    expect(unread('clerk1', 'STOP.X')).toBe(true);
  });

  it('tells the bank which centre operator stopped and released its payment', () => {
    const db = store();
    const stop = { at: 't1', by: 'centre', action: 'stop' as const, text: '公安协查', operator: 'sup1' };
    const stopped: MessageThread = { ...asked, id: 'STOP.Y', kind: 'stop', from: 'centre', to: 'HKB', state: 'stopped', entries: [stop] };
    expect(storeThread(db, 'HKB', stopped, 't1')).toMatchObject({ severity: 'warning', messageZh: `清算中心（sup1）已止付支付 ${asked.paymentId}`, message: `The clearing centre (sup1) stopped payment ${asked.paymentId}` });
    const released: MessageThread = { ...stopped, state: 'released', entries: [stop, { at: 't2', by: 'centre', action: 'release', text: '协查结束', operator: 'li.fu' }] };
    expect(storeThread(db, 'HKB', released, 't2')).toMatchObject({ severity: 'info', messageZh: `清算中心（li.fu）已解除支付 ${asked.paymentId} 的止付` });
    // A stop by the admin token names nobody.
    const byToken: MessageThread = { ...stopped, id: 'STOP.Z', entries: [{ at: 't3', by: 'centre', action: 'stop' }] };
    expect(storeThread(db, 'HKB', byToken, 't3')?.messageZh).toBe(`清算中心已止付支付 ${asked.paymentId}`);
  });

  it('carries the decisions of return requests still waiting and every unsent step', () => {
    const db = store();
    db.prepare("INSERT INTO return_decisions (id, thread_id, decision, reason_code, status, maker, proposed_at) VALUES ('D1', ?, 'accept', NULL, 'proposed', 'clerk1', 't')").run(returnAsked.id);
    db.prepare("INSERT INTO return_decisions (id, thread_id, decision, reason_code, status, maker, proposed_at) VALUES ('D0', 'gone', 'accept', NULL, 'proposed', 'clerk1', 't')").run();
    db.transaction(() => appendOutbox(db, 'message.answer', asked.id, { text: '已入账' }, '2026-11-26T04:00:00.000Z'))();
    const inbox = inboxFor(db, 'super1', 'HKB', 0);
    expect(inbox.decisions).toEqual([{ id: 'D1', threadId: returnAsked.id, decision: 'accept', reasonCode: null, text: null, status: 'proposed', maker: 'clerk1', proposedAt: 't', checker: null }]);
    expect(inbox.pending).toEqual([{ type: 'message.answer', id: asked.id, createdAt: '2026-11-26T04:00:00.000Z', payload: { text: '已入账' } }]);
  });
});
