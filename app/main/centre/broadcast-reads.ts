import { preparedOnce, type Db } from '../store/open-database';
import { appendAudit } from '../audit/audit-log';
import { storedBroadcast, storedBroadcasts } from '../settings/centre-reference';
import { MAX_LISTED_BROADCASTS, type ReceivedBroadcast } from '../../shared/contract/handlers/centre-bank';

/**
 * Broadcasts (公告) as one operator sees them: each with when that operator read it. Read marks
 * are per operator, not per console: every clerk on duty must see an urgent notice once.
 */
const sql = preparedOnce((db) => ({
  readsOf: db.prepare<[string], { broadcast_id: number; read_at: string }>('SELECT broadcast_id, read_at FROM broadcast_reads WHERE username = ?'),
  markRead: db.prepare('INSERT INTO broadcast_reads (broadcast_id, username, read_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING'),
}));

export function broadcastsFor(db: Db, username: string): ReceivedBroadcast[] {
  const reads = new Map(sql(db).readsOf.all(username).map((r) => [r.broadcast_id, r.read_at]));
  return storedBroadcasts(db)
    .slice(0, MAX_LISTED_BROADCASTS)
    .map((b) => ({ ...b, readAt: reads.get(b.id) ?? null }));
}

/** False when no such broadcast was received. Reading twice keeps the first time and audits once. */
export function markBroadcastRead(db: Db, id: number, username: string, at: string): boolean {
  return db.transaction(() => {
    const broadcast = storedBroadcast(db, id);
    if (broadcast === undefined) return false;
    if (sql(db).markRead.run(id, username, at).changes === 1) {
      appendAudit(db, { at, actor: username, action: 'broadcast.read', entity: 'broadcast', entityId: String(id), detail: { urgency: broadcast.urgency, title: broadcast.title } });
    }
    return true;
  })();
}
