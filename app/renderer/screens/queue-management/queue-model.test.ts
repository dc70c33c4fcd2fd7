import { describe, it, expect } from 'vitest';
import type { QueueRow } from '../../../shared/contract/handlers/liquidity';
import { actionForKey, blockedReason, chosenRow, summaryOf } from './queue-model';

const row = (id: string, priority: number, over: Partial<QueueRow> = {}): QueueRow => ({
  id, kind: 'hvps', priority, status: 'queued', position: 1, to: 'ICBC', toName: '工行', toBankCode: '102521000030', creditorName: '张三',
  amount: '100.00', reasonCode: null, waitReason: 'fifo', earliest: null, latest: null, valueDate: null, since: 't', pending: [], local: true, ...over,
});

describe('排队管理 actions', () => {
  const rows = [row('u1', 0), row('n1', 2), row('n2', 2), row('n3', 2)];

  it('offers the moves a supervisor may make, and says why not otherwise', () => {
    expect(blockedReason('top', 'rtgs', rows[2], rows, ['supervisor'])).toBeNull();
    expect(blockedReason('top', 'rtgs', rows[1], rows, ['supervisor'])).toBe('qm.blocked.first');
    expect(blockedReason('bottom', 'rtgs', rows[3], rows, ['supervisor'])).toBe('qm.blocked.last');
    // The only payment of its class is both first and last.
    expect(blockedReason('top', 'rtgs', rows[0], rows, ['supervisor'])).toBe('qm.blocked.first');
    expect(blockedReason('top', 'rtgs', rows[2], rows, ['auditor'])).toBe('qm.blocked.role');
    expect(blockedReason('cancel', 'rtgs', undefined, rows, ['supervisor'])).toBe('qm.blocked.select');
    expect(blockedReason('top', 'scheduled', rows[2], rows, ['supervisor'])).toBe('qm.blocked.notQueued');
    expect(blockedReason('reprioritise', 'scheduled', rows[2], rows, ['supervisor'])).toBeNull();
    expect(blockedReason('reprioritise', 'dns', row('d1', 2, { kind: 'beps' }), [], ['supervisor'])).toBe('qm.blocked.dns');
    expect(blockedReason('cancel', 'dns', row('d1', 2, { kind: 'beps' }), [], ['supervisor'])).toBeNull();
    const waiting = row('n2', 2, { pending: ['payment.reorder'] });
    expect(blockedReason('bottom', 'rtgs', waiting, [rows[1] as QueueRow, waiting, rows[3] as QueueRow], ['supervisor'])).toBe('qm.blocked.pending');
    expect(blockedReason('cancel', 'rtgs', waiting, rows, ['supervisor'])).toBeNull();
  });

  it('offers nothing on a stopped payment\'s place, nor on one another console sent (house order)', () => {
    const stopped = row('s1', 2, { waitReason: 'stopped' });
    const withStopped = [...rows, stopped];
    expect(blockedReason('top', 'rtgs', stopped, withStopped, ['supervisor'])).toBe('qm.blocked.stopped');
    // The last in place is the last of those that hold one.
    expect(blockedReason('bottom', 'rtgs', rows[3], withStopped, ['supervisor'])).toBe('qm.blocked.last');
    expect(blockedReason('cancel', 'rtgs', stopped, withStopped, ['supervisor'])).toBeNull();
    const foreign = row('x1', 2, { local: false });
    expect(blockedReason('cancel', 'rtgs', foreign, [...rows, foreign], ['supervisor'])).toBe('qm.blocked.otherDevice');
  });

  it('maps the keys and sums a list', () => {
    expect(['T', 'b', 'P', 'Delete', 'x'].map(actionForKey)).toEqual(['top', 'bottom', 'reprioritise', 'cancel', null]);
    expect(summaryOf([row('a', 2, { amount: '1000000.00' }), row('b', 2, { amount: '0.50' })])).toEqual({ count: 2, amount: '1,000,000.50' });
  });
});

describe('排队管理: the chosen payment', () => {
  const rows = [row('n1', 2), row('n2', 2), row('n3', 2)];

  it('is found by its id wherever it stands after a reload, never another in its place', () => {
    expect(chosenRow(rows, 'n2')?.id).toBe('n2');
    // Reordered by the house (n2 moved to the front): still n2, not the row now at its old index.
    expect(chosenRow([rows[1] as QueueRow, rows[0] as QueueRow, rows[2] as QueueRow], 'n2')?.id).toBe('n2');
    // Not in this answer: nothing chosen, rather than the first or the neighbour.
    expect(chosenRow([rows[0] as QueueRow, rows[2] as QueueRow], 'n2')).toBeUndefined();
    expect(chosenRow(rows, null)).toBeUndefined();
  });
});
