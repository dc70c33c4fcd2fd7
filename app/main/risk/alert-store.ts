import { appendAudit } from '../audit/audit-log';
import { preparedOnce, type Db } from '../store/open-database';
import { UserError } from '../user-error';
import type { RiskEvaluation } from '../../shared/risk/rules/evaluate-payment';
import type { RuleHit } from '../../shared/risk/rules/rule-hit';

/**
 * The risk officer's alert queue. A payment scored review, hold or reject gets one alert; the
 * payment may leave only when its alert is released (paymentRiskGate). Decisions carry a note,
 * are kept in order and audited; above the four-eyes amount a release or reject waits for a
 * second officer, never the same person.
 */
export const ALERT_STATUSES = ['open', 'escalated', 'pending_release', 'pending_reject', 'released', 'rejected'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];
export type AlertAction = 'escalate' | 'release' | 'reject' | 'confirm' | 'refuse';

/** What the screening found, as kept for the detail pane (names side by side). */
export interface AlertScreeningMatch {
  party: 'debtor' | 'creditor';
  query: string;
  list: string;
  id: string;
  name: string;
  matchedName: string;
  score: number;
  tokens: { query: string; listed: string; similarity: number }[];
}

export interface AlertRecord {
  id: string;
  paymentId: string;
  createdAt: string;
  slaDueAt: string;
  amountMinor: bigint;
  ruleSetVersion: number;
  totalScore: number;
  decision: 'review' | 'hold' | 'reject';
  hits: RuleHit[];
  screening: AlertScreeningMatch[];
  status: AlertStatus;
  pendingBy: string | null;
  assignee: string | null;
  caseId: string | null;
  closedAt: string | null;
}

interface Row {
  id: string;
  payment_id: string;
  created_at: string;
  sla_due_at: string;
  amount_minor: bigint;
  rule_set_version: bigint;
  total_score: bigint;
  decision: AlertRecord['decision'];
  hits: string;
  screening: string;
  status: AlertStatus;
  pending_by: string | null;
  assignee: string | null;
  case_id: string | null;
  closed_at: string | null;
}

/** Most alerts a queue page returns; the grid asks for the next page by keyset. */
export const MAX_QUEUE_PAGE = 500;

const sql = preparedOnce((db) => ({
  byId: db.prepare<[string], Row>('SELECT * FROM risk_alerts WHERE id = ?').safeIntegers(),
  byPayment: db.prepare<[string], Row>('SELECT * FROM risk_alerts WHERE payment_id = ?').safeIntegers(),
  insert: db.prepare(
    `INSERT INTO risk_alerts (id, payment_id, created_at, sla_due_at, amount_minor, rule_set_version, total_score, decision, hits, screening, status)
     VALUES (@id, @paymentId, @createdAt, @slaDueAt, @amountMinor, @ruleSetVersion, @totalScore, @decision, @hits, @screening, 'open')`,
  ),
  assign: db.prepare('UPDATE risk_alerts SET assignee = ? WHERE id = ?'),
  decisions: db.prepare<[string], { at: string; actor: string; action: AlertAction; status_after: AlertStatus; note: string }>(
    'SELECT at, actor, action, status_after, note FROM risk_alert_decisions WHERE alert_id = ? ORDER BY seq',
  ),
  // Keyset page of the queue: (created_at, id) after the cursor, in the statuses asked for.
  page: db.prepare<[string, string, string, string, number], Row>(
    `SELECT * FROM risk_alerts WHERE status IN (SELECT value FROM json_each(?))
       AND (created_at > ? OR (created_at = ? AND id > ?)) ORDER BY created_at, id LIMIT ?`,
  ).safeIntegers(),
}));

function toRecord(row: Row): AlertRecord {
  return {
    id: row.id,
    paymentId: row.payment_id,
    createdAt: row.created_at,
    slaDueAt: row.sla_due_at,
    amountMinor: BigInt(row.amount_minor),
    ruleSetVersion: Number(row.rule_set_version),
    totalScore: Number(row.total_score),
    decision: row.decision,
    hits: JSON.parse(row.hits) as RuleHit[],
    screening: JSON.parse(row.screening) as AlertScreeningMatch[],
    status: row.status,
    pendingBy: row.pending_by,
    assignee: row.assignee,
    caseId: row.case_id,
    closedAt: row.closed_at,
  };
}

