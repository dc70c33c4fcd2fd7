import { describe, expect, it } from 'vitest';
import { migrate } from '../../store/migrate';
import { memoryStore } from '../../store/test-support/test-store';
import { migration } from './0060-create-message-threads';

describe('migration 0060: message threads and return decisions', () => {
  it('keys threads by id and refuses a decision its maker checks or a refusal without a reason', () => {
    const db = memoryStore();
    migrate(db, [migration]);
    const thread = db.prepare("INSERT INTO message_threads (id, kind, payment_id, from_id, to_id, state, data, updated_at) VALUES (?, ?, 'p1', 'A', 'B', 'open', '{}', 't')");
    thread.run('Q1', 'inquiry');
    expect(() => thread.run('Q1', 'inquiry')).toThrow(/UNIQUE|PRIMARY/);
    expect(() => thread.run('Q2', 'chat')).toThrow(/CHECK/);
    const decision = db.prepare("INSERT INTO return_decisions (id, thread_id, decision, reason_code, status, maker, proposed_at) VALUES (?, 'R1', ?, ?, 'proposed', 'clerk1', 't')");
    decision.run('D1', 'accept', null);
    expect(() => decision.run('D2', 'refuse', null)).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE return_decisions SET status = 'approved', checker = 'clerk1' WHERE id = 'D1'").run()).toThrow(/CHECK/);
    db.prepare("UPDATE return_decisions SET status = 'approved', checker = 'super1' WHERE id = 'D1'").run();
    expect(db.prepare("SELECT checker FROM return_decisions WHERE id = 'D1'").pluck().get()).toBe('super1');
  });
});
