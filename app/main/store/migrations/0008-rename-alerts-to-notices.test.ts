import { describe, expect, it } from 'vitest';
import { memoryStore } from '../test-support/test-store';
import { migrate } from '../migrate';

describe('0008 rename alerts to notices', () => {
  it('keeps every stored alert, acknowledged or not, as a notice with its open-first index', () => {
    const db = memoryStore(7);
    const insert = db.prepare('INSERT INTO alerts (id, at, severity, message, message_zh, payment_id, acknowledged_by, acknowledged_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    insert.run('a1', '2026-11-26T01:00:00Z', 'warning', 'Link down', '连接中断', null, null, null);
    insert.run('a2', '2026-11-26T02:00:00Z', 'error', 'Refused', '被拒绝', 'HKB-1', 'super1', '2026-11-26T02:05:00Z');
    migrate(db, undefined, 8);
    const tables = db.prepare<[], string>("SELECT name FROM sqlite_schema WHERE type IN ('table', 'index') AND (name LIKE 'alerts%' OR name LIKE 'notices%') ORDER BY name").pluck().all();
    expect(tables).toEqual(['notices', 'notices_open']);
    expect(db.prepare('SELECT id, severity, payment_id, acknowledged_by FROM notices ORDER BY id').all()).toEqual([
      { id: 'a1', severity: 'warning', payment_id: null, acknowledged_by: null },
      { id: 'a2', severity: 'error', payment_id: 'HKB-1', acknowledged_by: 'super1' },
    ]);
    expect(() => db.prepare("INSERT INTO notices (id, at, severity, message, message_zh) VALUES ('a3', 't', 'panic', 'x', 'x')").run()).toThrow(/CHECK/);
  });
});
