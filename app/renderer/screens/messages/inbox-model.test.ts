import { describe, expect, it } from 'vitest';
import type { InboxThread } from '../../../shared/contract/handlers/messages';
import { beijingDue, filterInbox, inboxBadge, inboxRows, NO_INBOX_FILTERS, type Inbox } from './inbox-model';

const payment = { from: 'HKB', to: 'ICBC', amount: '10.00', currency: 'CNY' as const, kind: 'hvps' as const, status: 'settled' };
const thread = (over: Partial<InboxThread>): InboxThread => ({
  id: 'T1',
  kind: 'inquiry',
  paymentId: 'P1',
  from: 'ICBC',
  to: 'HKB',
  state: 'open',
  businessDate: '2026-12-07',
  payment,
  entries: [{ at: '2026-12-07T01:00:00Z', by: 'ICBC', action: 'ask' }],
  overdue: false,
  unread: false,
  ...over,
});
const decision = { id: 'D1', threadId: 'R1', decision: 'accept' as const, reasonCode: null, text: null, status: 'proposed' as const, maker: 'c1', proposedAt: 't', checker: null };
const inbox: Inbox = {
  threads: [
    thread({ id: 'OLD', from: 'HKB', to: 'ICBC', state: 'answered', entries: [{ at: '2026-12-06T01:00:00Z', by: 'HKB', action: 'ask' }] }),
    thread({ id: 'NEWS', from: 'HKB', to: 'ICBC', state: 'answered', unread: true, entries: [{ at: '2026-12-05T01:00:00Z', by: 'HKB', action: 'ask' }] }),
    thread({ id: 'ASKED', dueBy: '2026-12-08T16:30+08:00' }),
    thread({ id: 'LATE', dueBy: '2026-12-07T16:30+08:00', overdue: true, entries: [{ at: '2026-12-04T01:00:00Z', by: 'ICBC', action: 'ask' }] }),
    thread({ id: 'R1', kind: 'return', state: 'requested', entries: [{ at: '2026-12-07T02:00:00Z', by: 'ICBC', action: 'request' }] }),
    thread({ id: 'STOP.P2', kind: 'stop', paymentId: 'P2', from: 'centre', to: 'HKB', state: 'stopped', payment: { ...payment, to: 'CCB' } }),
  ],
  decisions: [decision],
  pending: [],
};

describe('the message inbox rows', () => {
  it('puts what needs this operator first (the detail\'s own rules), then unread, then overdue, then the newest', () => {
    // A clerk answers inquiries; the return request has a proposal waiting for a supervisor.
    const clerk = inboxRows(inbox, ['clerk'], 'c1', 'HKB');
    expect(clerk.map((r) => [r.id, r.needsAction])).toEqual([
      ['LATE', true],
      ['ASKED', true],
      ['NEWS', false],
      ['R1', false],
      ['STOP.P2', false],
      ['OLD', false],
    ]);
    const supervisor = inboxRows(inbox, ['supervisor'], 's1', 'HKB');
    expect(supervisor.filter((r) => r.needsAction).map((r) => r.id)).toEqual(['LATE', 'R1', 'ASKED']);
    // The maker cannot check their own proposal: not their action.
    expect(inboxRows(inbox, ['supervisor', 'clerk'], 'c1', 'HKB').find((r) => r.id === 'R1')?.needsAction).toBe(false);
    // An answer already in the outbox: nothing more to do.
    expect(inboxRows({ ...inbox, pending: [{ type: 'message.answer', id: 'ASKED', createdAt: 't', payload: {} }] }, ['clerk'], 'c1', 'HKB').find((r) => r.id === 'ASKED')?.needsAction).toBe(false);
    expect(inboxRows(null, ['clerk'], 'c1', 'HKB')).toEqual([]);
    // Opened since the load: shown read, but in its place until the next load.
    const read = inboxRows(inbox, ['clerk'], 'c1', 'HKB', ['NEWS']);
    expect(read.map((r) => r.id)).toEqual(clerk.map((r) => r.id));
    expect(read.find((r) => r.id === 'NEWS')?.unread).toBe(false);
  });

  it('says who the other bank is, which way the thread goes and when a reply is due (Beijing time)', () => {
    const byId = new Map(inboxRows(inbox, ['clerk'], 'c1', 'HKB').map((r) => [r.id, r]));
    expect(byId.get('OLD')).toMatchObject({ direction: 'sent', counterparty: 'ICBC', dueBy: null });
    expect(byId.get('ASKED')).toMatchObject({ direction: 'received', counterparty: 'ICBC', dueBy: '2026-12-08 16:30' });
    // A centre stop of this bank's payment: the other bank is the payee.
    expect(byId.get('STOP.P2')).toMatchObject({ direction: 'received', counterparty: 'CCB' });
    expect(beijingDue(undefined)).toBeNull();
  });

  it('filters by kind, by my action and by overdue; the badge counts needs-action or unread threads', () => {
    const rows = inboxRows(inbox, ['clerk'], 'c1', 'HKB');
    expect(filterInbox(rows, NO_INBOX_FILTERS)).toHaveLength(6);
    expect(filterInbox(rows, { ...NO_INBOX_FILTERS, kind: 'return' }).map((r) => r.id)).toEqual(['R1']);
    expect(filterInbox(rows, { ...NO_INBOX_FILTERS, needsAction: true }).map((r) => r.id)).toEqual(['LATE', 'ASKED']);
    expect(filterInbox(rows, { ...NO_INBOX_FILTERS, overdue: true }).map((r) => r.id)).toEqual(['LATE']);
    expect(inboxBadge(rows)).toBe(3);
  });
});
