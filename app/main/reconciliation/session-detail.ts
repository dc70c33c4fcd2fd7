import type { ReconLine, ReconSessionDetail, ReconSessionRow, ReconSummary } from '../../shared/contract/handlers/recon';
import { formatAmount } from '../../shared/money';
import { DEFAULT_RULES } from '../../shared/recon';
import type { Db } from '../store/open-database';
import { type LineRecord, reconSql, requireSession, type SessionRecord } from './recon-store';

const money = (minor: bigint): string => formatAmount(minor, 'CNY');

/** Lines brought forward from an earlier day are not movements of this day's statement or books. */
const isCarriedIn = (line: LineRecord): boolean => line.carried_from !== null;

export function sessionRow(record: SessionRecord, openCount: number): ReconSessionRow {
  return {
    id: record.id,
    account: record.account,
    businessDate: record.business_date,
    currency: record.currency,
    status: record.status,
    openedBy: record.opened_by,
    openedAt: record.opened_at,
    closedBy: record.closed_by,
    closedAt: record.closed_at,
    openCount,
  };
}

/**
 * What proves the day: the statement is whole (opening + its movements = closing) and every
 * line is matched, written off with approval, carried forward, or an exception someone owns.
 */
export function summarise(session: SessionRecord, lines: readonly LineRecord[], differences: readonly bigint[], pendingWriteOffs: number): ReconSummary {
  let statementMovements = 0n;
  let booksMovements = 0n;
  let writtenOff = 0n;
  let carriedForward = 0n;
  let statementLines = 0;
  const counts = { books: {} as Record<string, number>, statement: {} as Record<string, number> };
  let openExceptions = 0;
  let unownedExceptions = 0;
  for (const line of lines) {
    counts[line.side][line.state] = (counts[line.side][line.state] ?? 0) + 1;
    if (line.side === 'statement' && !isCarriedIn(line)) {
      statementMovements += line.amount_minor;
      statementLines += 1;
    }
    if (line.side === 'books' && !isCarriedIn(line)) booksMovements += line.amount_minor;
    if (line.state === 'written_off') writtenOff += line.amount_minor;
    if (line.state === 'carried_forward') carriedForward += line.amount_minor;
    if (line.state === 'open') {
      openExceptions += 1;
      if (line.owner === null) unownedExceptions += 1;
    }
  }
  const computedClosing = session.opening_minor === null ? null : session.opening_minor + statementMovements;
  const blockers: ReconSummary['blockers'] = [];
  if (statementLines === 0 && session.closing_minor === null) blockers.push('no_statement');
  if (session.opening_minor === null) blockers.push('no_opening');
  if (session.closing_minor === null) blockers.push('no_closing');
  if (computedClosing !== null && session.closing_minor !== null && computedClosing !== session.closing_minor) blockers.push('unbalanced');
  if (unownedExceptions > 0) blockers.push('unowned_exceptions');
  if (pendingWriteOffs > 0) blockers.push('pending_write_offs');
  return {
    opening: session.opening_minor === null ? null : money(session.opening_minor),
    statementMovements: money(statementMovements),
    closing: session.closing_minor === null ? null : money(session.closing_minor),
    computedClosing: computedClosing === null ? null : money(computedClosing),
    booksMovements: money(booksMovements),
    matchedDifference: money(differences.reduce((a, b) => a + b, 0n)),
    writtenOff: money(writtenOff),
    carriedForward: money(carriedForward),
    counts,
    openExceptions,
    unownedExceptions,
    pendingWriteOffs,
    proven: blockers.length === 0,
    blockers,
  };
}

/**
 * For each open line, the open line of the other side with the same amount nearest in date (ties
 * by id): a hint for the clerk, never applied without one.
 */
function suggestions(lines: readonly LineRecord[]): Map<string, string> {
  const byAmount = new Map<string, LineRecord[]>();
  for (const line of lines) {
    if (line.state !== 'open') continue;
    const key = `${line.side}|${line.amount_minor}`;
    byAmount.set(key, [...(byAmount.get(key) ?? []), line]);
  }
  const out = new Map<string, string>();
  const dayDistance = (a: string, b: string) => Math.abs(Date.parse(`${a}T00:00:00Z`) - Date.parse(`${b}T00:00:00Z`));
  for (const line of lines) {
    if (line.state !== 'open') continue;
    const other = byAmount.get(`${line.side === 'books' ? 'statement' : 'books'}|${line.amount_minor}`);
    if (other === undefined) continue;
    const best = [...other].sort((a, b) => dayDistance(a.line_date, line.line_date) - dayDistance(b.line_date, line.line_date) || a.line_id.localeCompare(b.line_id))[0];
    if (best !== undefined) out.set(`${line.side}|${line.line_id}`, best.line_id);
  }
  return out;
}

function lineOut(line: LineRecord, suggestion: string | null): ReconLine {
  return {
    side: line.side,
    id: line.line_id,
    source: line.source,
    date: line.line_date,
    amount: money(line.amount_minor),
    currency: line.currency,
    reference: line.reference,
    endToEndId: line.end_to_end_id,
    counterparty: line.counterparty,
    description: line.description,
    state: line.state,
    matchId: line.match_id === null ? null : Number(line.match_id),
    owner: line.owner,
    note: line.note,
    reviewedBy: line.reviewed_by,
    reviewedAt: line.reviewed_at,
    suggestion,
  };
}

export function sessionDetail(db: Db, sessionId: string): ReconSessionDetail {
  const sql = reconSql(db);
  const session = requireSession(db, sessionId);
  const lines = sql.lines.all(sessionId);
  const matches = sql.matches.all(sessionId);
  const writeOffs = sql.writeOffs.all(sessionId);
  const members = new Map<bigint, { books: string[]; statement: string[] }>();
  for (const line of lines) {
    if (line.match_id === null) continue;
    const entry = members.get(line.match_id) ?? { books: [], statement: [] };
    entry[line.side].push(line.line_id);
    members.set(line.match_id, entry);
  }
  const hints = suggestions(lines);
  const pending = writeOffs.filter((w) => w.status === 'pending').length;
  const openCount = lines.filter((l) => l.state === 'open').length;
  return {
    session: sessionRow(session, openCount),
    summary: summarise(session, lines, matches.map((m) => m.difference_minor), pending),
    lines: lines.map((l) => lineOut(l, hints.get(`${l.side}|${l.line_id}`) ?? null)),
    matches: matches.map((m) => ({
      id: Number(m.id),
      kind: m.kind,
      rule: m.rule,
      score: m.score,
      difference: money(m.difference_minor),
      reason: m.reason,
      books: members.get(m.id)?.books ?? [],
      statement: members.get(m.id)?.statement ?? [],
      by: m.created_by,
      at: m.created_at,
    })),
    writeOffs: writeOffs.map((w) => ({
      id: Number(w.id),
      side: w.side,
      lineId: w.line_id,
      amount: money(w.amount_minor),
      reason: w.reason,
      status: w.status,
      proposedBy: w.proposed_by,
      proposedAt: w.proposed_at,
      decidedBy: w.decided_by,
      decidedAt: w.decided_at,
      decisionNote: w.decision_note,
    })),
    imports: sql.imports.all(sessionId).map((i) => ({
      hash: i.file_hash,
      side: i.side,
      format: i.format,
      fileName: i.file_name,
      lines: Number(i.line_count),
      by: i.imported_by,
      at: i.imported_at,
    })),
    toleranceAbsolute: money(BigInt(DEFAULT_RULES.feeTolerance.absoluteMinor)),
  };
}
