import { describe, it, expect } from 'vitest';
import { memoryStore } from '../test-support/test-store';
import { migrate } from '../migrate';

describe('0006 create alerts', () => {
  it('stores alerts with a known severity', () => {
    const db = memoryStore(5);
    migrate(db, undefined, 6);
    const insert = db.prepare('INSERT INTO alerts (id, at, severity, message, message_zh) VALUES (?, ?, ?, ?, ?)');
    insert.run('a1', '2026-11-26T01:00:00Z', 'warning', 'Link down', '连接中断');
    expect(() => insert.run('a2', 't', 'panic', 'x', 'x')).toThrow(/CHECK/);
    expect(db.prepare('SELECT message_zh FROM alerts').pluck().all()).toEqual(['连接中断']);
  });
});
