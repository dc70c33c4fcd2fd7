import { randomUUID } from 'node:crypto';
import { preparedOnce, type Db } from '../store/open-database';
import { appendAudit } from '../audit/audit-log';
import type { Notice } from '../../shared/contract';

interface Row {
  id: string;
  at: string;
  severity: Notice['severity'];
  message: string;
  message_zh: string;
  payment_id: string | null;
  acknowledged_at: string | null;
}

/** Most notices listed at once: open ones first. */
export const MAX_LISTED_NOTICES = 200;

const sql = preparedOnce((db) => ({
  insert: db.prepare(
    'INSERT INTO notices (id, at, severity, message, message_zh, payment_id) VALUES (@id, @at, @severity, @message, @messageZh, @paymentId)',
  ),
  list: db.prepare<[number], Row>(
    'SELECT * FROM notices ORDER BY acknowledged_at IS NOT NULL, at DESC LIMIT ?',
  ),
  ack: db.prepare('UPDATE notices SET acknowledged_by = ?, acknowledged_at = ? WHERE id = ? AND acknowledged_at IS NULL'),
  exists: db.prepare<[string], number>('SELECT 1 FROM notices WHERE id = ?').pluck(),
}));

function toNotice(row: Row): Notice {
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

export function insertNotice(db: Db, notice: Omit<Notice, 'id' | 'acknowledged'>): Notice {
  const stored: Notice = { ...notice, id: randomUUID(), acknowledged: false };
  db.transaction(() => {
    sql(db).insert.run(stored);
    // The audit action names stay `alert.*`: they are part of the chained record already written.
    appendAudit(db, { at: notice.at, actor: 'system', action: 'alert.raised', entity: 'alert', entityId: stored.id, detail: { severity: notice.severity, message: notice.message, paymentId: notice.paymentId } });
  })();
  return stored;
}

export function listNotices(db: Db): Notice[] {
  return sql(db).list.all(MAX_LISTED_NOTICES).map(toNotice);
}

/** False when no such notice. Acknowledging twice is harmless. */
export function acknowledgeNotice(db: Db, id: string, by: string, at: string): boolean {
  return db.transaction(() => {
    if (sql(db).exists.get(id) === undefined) return false;
    if (sql(db).ack.run(by, at, id).changes === 1) {
      appendAudit(db, { at, actor: by, action: 'alert.acknowledged', entity: 'alert', entityId: id, detail: {} });
    }
    return true;
  })();
}
