import { appendAudit } from '../audit/audit-log';
import { preparedOnce, type Db } from '../store/open-database';
import { UserError } from '../user-error';

/** Cases group alerts about the same customer or scheme, with the officers' notes. */

const sql = preparedOnce((db) => ({
  insert: db.prepare('INSERT INTO risk_cases (id, title, opened_by, opened_at) VALUES (?, ?, ?, ?)'),
  byId: db.prepare<[string], { id: string; title: string; opened_by: string; opened_at: string; closed_by: string | null; closed_at: string | null }>(
    'SELECT * FROM risk_cases WHERE id = ?',
  ),
  attach: db.prepare('UPDATE risk_alerts SET case_id = ? WHERE id = ?'),
  note: db.prepare('INSERT INTO risk_case_notes (case_id, at, author, note) VALUES (?, ?, ?, ?)'),
  notes: db.prepare<[string], { at: string; author: string; note: string }>('SELECT at, author, note FROM risk_case_notes WHERE case_id = ? ORDER BY seq'),
  alerts: db.prepare<[string], { id: string }>('SELECT id FROM risk_alerts WHERE case_id = ? ORDER BY created_at, id'),
  close: db.prepare('UPDATE risk_cases SET closed_by = ?, closed_at = ? WHERE id = ? AND closed_at IS NULL'),
}));

function openCaseRow(db: Db, caseId: string) {
  const row = sql(db).byId.get(caseId);
  if (row === undefined) throw new UserError('not_found', `no case ${caseId}`, `案件 ${caseId} 不存在`);
  if (row.closed_at !== null) throw new UserError('case_closed', `case ${caseId} is closed`, `案件 ${caseId} 已结案`);
  return row;
}

export function openCase(db: Db, input: { id: string; title: string; actor: string; at: string; alertIds: string[] }): void {
  const title = input.title.trim();
  if (title === '') throw new UserError('title_required', 'a case needs a title', '案件名称不能为空');
  db.transaction(() => {
    if (sql(db).byId.get(input.id) !== undefined) throw new UserError('case_exists', `case ${input.id} exists`, `案件 ${input.id} 已存在`);
    sql(db).insert.run(input.id, title, input.actor, input.at);
    for (const alertId of input.alertIds) {
      if (sql(db).attach.run(input.id, alertId).changes !== 1) throw new UserError('not_found', `no alert ${alertId}`, `预警 ${alertId} 不存在`);
    }
    appendAudit(db, { at: input.at, actor: input.actor, action: 'risk.case.open', entity: 'risk_case', entityId: input.id, detail: { title, alertIds: input.alertIds } });
  })();
}

export function addAlertToCase(db: Db, input: { caseId: string; alertId: string; actor: string; at: string }): void {
  db.transaction(() => {
    openCaseRow(db, input.caseId);
    if (sql(db).attach.run(input.caseId, input.alertId).changes !== 1) throw new UserError('not_found', `no alert ${input.alertId}`, `预警 ${input.alertId} 不存在`);
    appendAudit(db, { at: input.at, actor: input.actor, action: 'risk.case.add_alert', entity: 'risk_case', entityId: input.caseId, detail: { alertId: input.alertId } });
  })();
}

export function addCaseNote(db: Db, input: { caseId: string; note: string; actor: string; at: string }): void {
  const note = input.note.trim();
  if (note === '') throw new UserError('note_required', 'a note cannot be empty', '备注不能为空');
  db.transaction(() => {
    openCaseRow(db, input.caseId);
    sql(db).note.run(input.caseId, input.at, input.actor, note);
    appendAudit(db, { at: input.at, actor: input.actor, action: 'risk.case.note', entity: 'risk_case', entityId: input.caseId, detail: { note } });
  })();
}

export function closeCase(db: Db, input: { caseId: string; actor: string; at: string; note: string }): void {
  db.transaction(() => {
    openCaseRow(db, input.caseId);
    addCaseNote(db, { caseId: input.caseId, note: input.note, actor: input.actor, at: input.at });
    sql(db).close.run(input.actor, input.at, input.caseId);
    appendAudit(db, { at: input.at, actor: input.actor, action: 'risk.case.close', entity: 'risk_case', entityId: input.caseId, detail: {} });
  })();
}

export function getCase(db: Db, caseId: string) {
  const row = sql(db).byId.get(caseId);
  if (row === undefined) return null;
  return {
    id: row.id,
    title: row.title,
    openedBy: row.opened_by,
    openedAt: row.opened_at,
    closedBy: row.closed_by,
    closedAt: row.closed_at,
    alertIds: sql(db).alerts.all(caseId).map((a) => a.id),
    notes: sql(db).notes.all(caseId),
  };
}
