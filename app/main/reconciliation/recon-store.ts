import { preparedOnce, type Db } from '../store/open-database';
import { UserError } from '../user-error';
import type { StatementLine } from '../../shared/recon';

/**
 * The reconciliation tables, row by row. Every statement reads integers as bigint
 * (safeIntegers) so money never passes through a float; ids are turned back into numbers.
 */
export type Side = 'books' | 'statement';
export type LineState = 'open' | 'matched' | 'write_off_pending' | 'written_off' | 'carried_forward';

export interface SessionRecord {
  id: string;
  account: string;
  business_date: string;
  currency: string;
  opening_minor: bigint | null;
  closing_minor: bigint | null;
  status: 'open' | 'closed';
  opened_by: string;
  opened_at: string;
  closed_by: string | null;
  closed_at: string | null;
}

export interface LineRecord {
  session_id: string;
  side: Side;
  line_id: string;
  source: string;
  line_date: string;
  amount_minor: bigint;
  currency: string;
  reference: string | null;
  end_to_end_id: string | null;
  counterparty: string | null;
  description: string | null;
  import_hash: string | null;
  state: LineState;
  match_id: bigint | null;
  manual_only: bigint;
  owner: string | null;
  note: string | null;
  carried_from: string | null;
  reviewed_by: string | null;
  reviewed_at: string | null;
}

export interface MatchRecord {
  id: bigint;
  session_id: string;
  kind: 'auto' | 'manual';
  rule: string;
  score: number;
  difference_minor: bigint;
  reason: string | null;
  created_by: string;
  created_at: string;
}

export interface WriteOffRecord {
  id: bigint;
  session_id: string;
  side: Side;
  line_id: string;
  amount_minor: bigint;
  reason: string;
  status: 'pending' | 'approved' | 'refused';
  proposed_by: string;
  proposed_at: string;
  decided_by: string | null;
  decided_at: string | null;
  decision_note: string | null;
}

export interface ImportRecord {
  session_id: string;
  file_hash: string;
  side: Side;
  format: string;
  file_name: string | null;
  line_count: bigint;
  imported_by: string;
  imported_at: string;
}

export const reconSql = preparedOnce((db) => ({
  session: db.prepare<[string], SessionRecord>('SELECT * FROM recon_sessions WHERE id = ?').safeIntegers(),
  sessions: db.prepare<[], SessionRecord>('SELECT * FROM recon_sessions ORDER BY business_date DESC, account').safeIntegers(),
  openCounts: db
    .prepare<[], { session_id: string; n: bigint }>("SELECT session_id, count(*) AS n FROM recon_lines WHERE state = 'open' GROUP BY session_id")
    .safeIntegers(),
  insertSession: db.prepare(
    `INSERT INTO recon_sessions (id, account, business_date, currency, status, opened_by, opened_at)
     VALUES (@id, @account, @businessDate, @currency, 'open', @by, @at)`,
  ),
  setBalances: db.prepare('UPDATE recon_sessions SET opening_minor = @opening, closing_minor = @closing WHERE id = @id'),
  closeSession: db.prepare("UPDATE recon_sessions SET status = 'closed', closed_by = @by, closed_at = @at WHERE id = @id AND status = 'open'"),
  lines: db.prepare<[string], LineRecord>('SELECT * FROM recon_lines WHERE session_id = ? ORDER BY side, line_date, line_id').safeIntegers(),
  line: db.prepare<[string, string, string], LineRecord>('SELECT * FROM recon_lines WHERE session_id = ? AND side = ? AND line_id = ?').safeIntegers(),
  insertLine: db.prepare(
    `INSERT OR IGNORE INTO recon_lines (session_id, side, line_id, source, line_date, amount_minor, currency, reference,
       end_to_end_id, counterparty, description, import_hash, state, owner, note, carried_from)
     VALUES (@sessionId, @side, @lineId, @source, @date, @amountMinor, @currency, @reference, @endToEndId, @counterparty,
       @description, @importHash, 'open', @owner, @note, @carriedFrom)`,
  ),
  setLineState: db.prepare(
    'UPDATE recon_lines SET state = @state, match_id = @matchId WHERE session_id = @sessionId AND side = @side AND line_id = @lineId',
  ),
  setManualOnly: db.prepare('UPDATE recon_lines SET manual_only = 1 WHERE session_id = ? AND side = ? AND line_id = ?'),
  // A null note keeps the line's note (assigning an owner to a selection without rewriting notes).
  setOwnerNote: db.prepare('UPDATE recon_lines SET owner = @owner, note = coalesce(@note, note) WHERE session_id = @sessionId AND side = @side AND line_id = @lineId'),
  setReviewed: db.prepare('UPDATE recon_lines SET reviewed_by = @by, reviewed_at = @at WHERE session_id = @sessionId AND side = @side AND line_id = @lineId'),
  matches: db.prepare<[string], MatchRecord>('SELECT * FROM recon_matches WHERE session_id = ? ORDER BY id').safeIntegers(),
  match: db.prepare<[number], MatchRecord>('SELECT * FROM recon_matches WHERE id = ?').safeIntegers(),
  matchLines: db.prepare<[number], LineRecord>('SELECT * FROM recon_lines WHERE match_id = ? ORDER BY side, line_id').safeIntegers(),
  insertMatch: db.prepare(
    `INSERT INTO recon_matches (session_id, kind, rule, score, difference_minor, reason, created_by, created_at)
     VALUES (@sessionId, @kind, @rule, @score, @differenceMinor, @reason, @by, @at)`,
  ),
  deleteMatch: db.prepare('DELETE FROM recon_matches WHERE id = ?'),
  writeOffs: db.prepare<[string], WriteOffRecord>('SELECT * FROM recon_write_offs WHERE session_id = ? ORDER BY id').safeIntegers(),
  writeOff: db.prepare<[number], WriteOffRecord>('SELECT * FROM recon_write_offs WHERE id = ?').safeIntegers(),
  insertWriteOff: db.prepare(
    `INSERT INTO recon_write_offs (session_id, side, line_id, amount_minor, reason, status, proposed_by, proposed_at)
     VALUES (@sessionId, @side, @lineId, @amountMinor, @reason, 'pending', @by, @at)`,
  ),
  decideWriteOff: db.prepare(
    "UPDATE recon_write_offs SET status = @status, decided_by = @by, decided_at = @at, decision_note = @note WHERE id = @id AND status = 'pending'",
  ),
  imports: db.prepare<[string], ImportRecord>('SELECT * FROM recon_imports WHERE session_id = ? ORDER BY imported_at, file_hash').safeIntegers(),
  importByHash: db.prepare<[string, string, string], ImportRecord>('SELECT * FROM recon_imports WHERE session_id = ? AND side = ? AND file_hash = ?').safeIntegers(),
  insertImport: db.prepare(
    `INSERT INTO recon_imports (session_id, file_hash, side, format, file_name, line_count, imported_by, imported_at)
     VALUES (@sessionId, @hash, @side, @format, @fileName, @lines, @by, @at)`,
  ),
}));

