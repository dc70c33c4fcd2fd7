import { describe, it, expect } from 'vitest';
import { memoryStore } from '../../store/test-support/test-store';
import { migrate } from '../../store/migrate';
import { SYNC_MIGRATIONS } from './index';

describe('sync migrations 0010-0019', () => {
  it('build the outbox, the sync counters and the house feed tables on the console schema', () => {
    const db = memoryStore();
    expect(migrate(db, SYNC_MIGRATIONS)).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
    expect(migrate(db, SYNC_MIGRATIONS)).toEqual([]);
    expect(db.prepare('SELECT key, value FROM sync_state ORDER BY key').all()).toEqual([
      { key: 'acked_seq', value: '0' },
      { key: 'device_seq', value: '0' },
      { key: 'pull_cursor', value: '' },
    ]);
    const insert = db.prepare('INSERT INTO sync_outbox (seq, mutation_id, type, payload, created_at) VALUES (?, ?, ?, ?, ?)');
    insert.run(1, 'P1', 'payment.submit', '{}', '2026-11-26T01:00:00Z');
    expect(() => insert.run(0, 'P0', 'payment.submit', '{}', 't')).toThrow(/CHECK/);
    expect(() => insert.run(2, 'P1', 'payment.submit', '{}', 't')).toThrow(/UNIQUE/);
    expect(() => insert.run(3, 'P3', 'payment.refund', '{}', 't')).toThrow(/CHECK/);
    // 0014: a cancel or return names a submitted payment, and may be asked again after a refusal.
    insert.run(3, 'P1', 'payment.cancel', '{}', 't');
    insert.run(4, 'P1', 'payment.cancel', '{}', 't');
    insert.run(5, 'P1', 'payment.return', '{}', 't');
    // 0015: a reprioritise names a submitted payment too, and may be asked as often as wanted.
    insert.run(6, 'P1', 'payment.reprioritise', '{"priority":0,"reason":"r"}', 't');
    insert.run(7, 'P1', 'payment.reprioritise', '{"priority":2,"reason":"r"}', 't');
    // 0016: the liquidity controls and queue reorder go through the outbox too.
    insert.run(8, 'L1', 'liquidity.reserve', '{"urgent":"100.00"}', 't');
    insert.run(9, 'L2', 'liquidity.limits', '{"bilateral":{}}', 't');
    insert.run(10, 'L3', 'liquidity.warning', '{}', 't');
    insert.run(11, 'P1', 'payment.reorder', '{"to":"top"}', 't');
    // 0019: messages between banks (inquiries, return requests, stops) go through the outbox too.
    insert.run(12, 'Q1', 'message.inquire', '{}', 't');
    insert.run(13, 'Q1', 'message.answer', '{}', 't');
    insert.run(14, 'R1', 'message.returnRequest', '{}', 't');
    insert.run(15, 'R1', 'message.returnAnswer', '{}', 't');
    insert.run(16, 'P1', 'payment.stop', '{}', 't');
    insert.run(17, 'P1', 'payment.release', '{}', 't');
    expect(() => insert.run(18, 'Q1', 'message.gossip', '{}', 't')).toThrow(/CHECK/);
    expect(db.prepare('SELECT count(*) FROM sync_outbox').pluck().get()).toBe(16);
    expect(() => db.prepare("INSERT INTO house_statement_entries VALUES ('e', '2026-11-26', 'gross', 1, NULL, '{}', 1)").run()).toThrow(/CHECK/);
    // 0018: one row per house change of a payment; the push answer is feed_seq 0.
    const step = db.prepare("INSERT INTO house_payment_steps (payment_id, feed_seq, status, recorded_at) VALUES ('P1', ?, ?, 't')");
    step.run(0, 'accepted');
    step.run(12, 'queued');
    expect(() => step.run(12, 'settled')).toThrow(/UNIQUE|PRIMARY/);
    expect(() => step.run(-1, 'queued')).toThrow(/CHECK/);
  });
});