export interface RaiseAlertInput {
  paymentId: string;
  amountMinor: bigint;
  evaluation: RiskEvaluation;
  screening: AlertScreeningMatch[];
  at: string;
  /** Minutes the officer has to decide (the SLA countdown on the queue). */
  slaMinutes: number;
  actor: string;
}

/** Opens the alert for a payment scored review, hold or reject; a pass raises nothing (null). */
export function raiseAlert(db: Db, input: RaiseAlertInput): AlertRecord | null {
  const { evaluation } = input;
  if (evaluation.decision === 'pass') return null;
  if (evaluation.paymentId !== input.paymentId) throw new Error(`raiseAlert: evaluation is for ${evaluation.paymentId}, not ${input.paymentId}`);
  const createdMs = Date.parse(input.at);
  if (Number.isNaN(createdMs) || !(input.slaMinutes > 0)) throw new Error('raiseAlert: bad time or SLA');
  return db.transaction(() => {
    if (sql(db).byPayment.get(input.paymentId) !== undefined) {
      throw new UserError('alert_exists', `payment ${input.paymentId} already has an alert`, `付款 ${input.paymentId} 已有预警`);
    }
    const id = `RA-${input.paymentId}`;
    sql(db).insert.run({
      id,
      paymentId: input.paymentId,
      createdAt: input.at,
      slaDueAt: new Date(createdMs + input.slaMinutes * 60_000).toISOString(),
      amountMinor: input.amountMinor,
      ruleSetVersion: evaluation.ruleSetVersion,
      totalScore: evaluation.total,
      decision: evaluation.decision,
      hits: JSON.stringify(evaluation.hits),
      screening: JSON.stringify(input.screening),
    });
    appendAudit(db, {
      at: input.at,
      actor: input.actor,
      action: 'risk.alert.raise',
      entity: 'risk_alert',
      entityId: id,
      detail: { paymentId: input.paymentId, decision: evaluation.decision, total: evaluation.total, rules: evaluation.hits.map((h) => h.rule) },
    });
    return toRecord(sql(db).byId.get(id) as Row);
  })();
}

export function getAlert(db: Db, id: string): AlertRecord | null {
  const row = sql(db).byId.get(id);
  return row === undefined ? null : toRecord(row);
}

export function alertForPayment(db: Db, paymentId: string): AlertRecord | null {
  const row = sql(db).byPayment.get(paymentId);
  return row === undefined ? null : toRecord(row);
}

/**
 * Whether a payment may go on to the outbox: `clear` with no alert or a released one,
 * `rejected` when the officer rejected it, `held` otherwise (open, escalated, awaiting the
 * second officer). The flow must check this before a payment leaves.
 */
export function paymentRiskGate(db: Db, paymentId: string): 'clear' | 'held' | 'rejected' {
  const alert = alertForPayment(db, paymentId);
  if (alert === null || alert.status === 'released') return 'clear';
  return alert.status === 'rejected' ? 'rejected' : 'held';
}

export function alertDecisions(db: Db, alertId: string) {
  return sql(db).decisions.all(alertId).map((d) => ({ at: d.at, actor: d.actor, action: d.action, statusAfter: d.status_after, note: d.note }));
}

export interface QueueCursor {
  createdAt: string;
  id: string;
}

/** A page of the queue, oldest first; pass the last row's (createdAt, id) for the next page. */
export function listAlertQueue(db: Db, options: { statuses?: readonly AlertStatus[]; after?: QueueCursor; limit?: number } = {}): AlertRecord[] {
  const statuses = options.statuses ?? ['open', 'escalated', 'pending_release', 'pending_reject'];
  const limit = Math.min(options.limit ?? 100, MAX_QUEUE_PAGE);
  const after = options.after ?? { createdAt: '', id: '' };
  return sql(db).page.all(JSON.stringify(statuses), after.createdAt, after.createdAt, after.id, limit).map(toRecord);
}

export function assignAlert(db: Db, input: { alertId: string; assignee: string | null; actor: string; at: string }): void {
  db.transaction(() => {
    const alert = sql(db).byId.get(input.alertId);
    if (alert === undefined) throw new UserError('not_found', `no alert ${input.alertId}`, `预警 ${input.alertId} 不存在`);
    sql(db).assign.run(input.assignee, input.alertId);
    appendAudit(db, { at: input.at, actor: input.actor, action: 'risk.alert.assign', entity: 'risk_alert', entityId: input.alertId, detail: { assignee: input.assignee } });
  })();
}

