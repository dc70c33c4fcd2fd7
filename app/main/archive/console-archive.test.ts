import { describe, it, expect, afterEach } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seededStore } from '../store/test-support/test-store';
import { migrate } from '../store/migrate';
import { insertPayment } from '../payments/payment-repository';
import type { NewPayment } from '../payments/payment-record';
import { verifyAuditLog } from '../audit/audit-log';
import { ARCHIVE_MIGRATIONS } from './migrations/index';
import { archiveConsolePayments, findArchivedConsolePayment } from './console-archive';
import { archiveImpls } from './handlers';
import { archiveWindowFor } from './archive-extension';
import type { HandlerContext } from '../handler-context';

function payment(id: string, businessDate: string, status: NewPayment['status'], amountMinor = 123_456_789_012n): NewPayment {
  return {
    id, kind: 'hvps', priority: 2, status, direction: 'out', fromId: 'HKB', toId: 'ICBC', amountMinor, currency: 'CNY',
    debtorName: '汉口商贸有限公司', debtorAccount: '6222020000000001', creditorName: '武昌医药有限公司', creditorAccount: '6222020000000002',
    purpose: '货款', billNumber: null, billIssueDate: null, billDrawer: null, originalId: null, maker: 'clerk1', checker: 'sup1',
    reason: null, createdAt: `${businessDate}T02:00:00.000Z`, updatedAt: `${businessDate}T02:00:00.000Z`, businessDate,
  };
}

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function store() {
  const db = seededStore('2026-12-07');
  migrate(db, ARCHIVE_MIGRATIONS);
  const dir = mkdtempSync(join(tmpdir(), 'archive-console-'));
  dirs.push(dir);
  return { db, archiveDir: join(dir, 'archive', 'payments') };
}

const NOW = () => new Date('2026-12-07T03:00:00.000Z');

describe('console payment archive', () => {
  it('moves final days older than the window to checksummed files, keeps open days, and finds archived payments by id', () => {
    const { db, archiveDir } = store();
    db.transaction(() => {
      insertPayment(db, payment('OLD-1', '2026-08-03', 'settled'));
      insertPayment(db, payment('OLD-2', '2026-08-03', 'rejected'));
      insertPayment(db, payment('OPEN-1', '2026-08-04', 'settled'));
      insertPayment(db, payment('OPEN-2', '2026-08-04', 'queued'));
      insertPayment(db, payment('EDGE-1', '2026-09-08', 'settled'));
      insertPayment(db, payment('NEW-1', '2026-09-09', 'settled'));
    })();
    // 90 days before 2026-12-07 is 2026-09-08: that day and older are due.
    const result = archiveConsolePayments(db, { archiveDir, windowDays: 90, now: NOW, actor: 'test' });
    expect(result.cutoff).toBe('2026-09-08');
    expect(result.archived.map((d) => [d.businessDate, d.payments])).toEqual([['2026-08-03', 2], ['2026-09-08', 1]]);
    expect(result.kept).toEqual([{ businessDate: '2026-08-04', open: 1 }]);
    const left = db.prepare('SELECT id FROM payments ORDER BY id').pluck().all();
    expect(left).toEqual(['NEW-1', 'OPEN-1', 'OPEN-2']);

    const found = findArchivedConsolePayment(db, 'OLD-2');
    expect(found).toMatchObject({ businessDate: '2026-08-03', location: join(archiveDir, '2026-08-03') });
    expect(found?.row).toMatchObject({ id: 'OLD-2', status: 'rejected', amount_minor: 123_456_789_012n, debtor_name: '汉口商贸有限公司' });
    expect(findArchivedConsolePayment(db, 'NEW-1')).toBeUndefined();
    // Archiving is audited and the chain still holds.
    const audit = db.prepare("SELECT entity_id FROM audit_log WHERE action = 'archive.payments' ORDER BY seq").pluck().all();
    expect(audit).toEqual(['2026-08-03', '2026-09-08']);
    expect(verifyAuditLog(db).ok).toBe(true);

    // The handler answers with the row as the blotter shows it.
    const ctx = { services: { db } } as unknown as HandlerContext;
    const answer = archiveImpls['payments.archived'](ctx, { id: 'OLD-1' }) as { archived: { payment: { id: string; amount: string } | null; problem: string | null } | null };
    expect(answer.archived?.payment).toMatchObject({ id: 'OLD-1', amount: '1234567890.12' });
    expect(answer.archived?.problem).toBeNull();
    expect(archiveImpls['payments.archived'](ctx, { id: 'NOPE' })).toEqual({ archived: null });

    // Rows of an archived day that arrive later go to a second file set of that day.
    insertPayment(db, payment('LATE-1', '2026-08-03', 'settled'));
    const again = archiveConsolePayments(db, { archiveDir, windowDays: 90, now: NOW });
    expect(again.archived.map((d) => d.location)).toEqual([join(archiveDir, '2026-08-03-2')]);
    expect(findArchivedConsolePayment(db, 'LATE-1')?.row?.id).toBe('LATE-1');
  });

  it('says where an archived payment is when its file is damaged or gone, instead of showing it', () => {
    const { db, archiveDir } = store();
    insertPayment(db, payment('OLD-1', '2026-08-03', 'settled'));
    archiveConsolePayments(db, { archiveDir, windowDays: 90, now: NOW });
    const file = join(archiveDir, '2026-08-03', 'payments.jsonl.gz');
    const bytes = readFileSync(file);
    bytes[bytes.length - 3] = (bytes[bytes.length - 3] ?? 0) ^ 0xff;
    writeFileSync(file, bytes);
    expect(findArchivedConsolePayment(db, 'OLD-1')).toMatchObject({ businessDate: '2026-08-03', problem: expect.stringMatching(/checksum/) });
    expect(findArchivedConsolePayment(db, 'OLD-1')?.row).toBeUndefined();
    rmSync(join(archiveDir, '2026-08-03'), { recursive: true });
    expect(findArchivedConsolePayment(db, 'OLD-1')?.problem).toMatch(/missing/);
  });

  it('takes its window from the environment, 90 days by default, off for the demo', () => {
    expect(archiveWindowFor(false, {})).toBe(90);
    expect(archiveWindowFor(true, {})).toBe(0);
    expect(archiveWindowFor(true, { HANKOU_ARCHIVE_WINDOW_DAYS: '30' })).toBe(30);
    expect(() => archiveWindowFor(false, { HANKOU_ARCHIVE_WINDOW_DAYS: '-1' })).toThrow(/whole number/);
    const { db, archiveDir } = store();
    expect(() => archiveConsolePayments(db, { archiveDir, windowDays: 0, now: NOW })).toThrow(/at least 1/);
  });
});
