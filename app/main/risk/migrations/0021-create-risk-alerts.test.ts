import { describe, expect, it } from 'vitest';
import { migrate } from '../../store/migrate';
import { memoryStore } from '../../store/test-support/test-store';
import { migration } from './0021-create-risk-alerts';

describe('0021 create risk alerts', () => {
  it('holds one alert per payment with consistent pending and closed states', () => {
    const db = memoryStore();
    migrate(db, [migration]);
    const insert = db.prepare(
      `INSERT INTO risk_alerts (id, payment_id, created_at, sla_due_at, amount_minor, rule_set_version, total_score, decision, hits, screening, status, pending_by, closed_at)
       VALUES (?, ?, 't', 't', 100, 1, 70, 'hold', '[]', '[]', ?, ?, ?)`,
    );
    insert.run('RA-1', 'P-1', 'open', null, null);
    expect(() => insert.run('RA-2', 'P-1', 'open', null, null)).toThrow(/UNIQUE/);
    expect(() => insert.run('RA-3', 'P-3', 'pending_release', null, null)).toThrow(/CHECK/);
    expect(() => insert.run('RA-4', 'P-4', 'released', null, null)).toThrow(/CHECK/);
    insert.run('RA-5', 'P-5', 'pending_release', 'risk.li', null);
    const decide = db.prepare("INSERT INTO risk_alert_decisions (alert_id, at, actor, action, status_after, note) VALUES (?, 't', 'risk.li', 'escalate', 'escalated', ?)");
    decide.run('RA-1', 'looks like the listed bank');
    expect(() => decide.run('RA-1', '   ')).toThrow(/CHECK/);
    expect(() => decide.run('RA-404', 'x')).toThrow(/FOREIGN KEY/);
    expect(db.prepare('SELECT id FROM risk_alerts ORDER BY id').pluck().all()).toEqual(['RA-1', 'RA-5']);
  });
});
