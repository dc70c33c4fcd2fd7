import { describe, expect, it } from 'vitest';
import { migrate } from '../../store/migrate';
import { memoryStore } from '../../store/test-support/test-store';
import { MESSAGE_MIGRATIONS } from './index';

describe('migration 0061: message read marks', () => {
  it('keeps one mark per operator and thread and refuses a negative count', () => {
    const db = memoryStore();
    migrate(db, MESSAGE_MIGRATIONS);
    const mark = db.prepare("INSERT INTO message_reads (username, thread_id, entries_seen, read_at) VALUES (?, 'Q1', ?, 't')");
    mark.run('clerk1', 1);
    mark.run('clerk2', 1);
    expect(() => mark.run('clerk1', 2)).toThrow(/UNIQUE|PRIMARY/);
    expect(() => mark.run('clerk3', -1)).toThrow(/CHECK/);
    expect(db.prepare('SELECT COUNT(*) FROM message_reads').pluck().get()).toBe(2);
  });
});
