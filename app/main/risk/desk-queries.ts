import { preparedOnce, type Db } from '../store/open-database';
import { formatAmount } from '../../shared/money/format';
import type { RiskAlertRow } from '../../shared/contract/handlers/risk';
import type { AlertRecord, AlertStatus } from './alert-store';

/** Reads for the review desk: queue rows with their payment, a customer's recent history. */

/** Rows the queue grid holds at once (client-side model); more is a backlog to fix, and says so. */
export const MAX_DESK_ROWS = 1000;
/** Payments of the customer shown beside an alert. */
export const HISTORY_ROWS = 20;

const ACTIVE: readonly AlertStatus[] = ['open', 'escalated', 'pending_release', 'pending_reject'];

interface QueueRow {
  id: string;
  payment_id: string;
  created_at: string;
  sla_due_at: string;
  amount_minor: bigint;
  total_score: bigint;
  decision: RiskAlertRow['decision'];
  status: RiskAlertRow['status'];
  hits: string;
  screening: string;
  assignee: string | null;
  pending_by: string | null;
  case_id: string | null;
  closed_at: string | null;
  kind: string;
  debtor_name: string;
  creditor_name: string;
  payment_status: string;
}

const SELECT = `SELECT a.id, a.payment_id, a.created_at, a.sla_due_at, a.amount_minor, a.total_score, a.decision, a.status,
    a.hits, a.screening, a.assignee, a.pending_by, a.case_id, a.closed_at,
    p.kind, p.debtor_name, p.creditor_name, p.status AS payment_status
  FROM risk_alerts a JOIN payments p ON p.id = a.payment_id`;

const sql = preparedOnce((db) => ({
  // Active work oldest first (the SLA runs out first there); the queue index serves the status IN.
  active: db.prepare<[string, number], QueueRow>(`${SELECT} WHERE a.status IN (SELECT value FROM json_each(?)) ORDER BY a.created_at, a.id LIMIT ?`).safeIntegers(),
  closed: db.prepare<[number], QueueRow>(`${SELECT} WHERE a.status IN ('released', 'rejected') ORDER BY a.closed_at DESC, a.id DESC LIMIT ?`).safeIntegers(),
  one: db.prepare<[string], QueueRow>(`${SELECT} WHERE a.id = ?`).safeIntegers(),
  byCase: db.prepare<[string], QueueRow>(`${SELECT} WHERE a.case_id = ? ORDER BY a.created_at, a.id`).safeIntegers(),
  // The index payments (debtor_account, created_at) from migration 0023 serves this.
  history: db.prepare<[string, number], { id: string; created_at: string; amount_minor: bigint; status: string; creditor_name: string; to_id: string; alert_status: string | null; score: bigint | null }>(
    `SELECT p.id, p.created_at, p.amount_minor, p.status, p.creditor_name, p.to_id, a.status AS alert_status, a.total_score AS score
       FROM payments p LEFT JOIN risk_alerts a ON a.payment_id = p.id
      WHERE p.debtor_account = ? AND p.direction = 'out' ORDER BY p.created_at DESC LIMIT ?`,
  ).safeIntegers(),
  debtorOf: db.prepare<[string], string>('SELECT debtor_account FROM payments WHERE id = ?').pluck(),
}));

function toRow(r: QueueRow): RiskAlertRow {
  const hits = JSON.parse(r.hits) as { rule: string }[];
  const screening = JSON.parse(r.screening) as { score: number }[];
  return {
    id: r.id,
    paymentId: r.payment_id,
    createdAt: r.created_at,
    slaDueAt: r.sla_due_at,
    amount: formatAmount(BigInt(r.amount_minor), 'CNY'),
    score: Number(r.total_score),
    decision: r.decision,
    status: r.status,
    rules: hits.map((h) => h.rule),
    bestMatch: screening.length === 0 ? null : Math.max(...screening.map((s) => s.score)),
    assignee: r.assignee,
    pendingBy: r.pending_by,
    caseId: r.case_id,
    closedAt: r.closed_at,
    kind: r.kind,
    debtorName: r.debtor_name,
    creditorName: r.creditor_name,
    paymentStatus: r.payment_status,
  };
}

export function deskQueue(db: Db, view: 'active' | 'mine' | 'closed', username: string): { rows: RiskAlertRow[]; truncated: boolean } {
  const raw = view === 'closed' ? sql(db).closed.all(MAX_DESK_ROWS + 1) : sql(db).active.all(JSON.stringify(ACTIVE), MAX_DESK_ROWS + 1);
  const truncated = raw.length > MAX_DESK_ROWS;
  let rows = raw.slice(0, MAX_DESK_ROWS).map(toRow);
  if (view === 'mine') rows = rows.filter((r) => r.assignee === username);
  return { rows, truncated };
}

export function deskRow(db: Db, alertId: string): RiskAlertRow | null {
  const row = sql(db).one.get(alertId);
  return row === undefined ? null : toRow(row);
}

export function deskRowOf(db: Db, alert: AlertRecord): RiskAlertRow {
  const row = deskRow(db, alert.id);
  if (row === null) throw new Error(`alert ${alert.id} vanished`);
  return row;
}

export function caseAlertRows(db: Db, caseId: string): RiskAlertRow[] {
  return sql(db).byCase.all(caseId).map(toRow);
}

/** The debtor's latest payments (this one included), newest first. */
export function customerHistory(db: Db, paymentId: string) {
  const account = sql(db).debtorOf.get(paymentId);
  if (account === undefined) return [];
  return sql(db).history.all(account, HISTORY_ROWS).map((h) => ({
    id: h.id,
    createdAt: h.created_at,
    amount: formatAmount(BigInt(h.amount_minor), 'CNY'),
    status: h.status,
    creditorName: h.creditor_name,
    to: h.to_id,
    alertStatus: h.alert_status,
    score: h.score === null ? null : Number(h.score),
  }));
}
