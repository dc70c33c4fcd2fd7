import type { Db } from '../../store/open-database';

/** For tests: the audit log as [actor, action, entityId] rows in order. */
export function auditTrail(db: Db): [string, string, string][] {
  return db
    .prepare<[], { actor: string; action: string; entity_id: string }>('SELECT actor, action, entity_id FROM audit_log ORDER BY seq')
    .all()
    .map((r) => [r.actor, r.action, r.entity_id]);
}