export function reconSessionId(account: string, businessDate: string): string {
  return `${account}@${businessDate}`;
}

export function requireSession(db: Db, sessionId: string): SessionRecord {
  const session = reconSql(db).session.get(sessionId);
  if (session === undefined) throw new UserError('recon.no_session', `No reconciliation session ${sessionId}.`, `没有对账会话 ${sessionId}。`);
  return session;
}

/** A session that may still change: closed days are final. */
export function requireOpenSession(db: Db, sessionId: string): SessionRecord {
  const session = requireSession(db, sessionId);
  if (session.status !== 'open') {
    throw new UserError('recon.session_closed', `Session ${sessionId} is closed; nothing in it can change.`, `对账会话 ${sessionId} 已关闭，不能再修改。`);
  }
  return session;
}

export function requireLine(db: Db, sessionId: string, side: Side, lineId: string): LineRecord {
  const line = reconSql(db).line.get(sessionId, side, lineId);
  if (line === undefined) {
    const sideZh = side === 'books' ? '账簿' : '对账单';
    throw new UserError('recon.no_line', `No ${side} line ${lineId} in this session.`, `本会话中没有${sideZh}记录 ${lineId}。`);
  }
  return line;
}

/** Inserts lines not yet present (by session, side, id); returns how many were new. */
export function insertLines(
  db: Db,
  sessionId: string,
  side: Side,
  source: string,
  lines: readonly StatementLine[],
  extra: { importHash?: string; owner?: string | null; note?: string | null; carriedFrom?: string } = {},
): number {
  const insert = reconSql(db).insertLine;
  let added = 0;
  for (const line of lines) {
    const result = insert.run({
      sessionId,
      side,
      lineId: line.id,
      source,
      date: line.date,
      amountMinor: line.amountMinor,
      currency: line.currency,
      reference: line.reference,
      endToEndId: line.endToEndId,
      counterparty: line.counterparty,
      description: line.description,
      importHash: extra.importHash ?? null,
      owner: extra.owner ?? null,
      note: extra.note ?? null,
      carriedFrom: extra.carriedFrom ?? null,
    });
    added += result.changes;
  }
  return added;
}

export function recordToLine(line: LineRecord): StatementLine {
  return {
    id: line.line_id,
    date: line.line_date,
    amountMinor: line.amount_minor,
    currency: line.currency,
    reference: line.reference,
    endToEndId: line.end_to_end_id,
    counterparty: line.counterparty,
    description: line.description,
  };
}
