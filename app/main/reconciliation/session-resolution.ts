import { addWorkingDays } from '../../shared/domain/calendar';
import { workingCalendar } from '../settings/working-calendar';
import { formatAmount } from '../../shared/money';
import { appendAudit } from '../audit/audit-log';
import type { Db } from '../store/open-database';
import { UserError } from '../user-error';
import { insertLines, type LineRecord, reconSessionId, reconSql, recordToLine, requireLine, requireOpenSession, type Side } from './recon-store';
import { sessionDetail } from './session-detail';
import { type Actor, openSession } from './session-open-import';

function requireOpenLine(db: Db, sessionId: string, side: Side, lineId: string): LineRecord {
  const line = requireLine(db, sessionId, side, lineId);
  if (line.state !== 'open') {
    throw new UserError('recon.not_open', `Line ${lineId} is already ${line.state.replace(/_/g, ' ')}.`, `记录 ${lineId} 已处理（${line.state}）。`);
  }
  return line;
}

/** A recon clerk proposes writing a line off; it stays pending until a supervisor decides. */
export function proposeWriteOff(db: Db, input: { sessionId: string; side: Side; lineId: string; reason: string }, actor: Actor): number {
  requireOpenSession(db, input.sessionId);
  let id = 0;
  db.transaction(() => {
    const line = requireOpenLine(db, input.sessionId, input.side, input.lineId);
    const sql = reconSql(db);
    id = Number(sql.insertWriteOff.run({ sessionId: input.sessionId, side: input.side, lineId: input.lineId, amountMinor: line.amount_minor, reason: input.reason, by: actor.by, at: actor.at }).lastInsertRowid);
    sql.setLineState.run({ sessionId: input.sessionId, side: input.side, lineId: input.lineId, state: 'write_off_pending', matchId: null });
    appendAudit(db, {
      at: actor.at,
      actor: actor.by,
      action: 'recon.write_off_proposed',
      entity: 'recon_session',
      entityId: input.sessionId,
      detail: { writeOffId: id, side: input.side, lineId: input.lineId, amount: formatAmount(line.amount_minor, 'CNY'), reason: input.reason },
    });
  })();
  return id;
}

/** Maker-checker: a supervisor other than the proposer approves (line written off) or refuses (line open again). */
export function decideWriteOff(db: Db, input: { sessionId: string; writeOffId: number; approve: boolean; note?: string | undefined }, actor: Actor): void {
  requireOpenSession(db, input.sessionId);
  db.transaction(() => {
    const sql = reconSql(db);
    const writeOff = sql.writeOff.get(input.writeOffId);
    if (writeOff === undefined || writeOff.session_id !== input.sessionId) {
      throw new UserError('recon.no_write_off', `No write-off ${input.writeOffId} in this session.`, `本会话中没有核销申请 ${input.writeOffId}。`);
    }
    if (writeOff.status !== 'pending') throw new UserError('recon.write_off_decided', 'This write-off has already been decided.', '该核销申请已处理。');
    if (writeOff.proposed_by === actor.by) {
      throw new UserError('recon.maker_cannot_approve', 'The person who proposed a write-off cannot approve it.', '核销申请人不能自行审批。');
    }
    const note = input.note?.trim() ? input.note.trim() : null;
    sql.decideWriteOff.run({ id: input.writeOffId, status: input.approve ? 'approved' : 'refused', by: actor.by, at: actor.at, note });
    sql.setLineState.run({ sessionId: input.sessionId, side: writeOff.side, lineId: writeOff.line_id, state: input.approve ? 'written_off' : 'open', matchId: null });
    appendAudit(db, {
      at: actor.at,
      actor: actor.by,
      action: input.approve ? 'recon.write_off_approved' : 'recon.write_off_refused',
      entity: 'recon_session',
      entityId: input.sessionId,
      detail: { writeOffId: input.writeOffId, side: writeOff.side, lineId: writeOff.line_id, amount: formatAmount(writeOff.amount_minor, 'CNY'), proposedBy: writeOff.proposed_by, note },
    });
  })();
}

/**
 * Moves open lines to the next working day's session of the same account (opened if need be),
 * keeping their owner and note; this day records them as carried forward.
 */
