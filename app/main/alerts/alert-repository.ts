import { randomUUID } from 'node:crypto';
import { preparedOnce, type Db } from '../store/open-database';
import { appendAudit } from '../audit/audit-log';
import type { Alert } from '../../shared/contract';

interface Row {
  id: string;
  at: string;
  severity: Alert['severity'];
  message: string;
  message_zh: string;
  payment_id: string | null;
  acknowledged_at: string | null;
}

/** Most alerts listed at once: open ones first. */
export const MAX_LISTED_ALERTS = 200;

const sql = preparedOnce((db) => ({
  insert: db.prepare(
    'INSERT INTO alerts (id, at, severity, message, message_zh, payment_id) VALUES (@id, @at, @severity, @message, @messageZh, @paymentId)',
  ),
  list: db.prepare<[number], Row>(
    'SELECT * FROM alerts ORDER BY acknowledged_at IS NOT NULL, at DESC LIMIT ?',
  ),
  ack: db.prepare('UPDATE alerts SET acknowledged_by = ?, acknowledged_at = ? WHERE id = ? AND acknowledged_at IS NULL'),
  exists: db.prepare<[string], number>('SELECT 1 FROM alerts WHERE id = ?').pluck(),
}));

function toAlert(row: Row): Alert {
  return {
    id: row.id,
    at: row.at,
    severity: row.severity,
    message: row.message,
    messageZh: row.message_zh,
    paymentId: row.payment_id,
    acknowledged: row.acknowledged_at !== null,
  };
}

export function insertAlert(db: Db, alert: Omit<Alert, 'id' | 'acknowledged'>): Alert {
  const stored: Alert = { ...alert, id: randomUUID(), acknowledged: false };
  db.transaction(() => {
    sql(db).insert.run(stored);
    appendAudit(db, { at: alert.at, actor: 'system', action: 'alert.raised', entity: 'alert', entityId: stored.id, detail: { severity: alert.severity, message: alert.message, paymentId: alert.paymentId } });
  })();
  return stored;
}

export function listAlerts(db: Db): Alert[] {
  return sql(db).list.all(MAX_LISTED_ALERTS).map(toAlert);
}

/** False when no such alert. Acknowledging twice is harmless. */
export function acknowledgeAlert(db: Db, id: string, by: string, at: string): boolean {
  return db.transaction(() => {
    if (sql(db).exists.get(id) === undefined) return false;
    if (sql(db).ack.run(by, at, id).changes === 1) {
      appendAudit(db, { at, actor: by, action: 'alert.acknowledged', entity: 'alert', entityId: id, detail: {} });
    }
    return true;
  })();
}
