import { describe, expect, it } from 'vitest';
import { writeCamt053 } from '../../shared/iso20022';
import { auditHistory, verifyAuditLog } from '../audit/audit-log';
import { migrate } from '../store/migrate';
import type { Db } from '../store/open-database';
import { seededStore } from '../store/test-support/test-store';
import { UserError } from '../user-error';
import { RECON_MIGRATIONS } from './migrations/index';
import { sessionDetail } from './session-detail';
import { autoMatch, matchByHand, unmatch } from './session-matching';
import { importFile, importHouseStatement, openSession } from './session-open-import';
import { migration as houseFeed } from '../sync/migrations/0012-create-house-feed';
import { migration as paymentCycles } from '../sync/migrations/0013-create-house-payment-cycles';
import { carryForward, closeSession, decideWriteOff, noteExceptions, proposeWriteOff, reviewExceptions } from './session-resolution';

const DAY = '2026-11-25';
const ACCOUNT = '313521000011';
const clerk = { by: 'recon1', at: '2026-11-26T09:00:00.000Z' };
const super1 = { by: 'super1', at: '2026-11-26T09:05:00.000Z' };

/** Four payments of the day: two out (debits), two in (credits), plus a draft that is not books. */
function store(): Db {
  const db = seededStore('2026-11-26');
  migrate(db, RECON_MIGRATIONS);
  const insert = db.prepare(
    `INSERT INTO payments (id, kind, priority, status, direction, from_id, to_id, amount_minor, currency, debtor_name, debtor_account,
       creditor_name, creditor_account, purpose, maker, created_at, updated_at, business_date)
     VALUES (?, 'hvps', 1, ?, ?, ?, ?, ?, 'CNY', ?, '6222000011', ?, '6222000022', '货款', 'clerk1', ?, ?, ?)`,
  );
  const at = `${DAY}T02:00:00.000Z`;
  insert.run('PAY-0001', 'settled', 'out', 'HKB', 'ICBC', 100_000, '甲公司', '乙公司', at, at, DAY);
  insert.run('PAY-0002', 'settled', 'in', 'ICBC', 'HKB', 250_050, '丙公司', '甲公司', at, at, DAY);
  insert.run('PAY-0003', 'netted', 'out', 'HKB', 'CCB', 7_000, '甲公司', '丁公司', at, at, DAY);
  insert.run('PAY-0004', 'settled', 'in', 'CCB', 'HKB', 33_300, '戊公司', '甲公司', at, at, DAY);
  insert.run('PAY-0005', 'draft', 'out', 'HKB', 'CCB', 99_900, '甲公司', '丁公司', at, at, DAY);
  return db;
}

const entry = (amount: string, cd: 'CRDT' | 'DBIT', reference: string | null, counterparty: string) => ({
  amount, currency: 'CNY', creditDebit: cd, bookingDate: DAY, valueDate: DAY, reference, endToEndId: null, counterparty, remittance: null,
});

/**
 * The bank's statement: PAY-0001 and PAY-0002 by reference; PAY-0003 came without a reference and under another
 * name (a person matches it); PAY-0004 is missing (carried forward); a 15.00 charge has no books
 * (written off). Opening 1,000.00 + (-1,000.00 + 2,500.50 - 70.00 - 15.00) = closing 2,415.50.
 */
function camt(closing = '2415.50'): string {
  return writeCamt053(
    {
      type: 'camt.053',
      version: '001.08',
      statements: [
        {
          account: ACCOUNT,
          openingBalance: { amount: '1000.00', currency: 'CNY', creditDebit: 'CRDT', date: DAY },
          closingBalance: { amount: closing, currency: 'CNY', creditDebit: 'CRDT', date: DAY },
          entries: [
            entry('1000.00', 'DBIT', 'PAY-0001', '乙公司'),
            entry('2500.50', 'CRDT', 'PAY-0002', '丙公司'),
            entry('70.00', 'DBIT', 'NOTPROVIDED', '清算中心轧差'),
            entry('15.00', 'DBIT', 'CHG-1125', '手续费'),
          ],
        },
      ],
    },
    { messageId: 'STMT-20261125', creationDateTime: '2026-11-26T00:10:00+08:00' },
  );
}

const line = (db: Db, id: string, side: 'books' | 'statement', lineId: string) => sessionDetail(db, id).lines.find((l) => l.side === side && l.id === lineId);