export function carryForward(db: Db, input: { sessionId: string; side: Side; lineIds: string[]; note?: string | undefined }, actor: Actor): string {
  const session = requireOpenSession(db, input.sessionId);
  const nextDate = addWorkingDays(session.business_date, 1, workingCalendar(db));
  const nextId = reconSessionId(session.account, nextDate);
  db.transaction(() => {
    openSession(db, { businessDate: nextDate, account: session.account }, actor);
    requireOpenSession(db, nextId);
    const sql = reconSql(db);
    for (const lineId of [...new Set(input.lineIds)]) {
      const line = requireOpenLine(db, input.sessionId, input.side, lineId);
      const note = input.note ?? line.note;
      insertLines(db, nextId, input.side, line.source, [recordToLine(line)], { owner: line.owner ?? actor.by, note, carriedFrom: input.sessionId });
      sql.setLineState.run({ sessionId: input.sessionId, side: input.side, lineId, state: 'carried_forward', matchId: null });
      if (input.note !== undefined) sql.setOwnerNote.run({ sessionId: input.sessionId, side: input.side, lineId, owner: line.owner ?? actor.by, note: input.note });
      appendAudit(db, {
        at: actor.at,
        actor: actor.by,
        action: 'recon.carried_forward',
        entity: 'recon_session',
        entityId: input.sessionId,
        detail: { side: input.side, lineId, amount: formatAmount(line.amount_minor, 'CNY'), to: nextId, note },
      });
    }
  })();
  return nextId;
}

/**
 * Gives exceptions an owner and a note (the owner defaults to whoever writes the note). Without
 * a note it only assigns the owner (bulk "assign owner"), keeping each line's note.
 */
export function noteExceptions(db: Db, input: { sessionId: string; side: Side; lineIds: string[]; owner?: string | undefined; note?: string | undefined }, actor: Actor): void {
  requireOpenSession(db, input.sessionId);
  if (input.note === undefined && input.owner === undefined) {
    throw new UserError('validation', 'Give an owner or a note.', '请填写负责人或说明。');
  }
  db.transaction(() => {
    for (const lineId of [...new Set(input.lineIds)]) {
      requireLine(db, input.sessionId, input.side, lineId);
      const owner = input.owner ?? actor.by;
      const note = input.note ?? null;
      reconSql(db).setOwnerNote.run({ sessionId: input.sessionId, side: input.side, lineId, owner, note });
      appendAudit(db, { at: actor.at, actor: actor.by, action: 'recon.exception_noted', entity: 'recon_session', entityId: input.sessionId, detail: { side: input.side, lineId, owner, note } });
    }
  })();
}

/**
 * Marks open lines reviewed (issue 16's bulk action): a person looked at each and leaves it open
 * on purpose. Only open lines: a matched or written-off line has nothing left to review.
 */
export function reviewExceptions(db: Db, input: { sessionId: string; side: Side; lineIds: string[] }, actor: Actor): void {
  requireOpenSession(db, input.sessionId);
  db.transaction(() => {
    for (const lineId of [...new Set(input.lineIds)]) {
      requireOpenLine(db, input.sessionId, input.side, lineId);
      reconSql(db).setReviewed.run({ sessionId: input.sessionId, side: input.side, lineId, by: actor.by, at: actor.at });
      appendAudit(db, { at: actor.at, actor: actor.by, action: 'recon.exception_reviewed', entity: 'recon_session', entityId: input.sessionId, detail: { side: input.side, lineId } });
    }
  })();
}

/**
 * Closes a proven day. Owned exceptions still open move to the next working day with their
 * owner and note, so a closed day holds nothing open and nothing is forgotten.
 */
export function closeSession(db: Db, sessionId: string, actor: Actor): void {
  requireOpenSession(db, sessionId);
  const detail = sessionDetail(db, sessionId);
  if (!detail.summary.proven) {
    throw new UserError('recon.not_proven', `The day is not proven yet (${detail.summary.blockers.join(', ')}).`, `当日对账尚未平衡或仍有未处理事项（${detail.summary.blockers.join('，')}），不能关闭。`);
  }
  db.transaction(() => {
    for (const side of ['books', 'statement'] as const) {
      const open = detail.lines.filter((l) => l.side === side && l.state === 'open').map((l) => l.id);
      if (open.length > 0) carryForward(db, { sessionId, side, lineIds: open }, actor);
    }
    reconSql(db).closeSession.run({ id: sessionId, by: actor.by, at: actor.at });
    const s = detail.summary;
    appendAudit(db, {
      at: actor.at,
      actor: actor.by,
      action: 'recon.session_closed',
      entity: 'recon_session',
      entityId: sessionId,
      detail: { opening: s.opening, statementMovements: s.statementMovements, closing: s.closing, writtenOff: s.writtenOff, carriedForward: s.carriedForward, matches: detail.matches.length, openExceptionsCarried: s.openExceptions },
    });
  })();
}
