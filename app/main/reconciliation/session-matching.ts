import { formatAmount } from '../../shared/money';
import { DEFAULT_RULES, reconcile } from '../../shared/recon';
import { appendAudit } from '../audit/audit-log';
import type { Db } from '../store/open-database';
import { UserError } from '../user-error';
import { type LineRecord, reconSql, recordToLine, requireLine, requireOpenSession } from './recon-store';
import { withCycles } from './house-statement';
import type { Actor } from './session-open-import';

function recordMatch(
  db: Db,
  sessionId: string,
  lines: readonly LineRecord[],
  match: { kind: 'auto' | 'manual'; rule: string; score: number; reason: string | null },
  actor: Actor,
): number {
  const sql = reconSql(db);
  const differenceMinor = lines.reduce((sum, l) => (l.side === 'statement' ? sum + l.amount_minor : sum - l.amount_minor), 0n);
  const id = Number(sql.insertMatch.run({ sessionId, ...match, differenceMinor, by: actor.by, at: actor.at }).lastInsertRowid);
  for (const line of lines) {
    // A line matched twice is a bug: the state check below keeps it from ever happening quietly.
    if (line.state !== 'open') throw new Error(`recon: line ${line.side}/${line.line_id} is ${line.state}, cannot be matched`);
    sql.setLineState.run({ sessionId, side: line.side, lineId: line.line_id, state: 'matched', matchId: id });
  }
  appendAudit(db, {
    at: actor.at,
    actor: actor.by,
    action: match.kind === 'auto' ? 'recon.auto_matched' : 'recon.matched',
    entity: 'recon_session',
    entityId: sessionId,
    detail: {
      matchId: id,
      rule: match.rule,
      score: match.score,
      books: lines.filter((l) => l.side === 'books').map((l) => l.line_id),
      statement: lines.filter((l) => l.side === 'statement').map((l) => l.line_id),
      difference: formatAmount(differenceMinor, 'CNY'),
      reason: match.reason,
    },
  });
  return id;
}

/**
 * Runs the shared engine over the open lines a person has not taken over. Deterministic and
 * only ever adding matches between open lines, so running it again adds nothing.
 */
export function autoMatch(db: Db, sessionId: string, actor: Actor): number {
  requireOpenSession(db, sessionId);
  let added = 0;
  db.transaction(() => {
    const open = reconSql(db)
      .lines.all(sessionId)
      .filter((l) => l.state === 'open' && l.manual_only === 0n);
    const bySide = { books: new Map<string, LineRecord>(), statement: new Map<string, LineRecord>() };
    for (const line of open) bySide[line.side].set(line.line_id, line);
    const session = requireOpenSession(db, sessionId);
    // The house's cycle of each payment and of each net line: a cycle's net settles its payments.
    const sides = (side: 'books' | 'statement') => {
      const records = [...bySide[side].values()];
      return withCycles(db, session.business_date, side, records.map(recordToLine), new Map(records.map((r) => [r.line_id, r.source])));
    };
    const result = reconcile(sides('books'), sides('statement'), {});
    for (const m of result.matches) {
      const lines = [...m.books.map((id) => bySide.books.get(id)), ...m.statement.map((id) => bySide.statement.get(id))];
      if (lines.some((l) => l === undefined)) throw new Error('recon: the engine returned a line it was not given');
      recordMatch(db, sessionId, lines as LineRecord[], { kind: 'auto', rule: m.rule, score: m.score, reason: null }, actor);
      added += 1;
    }
  })();
  return added;
}

/** What a manual match may leave unexplained: the engine's fee allowance for this amount. */
export function manualTolerance(booksMinor: bigint): bigint {
  const magnitude = booksMinor < 0n ? -booksMinor : booksMinor;
  const relative = (magnitude * BigInt(DEFAULT_RULES.feeTolerance.relativeBasisPoints)) / 10_000n;
  const absolute = BigInt(DEFAULT_RULES.feeTolerance.absoluteMinor);
  return relative < absolute ? relative : absolute;
}

/**
 * A person's match of any open lines on both sides. It must net to zero, or leave a difference
 * within the fee tolerance with a reason written down.
 */
export function matchByHand(db: Db, input: { sessionId: string; books: string[]; statement: string[]; reason?: string | undefined }, actor: Actor): number {
  requireOpenSession(db, input.sessionId);
  let id = 0;
  db.transaction(() => {
    const lines = [
      ...[...new Set(input.books)].map((l) => requireLine(db, input.sessionId, 'books', l)),
      ...[...new Set(input.statement)].map((l) => requireLine(db, input.sessionId, 'statement', l)),
    ];
    const taken = lines.find((l) => l.state !== 'open');
    if (taken !== undefined) {
      throw new UserError('recon.not_open', `Line ${taken.line_id} is already ${taken.state.replace(/_/g, ' ')}.`, `记录 ${taken.line_id} 已处理（${taken.state}），不能再匹配。`);
    }
    const books = lines.filter((l) => l.side === 'books').reduce((s, l) => s + l.amount_minor, 0n);
    const statement = lines.filter((l) => l.side === 'statement').reduce((s, l) => s + l.amount_minor, 0n);
    const difference = statement - books;
    const reason = input.reason?.trim() ? input.reason.trim() : null;
    if (difference !== 0n) {
      const tolerance = manualTolerance(books);
      const magnitude = difference < 0n ? -difference : difference;
      if (magnitude > tolerance) {
        throw new UserError('recon.difference_too_large', `The lines differ by ${formatAmount(difference, 'CNY')}, more than the tolerance ${formatAmount(tolerance, 'CNY')}.`, `所选记录相差 ${formatAmount(difference, 'CNY')}，超过容差 ${formatAmount(tolerance, 'CNY')}。`);
      }
      if (reason === null) {
        throw new UserError('recon.reason_required', `The lines differ by ${formatAmount(difference, 'CNY')}: give a reason to match them.`, `所选记录相差 ${formatAmount(difference, 'CNY')}，请填写差异原因。`);
      }
    }
    id = recordMatch(db, input.sessionId, lines, { kind: 'manual', rule: difference === 0n ? 'manual' : 'manual-difference', score: 1, reason }, actor);
  })();
  return id;
}

/** Undoes a match. Its lines become open and auto-match leaves them to people from then on. */
export function unmatch(db: Db, sessionId: string, matchId: number, actor: Actor): void {
  requireOpenSession(db, sessionId);
  db.transaction(() => {
    const sql = reconSql(db);
    const match = sql.match.get(matchId);
    if (match === undefined || match.session_id !== sessionId) throw new UserError('recon.no_match', `No match ${matchId} in this session.`, `本会话中没有匹配 ${matchId}。`);
    const lines = sql.matchLines.all(matchId);
    for (const line of lines) {
      sql.setLineState.run({ sessionId, side: line.side, lineId: line.line_id, state: 'open', matchId: null });
      sql.setManualOnly.run(sessionId, line.side, line.line_id);
    }
    sql.deleteMatch.run(matchId);
    appendAudit(db, {
      at: actor.at,
      actor: actor.by,
      action: 'recon.unmatched',
      entity: 'recon_session',
      entityId: sessionId,
      detail: { matchId, rule: match.rule, kind: match.kind, lines: lines.map((l) => `${l.side}:${l.line_id}`) },
    });
  })();
}
