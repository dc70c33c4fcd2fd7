import type { StatementLine } from '../../shared/recon';
import { appendAudit } from '../audit/audit-log';
import { selfParticipant } from '../settings/participants';
import { preparedOnce, type Db } from '../store/open-database';
import { UserError } from '../user-error';
import { readHouseStatement } from './house-statement';
import { readReconFile } from './read-recon-file';
import { insertLines, reconSessionId, reconSql, requireOpenSession, type Side } from './recon-store';

/** Who does it and when: every change is audited under this actor at this time. */
export interface Actor {
  by: string;
  at: string;
}

const CURRENCY = 'CNY';

const sql = preparedOnce((db) => ({
  // The console's own payments that moved money on our settlement account that day.
  settledPayments: db
    .prepare<[string], { id: string; direction: 'in' | 'out'; amount_minor: bigint; currency: string; counterparty_name: string; purpose: string; business_date: string }>(
      `SELECT id, direction, amount_minor, currency, counterparty_name, purpose, business_date FROM payments
       WHERE business_date = ? AND status IN ('settled', 'netted') ORDER BY id`,
    )
    .safeIntegers(),
  hasHouseFeed: db.prepare<[], number>("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'house_statement_entries'").pluck(),
}));

/** Opens (or returns) the session of an account and date, with the day's payments as its books. */
export function openSession(db: Db, input: { businessDate: string; account?: string | undefined }, actor: Actor): string {
  const own = selfParticipant(db).bankCode;
  const account = input.account ?? own;
  const id = reconSessionId(account, input.businessDate);
  db.transaction(() => {
    if (reconSql(db).session.get(id) !== undefined) return;
    reconSql(db).insertSession.run({ id, account, businessDate: input.businessDate, currency: CURRENCY, by: actor.by, at: actor.at });
    appendAudit(db, { at: actor.at, actor: actor.by, action: 'recon.session_opened', entity: 'recon_session', entityId: id, detail: { account, businessDate: input.businessDate } });
    if (account === own) loadPaymentBooks(db, id, input.businessDate, actor);
  })();
  return id;
}

/**
 * Books from the payments table: an incoming payment credits our account (+), an outgoing one
 * debits it (-). Keyed by payment id, so loading again only adds payments settled since.
 */
export function loadPaymentBooks(db: Db, sessionId: string, businessDate: string, actor: Actor): number {
  const lines: StatementLine[] = sql(db)
    .settledPayments.all(businessDate)
    .map((p) => ({
      id: p.id,
      date: p.business_date,
      amountMinor: p.direction === 'in' ? p.amount_minor : -p.amount_minor,
      currency: p.currency,
      reference: p.id,
      endToEndId: p.id,
      counterparty: p.counterparty_name,
      description: p.purpose,
    }));
  const added = insertLines(db, sessionId, 'books', 'payments', lines);
  if (added > 0) appendAudit(db, { at: actor.at, actor: actor.by, action: 'recon.books_loaded', entity: 'recon_session', entityId: sessionId, detail: { source: 'payments', added } });
  return added;
}

export interface ImportOutcome {
  added: number;
  duplicateFile: boolean;
  format: string;
}

/**
 * Imports a file's lines. The same file again (by SHA-256) changes nothing; lines are keyed by
 * id so an overlapping file adds only what is new. A file of another account, another currency,
 * or with balances that contradict those already known is refused whole.
 */
export function importFile(db: Db, input: { sessionId: string; side: Side; content: string; fileName?: string | undefined }, actor: Actor): ImportOutcome {
  const session = requireOpenSession(db, input.sessionId);
  const file = readReconFile(input.content, input.side);
  if (reconSql(db).importByHash.get(input.sessionId, input.side, file.hash) !== undefined) return { added: 0, duplicateFile: true, format: file.format };
  const norm = (a: string) => a.replace(/\s+/g, '').toUpperCase();
  if (file.account !== null && norm(file.account) !== norm(session.account)) {
    throw new UserError('recon.wrong_account', `The statement is for account ${file.account}, not ${session.account}.`, `该对账单属于账户 ${file.account}，不是本会话的账户 ${session.account}。`);
  }
  const foreign = file.lines.find((l) => l.currency !== session.currency);
  if (foreign !== undefined) {
    throw new UserError('recon.wrong_currency', `Line ${foreign.id} is in ${foreign.currency}; this session is in ${session.currency}.`, `记录 ${foreign.id} 的币种为 ${foreign.currency}，本会话币种为 ${session.currency}。`);
  }
  const conflict = (known: bigint | null, given: bigint | null) => known !== null && given !== null && known !== given;
  if (conflict(session.opening_minor, file.openingMinor) || conflict(session.closing_minor, file.closingMinor)) {
    throw new UserError('recon.balance_conflict', 'The file’s opening or closing balance differs from the statement already imported.', '该文件的期初或期末余额与已导入的对账单不一致。');
  }
  let added = 0;
  db.transaction(() => {
    added = insertLines(db, input.sessionId, input.side, file.format, file.lines, { importHash: file.hash });
    reconSql(db).insertImport.run({ sessionId: input.sessionId, hash: file.hash, side: input.side, format: file.format, fileName: input.fileName ?? null, lines: file.lines.length, by: actor.by, at: actor.at });
    if (file.openingMinor !== null || file.closingMinor !== null) {
      reconSql(db).setBalances.run({ id: input.sessionId, opening: session.opening_minor ?? file.openingMinor, closing: session.closing_minor ?? file.closingMinor });
    }
    appendAudit(db, {
      at: actor.at,
      actor: actor.by,
      action: 'recon.file_imported',
      entity: 'recon_session',
      entityId: input.sessionId,
      detail: { side: input.side, format: file.format, fileName: input.fileName ?? null, sha256: file.hash, lines: file.lines.length, added },
    });
  })();
  return { added, duplicateFile: false, format: file.format };
}

/**
 * The house's statement for the date as the sync link has it (house-statement.ts): an entry per
 * RTGS payment, a net entry per DNS cycle, liquidity moves; its closing row gives the opening
 * and closing balances. Lines are keyed by id, so fetching again adds only what is new.
 */
export function importHouseStatement(db: Db, sessionId: string, actor: Actor): ImportOutcome {
  const session = requireOpenSession(db, sessionId);
  if (sql(db).hasHouseFeed.get() !== 1) return { added: 0, duplicateFile: false, format: 'house' };
  const house = readHouseStatement(db, session.business_date, session.currency);
  let added = 0;
  db.transaction(() => {
    added = insertLines(db, sessionId, 'statement', 'house', house.lines);
    if (house.closingMinor !== null && (session.closing_minor === null || session.opening_minor === null)) {
      reconSql(db).setBalances.run({ id: sessionId, opening: session.opening_minor ?? house.openingMinor, closing: session.closing_minor ?? house.closingMinor });
    }
    if (added > 0) appendAudit(db, { at: actor.at, actor: actor.by, action: 'recon.file_imported', entity: 'recon_session', entityId: sessionId, detail: { side: 'statement', format: 'house', added } });
  })();
  return { added, duplicateFile: false, format: 'house' };
}

export function refreshPaymentBooks(db: Db, sessionId: string, actor: Actor): ImportOutcome {
  const session = requireOpenSession(db, sessionId);
  let added = 0;
  db.transaction(() => {
    added = loadPaymentBooks(db, sessionId, session.business_date, actor);
  })();
  return { added, duplicateFile: false, format: 'payments' };
}