describe('a reconciliation session', () => {
  it('takes the settled and netted payments of the day as signed books, once', () => {
    const db = store();
    const id = openSession(db, { businessDate: DAY }, clerk);
    expect(id).toBe(`${ACCOUNT}@${DAY}`);
    expect(openSession(db, { businessDate: DAY }, clerk)).toBe(id);
    const books = sessionDetail(db, id).lines.filter((l) => l.side === 'books');
    expect(books.map((l) => [l.id, l.amount])).toEqual([['PAY-0001', '-1000.00'], ['PAY-0002', '2500.50'], ['PAY-0003', '-70.00'], ['PAY-0004', '333.00']]);
    expect(sessionDetail(db, id).summary.booksMovements).toBe('1763.50');
  });

  it('imports a camt.053 once: the same file again adds nothing', () => {
    const db = store();
    const id = openSession(db, { businessDate: DAY }, clerk);
    expect(importFile(db, { sessionId: id, side: 'statement', content: camt() }, clerk)).toMatchObject({ added: 4, duplicateFile: false, format: 'camt.053' });
    expect(importFile(db, { sessionId: id, side: 'statement', content: camt() }, clerk)).toMatchObject({ added: 0, duplicateFile: true });
    const detail = sessionDetail(db, id);
    expect(detail.lines.filter((l) => l.side === 'statement')).toHaveLength(4);
    expect(detail.imports).toHaveLength(1);
    expect(detail.summary).toMatchObject({ opening: '1000.00', statementMovements: '1415.50', closing: '2415.50', computedClosing: '2415.50' });
  });

  it('refuses a broken file, another account and a contradicting balance, changing nothing', () => {
    const db = store();
    const id = openSession(db, { businessDate: DAY }, clerk);
    const auditBefore = auditHistory(db, 'recon_session', id).length;
    const codeOf = (f: () => unknown) => {
      try {
        f();
      } catch (error) {
        return error instanceof UserError ? error.code : String(error);
      }
      return 'no error';
    };
    expect(codeOf(() => importFile(db, { sessionId: id, side: 'statement', content: camt().slice(0, 400) }, clerk))).toBe('recon.bad_file');
    expect(codeOf(() => importFile(db, { sessionId: id, side: 'statement', content: camt().replace(ACCOUNT, '999999999999') }, clerk))).toBe('recon.wrong_account');
    expect(sessionDetail(db, id).lines.filter((l) => l.side === 'statement')).toHaveLength(0);
    importFile(db, { sessionId: id, side: 'statement', content: camt() }, clerk);
    expect(codeOf(() => importFile(db, { sessionId: id, side: 'statement', content: camt('2400.00') }, clerk))).toBe('recon.balance_conflict');
    expect(auditHistory(db, 'recon_session', id).length).toBe(auditBefore + 1);
  });

  it('keys lines without a real reference by file, so two files’ NOTPROVIDED lines both count', () => {
    const db = store();
    const id = openSession(db, { businessDate: DAY }, clerk);
    importFile(db, { sessionId: id, side: 'statement', content: camt() }, clerk);
    const second = writeCamt053(
      {
        type: 'camt.053',
        version: '001.08',
        statements: [{ account: ACCOUNT, openingBalance: null, closingBalance: null, entries: [entry('70.00', 'DBIT', 'NOTPROVIDED', '另一笔')] }],
      },
      { messageId: 'STMT-20261125-B', creationDateTime: '2026-11-26T00:20:00+08:00' },
    );
    expect(importFile(db, { sessionId: id, side: 'statement', content: second }, clerk).added).toBe(1);
    const unreferenced = sessionDetail(db, id).lines.filter((l) => l.reference === 'NOTPROVIDED');
    expect(unreferenced).toHaveLength(2);
    expect(new Set(unreferenced.map((l) => l.id)).size).toBe(2);
  });

  it('auto-matches by reference, and running it again adds nothing', () => {
    const db = store();
    const id = openSession(db, { businessDate: DAY }, clerk);
    importFile(db, { sessionId: id, side: 'statement', content: camt() }, clerk);
    expect(autoMatch(db, id, clerk)).toBe(2);
    expect(autoMatch(db, id, clerk)).toBe(0);
    const detail = sessionDetail(db, id);
    expect(detail.matches.map((m) => [m.books, m.statement, m.rule])).toEqual([
      [['PAY-0001'], ['PAY-0001'], 'reference'],
      [['PAY-0002'], ['PAY-0002'], 'reference'],
    ]);
    // P3 (70.00 out) and the unreferenced 70.00 debit are suggested to each other, not matched.
    expect(line(db, id, 'books', 'PAY-0003')).toMatchObject({ state: 'open', suggestion: `${detail.lines.find((l) => l.side === 'statement' && l.amount === '-70.00')?.id}` });
  });

  it('matches by hand only when it nets to zero or, with a reason, within tolerance; unmatch reopens for people only', () => {
    const db = store();
    const id = openSession(db, { businessDate: DAY }, clerk);
    importFile(db, { sessionId: id, side: 'statement', content: camt() }, clerk);
    autoMatch(db, id, clerk);
    const s70 = sessionDetail(db, id).lines.find((l) => l.side === 'statement' && l.amount === '-70.00')!.id;
    // P3 (-70.00) against the charge (-15.00): 55.00 apart, beyond the 0.35 tolerance on 70.00.
    expect(() => matchByHand(db, { sessionId: id, books: ['PAY-0003'], statement: ['CHG-1125'], reason: 'x' }, clerk)).toThrow(/tolerance/);
    const matchId = matchByHand(db, { sessionId: id, books: ['PAY-0003'], statement: [s70] }, clerk);
    expect(sessionDetail(db, id).matches.find((m) => m.id === matchId)).toMatchObject({ kind: 'manual', difference: '0.00', rule: 'manual' });
    unmatch(db, id, matchId, clerk);
    expect(line(db, id, 'books', 'PAY-0003')?.state).toBe('open');
    expect(autoMatch(db, id, clerk)).toBe(0);
  });

  it('writes off only with a different supervisor’s approval, and closes only when proven', () => {
    const db = store();
    const id = openSession(db, { businessDate: DAY }, clerk);
    importFile(db, { sessionId: id, side: 'statement', content: camt() }, clerk);
    autoMatch(db, id, clerk);
    const s70 = sessionDetail(db, id).lines.find((l) => l.side === 'statement' && l.amount === '-70.00')!.id;
    matchByHand(db, { sessionId: id, books: ['PAY-0003'], statement: [s70] }, clerk);
    expect(sessionDetail(db, id).summary.blockers).toEqual(['unowned_exceptions']);
    expect(() => closeSession(db, id, clerk)).toThrow(UserError);

    const writeOffId = proposeWriteOff(db, { sessionId: id, side: 'statement', lineId: 'CHG-1125', reason: '清算手续费' }, clerk);
    expect(() => decideWriteOff(db, { sessionId: id, writeOffId, approve: true }, { ...clerk, by: 'recon1' })).toThrow(/cannot approve/);
    carryForward(db, { sessionId: id, side: 'books', lineIds: ['PAY-0004'], note: '对方行次日入账' }, clerk);
    expect(sessionDetail(db, id).summary.blockers).toEqual(['pending_write_offs']);
    expect(() => closeSession(db, id, clerk)).toThrow(/not proven/);
    decideWriteOff(db, { sessionId: id, writeOffId, approve: true }, super1);

    const summary = sessionDetail(db, id).summary;
    expect(summary).toMatchObject({ proven: true, writtenOff: '-15.00', carriedForward: '333.00', openExceptions: 0 });
    closeSession(db, id, clerk);
    expect(sessionDetail(db, id).session.status).toBe('closed');
    expect(() => autoMatch(db, id, clerk)).toThrow(/closed/);
    // P4 waits on the next working day (2026-11-26 is a Thursday), owned, with its note.
    expect(line(db, `${ACCOUNT}@2026-11-26`, 'books', 'PAY-0004')).toMatchObject({ state: 'open', owner: 'recon1', note: '对方行次日入账', amount: '333.00' });
    const actions = auditHistory(db, 'recon_session', id).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['recon.file_imported', 'recon.auto_matched', 'recon.matched', 'recon.write_off_proposed', 'recon.write_off_approved', 'recon.carried_forward', 'recon.session_closed']));
    expect(verifyAuditLog(db).ok).toBe(true);
  });

  it('carries owned exceptions to the next day on close; unowned ones block it', () => {
    const db = store();
    const id = openSession(db, { businessDate: DAY }, clerk);
    importFile(db, { sessionId: id, side: 'statement', content: camt() }, clerk);
    autoMatch(db, id, clerk);
    expect(sessionDetail(db, id).summary.unownedExceptions).toBe(4);
    noteExceptions(db, { sessionId: id, side: 'books', lineIds: ['PAY-0003', 'PAY-0004'], note: '待查' }, clerk);
    const rest = sessionDetail(db, id).lines.filter((l) => l.side === 'statement' && l.state === 'open').map((l) => l.id);
    noteExceptions(db, { sessionId: id, side: 'statement', lineIds: rest, owner: 'recon2', note: '待查' }, clerk);
    closeSession(db, id, clerk);
    const next = sessionDetail(db, `${ACCOUNT}@2026-11-26`);
    expect(next.lines.map((l) => [l.side, l.owner]).sort()).toEqual([['books', 'recon1'], ['books', 'recon1'], ['statement', 'recon2'], ['statement', 'recon2']]);
    // Brought-forward lines are not movements of the new day.
    expect(next.summary.statementMovements).toBe('0.00');
  });

  it('bulk actions on a selection of exceptions: assign an owner (notes kept), mark reviewed, carry forward (issue 16)', () => {
    const db = store();
    const id = openSession(db, { businessDate: DAY }, clerk);
    importFile(db, { sessionId: id, side: 'statement', content: camt() }, clerk);
    autoMatch(db, id, clerk);
    const open = sessionDetail(db, id).lines.filter((l) => l.side === 'books' && l.state === 'open').map((l) => l.id);
    expect(open).toEqual(['PAY-0003', 'PAY-0004']);
    noteExceptions(db, { sessionId: id, side: 'books', lineIds: ['PAY-0003'], note: '对方行次日入账' }, clerk);
    // An owner for the whole selection, without a note: each line keeps its own note.
    noteExceptions(db, { sessionId: id, side: 'books', lineIds: open, owner: 'recon2' }, clerk);
    expect(line(db, id, 'books', 'PAY-0003')).toMatchObject({ owner: 'recon2', note: '对方行次日入账', reviewedBy: null });
    expect(line(db, id, 'books', 'PAY-0004')).toMatchObject({ owner: 'recon2', note: null });
    expect(() => noteExceptions(db, { sessionId: id, side: 'books', lineIds: open }, clerk)).toThrow(UserError);
    reviewExceptions(db, { sessionId: id, side: 'books', lineIds: open }, super1);
    for (const lineId of open) expect(line(db, id, 'books', lineId)).toMatchObject({ reviewedBy: 'super1', reviewedAt: super1.at, state: 'open' });
    // Only open lines: a matched line has nothing to review, and the selection changes as a whole or not at all.
    const matched = sessionDetail(db, id).lines.find((l) => l.side === 'books' && l.state === 'matched')?.id ?? '';
    expect(() => reviewExceptions(db, { sessionId: id, side: 'books', lineIds: [matched], }, clerk)).toThrow(/not open|already/);
    expect(line(db, id, 'books', matched)?.reviewedBy).toBeNull();
    carryForward(db, { sessionId: id, side: 'books', lineIds: open, note: '次日再查' }, clerk);
    expect(sessionDetail(db, id).lines.filter((l) => l.side === 'books' && l.state === 'open')).toEqual([]);
    const actions = auditHistory(db, 'recon_session', id).map((e) => e.action);
    expect(actions.filter((a) => a === 'recon.exception_reviewed')).toHaveLength(2);
    expect(verifyAuditLog(db).ok).toBe(true);
  });

  it('takes a books CSV and the house’s synced statement entries, each once', () => {
    const db = store();
    const id = openSession(db, { businessDate: DAY }, clerk);
    const csv = 'id,date,amount,currency,reference,counterparty,description\nGL-1,2026-11-25,-12.50,CNY,GL-1,邮电费,\nGL-2,2026-11-25,8.00,CNY,GL-2,利息,\n';
    expect(importFile(db, { sessionId: id, side: 'books', content: csv }, clerk).added).toBe(2);
    expect(importFile(db, { sessionId: id, side: 'books', content: `${csv}\n` }, clerk).added).toBe(0);
    expect(sessionDetail(db, id).summary.booksMovements).toBe('1759.00'); // 1763.50 - 12.50 + 8.00

    db.transaction(() => houseFeed.up(db))();
    const feed = db.prepare('INSERT INTO house_statement_entries (entry_id, business_date, kind, amount_minor, balance_after_minor, data, feed_seq) VALUES (?, ?, ?, ?, ?, ?, ?)');
    feed.run('H-NET-1', DAY, 'net', -7000, 993_000, '{}', 1);
    feed.run('H-CLOSE', DAY, 'closing', 0, 993_000, '{}', 2);
    // The net entry, and one entry per RTGS payment the house settled (PAY-0001, -0002, -0004).
    expect(importHouseStatement(db, id, clerk).added).toBe(4);
    expect(importHouseStatement(db, id, clerk).added).toBe(0);
    // -70.00 - 1,000.00 + 2,500.50 + 333.00
    expect(sessionDetail(db, id).summary).toMatchObject({ statementMovements: '1763.50', closing: '9930.00' });
  });

  it('proves a day from the house statement: RTGS entries by reference, each DNS cycle by its net (issue 16)', () => {
    const db = store();
    db.transaction(() => {
      houseFeed.up(db);
      paymentCycles.up(db);
    })();
    // Three beps payments of cycle 3 (PAY-0003 netted out, two settled in), one of cycle 4.
    const pay = db.prepare(
      `INSERT INTO payments (id, kind, priority, status, direction, from_id, to_id, amount_minor, currency, debtor_name, debtor_account,
         creditor_name, creditor_account, purpose, maker, created_at, updated_at, business_date)
       VALUES (?, 'beps', 2, 'settled', ?, ?, ?, ?, 'CNY', '甲公司', '6222000011', '乙公司', '6222000022', '货款', 'house', ?, ?, ?)`,
    );
    const at = `${DAY}T03:00:00.000Z`;
    pay.run('IN-31', 'in', 'ICBC', 'HKB', 12_000, at, at, DAY);
    pay.run('IN-32', 'in', 'CCB', 'HKB', 5_000, at, at, DAY);
    pay.run('IN-41', 'in', 'CCB', 'HKB', 9_900, at, at, DAY);
    const cycle = db.prepare('INSERT INTO house_payment_cycles (payment_id, business_date, cycle_id) VALUES (?, ?, ?)');
    for (const [paymentId, cycleId] of [['PAY-0003', '3'], ['IN-31', '3'], ['IN-32', '3'], ['IN-41', '4']] as const) cycle.run(paymentId, DAY, cycleId);
    const feed = db.prepare('INSERT INTO house_statement_entries (entry_id, business_date, kind, amount_minor, balance_after_minor, data, feed_seq) VALUES (?, ?, ?, ?, ?, ?, ?)');
    // Cycle 3: -70.00 + 120.00 + 50.00 = 100.00. Cycle 4: the house says 98.00, the books 99.00.
    feed.run(`C${DAY}/3:HKB`, DAY, 'net', 10_000, null, JSON.stringify({ kind: 'net', cycleId: '3' }), 1);
    feed.run(`C${DAY}/4:HKB`, DAY, 'net', 9_800, null, JSON.stringify({ kind: 'net', cycleId: '4' }), 2);
    // Opening 10,000.00 + RTGS (-1,000.00 + 2,500.50 + 333.00) + nets (100.00 + 98.00) = 12,031.50.
    feed.run(`E${DAY}:HKB`, DAY, 'closing', 0, 1_203_150, JSON.stringify({ kind: 'closing', openingBalance: '10000.00' }), 3);

    const id = openSession(db, { businessDate: DAY }, clerk);
    expect(importHouseStatement(db, id, clerk).added).toBe(5);
    expect(sessionDetail(db, id).lines.find((l) => l.id === `C${DAY}/3:HKB`)?.description).toBe('net cycle 3: 3 payments');
    autoMatch(db, id, clerk);
    const detail = sessionDetail(db, id);
    expect(detail.matches.map((m) => [m.rule, m.books.join(' '), m.statement.join(' ')]).sort()).toEqual([
      ['cycle-net', 'IN-31 IN-32 PAY-0003', `C${DAY}/3:HKB`],
      ['reference', 'PAY-0001', 'PAY-0001'],
      ['reference', 'PAY-0002', 'PAY-0002'],
      ['reference', 'PAY-0004', 'PAY-0004'],
    ]);
    // What is left is the real exception: cycle 4 disagrees by 1.00.
    const open = detail.lines.filter((l) => l.state === 'open').map((l) => `${l.side}:${l.id}`).sort();
    expect(open).toEqual(['books:IN-41', `statement:C${DAY}/4:HKB`]);
    expect(detail.summary).toMatchObject({ opening: '10000.00', closing: '12031.50', computedClosing: '12031.50' });
  });

  it('sends a refused write-off back to open', () => {
    const db = store();
    const id = openSession(db, { businessDate: DAY }, clerk);
    importFile(db, { sessionId: id, side: 'statement', content: camt() }, clerk);
    const writeOffId = proposeWriteOff(db, { sessionId: id, side: 'statement', lineId: 'CHG-1125', reason: '手续费' }, clerk);
    expect(line(db, id, 'statement', 'CHG-1125')?.state).toBe('write_off_pending');
    decideWriteOff(db, { sessionId: id, writeOffId, approve: false, note: '应向清算中心查询' }, super1);
    expect(line(db, id, 'statement', 'CHG-1125')?.state).toBe('open');
    expect(sessionDetail(db, id).writeOffs[0]).toMatchObject({ status: 'refused', decidedBy: 'super1', decisionNote: '应向清算中心查询' });
    expect(() => decideWriteOff(db, { sessionId: id, writeOffId, approve: true }, super1)).toThrow(/already/);
  });
});
