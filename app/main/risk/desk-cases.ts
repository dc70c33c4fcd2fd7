import { preparedOnce, type Db } from '../store/open-database';
import type { RiskCaseSummary } from '../../shared/contract/handlers/risk';
import { getCase, openCase } from './case-store';

/** Case listings for the desk, and case numbers: RC-<business date>-<n>. */

interface Row {
  id: string;
  title: string;
  opened_by: string;
  opened_at: string;
  closed_by: string | null;
  closed_at: string | null;
  alert_count: number;
  attachment_count: number;
}

const SELECT = `SELECT c.*, (SELECT count(*) FROM risk_alerts a WHERE a.case_id = c.id) AS alert_count,
    (SELECT count(*) FROM risk_case_attachments f WHERE f.case_id = c.id) AS attachment_count
  FROM risk_cases c`;

/** Cases the list shows at most (open ones are few; closed ones are history). */
export const MAX_LISTED_CASES = 500;

const sql = preparedOnce((db) => ({
  list: db.prepare<[number, number], Row>(`${SELECT} WHERE (? = 1 OR c.closed_at IS NULL) ORDER BY c.opened_at DESC, c.id DESC LIMIT ?`),
  one: db.prepare<[string], Row>(`${SELECT} WHERE c.id = ?`),
  countPrefix: db.prepare<[string], number>("SELECT count(*) FROM risk_cases WHERE id LIKE ? || '%'").pluck(),
}));

const toSummary = (r: Row): RiskCaseSummary => ({
  id: r.id,
  title: r.title,
  openedBy: r.opened_by,
  openedAt: r.opened_at,
  closedBy: r.closed_by,
  closedAt: r.closed_at,
  alertCount: r.alert_count,
  attachmentCount: r.attachment_count,
});

export function listCaseSummaries(db: Db, includeClosed: boolean): RiskCaseSummary[] {
  return sql(db).list.all(includeClosed ? 1 : 0, MAX_LISTED_CASES).map(toSummary);
}

export function caseSummary(db: Db, caseId: string): RiskCaseSummary | null {
  const row = sql(db).one.get(caseId);
  return row === undefined ? null : toSummary(row);
}

/** Opens a case under the next number of the business date; returns its summary. */
export function openNumberedCase(db: Db, input: { businessDate: string; title: string; alertIds: string[]; actor: string; at: string }): RiskCaseSummary {
  return db.transaction(() => {
    const prefix = `RC-${input.businessDate.replaceAll('-', '')}-`;
    const id = `${prefix}${String((sql(db).countPrefix.get(prefix) ?? 0) + 1).padStart(3, '0')}`;
    openCase(db, { id, title: input.title, actor: input.actor, at: input.at, alertIds: input.alertIds });
    const summary = caseSummary(db, id);
    if (summary === null || getCase(db, id) === null) throw new Error(`case ${id} vanished after opening`);
    return summary;
  })();
}
