import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConsoleBackend } from '../backend';
import type { ContractError } from '../../shared/contract';
import type { BulkBatch, BulkLine } from '../../shared/contract/handlers/bulk';
import { readPain002 } from '../../shared/bulk';
import { bulkPain001, bulkPayment } from './test-support/bulk-files';
import { verifyBatch } from './bulk-batches';
import { demoLoginInput } from '../auth/test-support/demo-login';

type Backend = Awaited<ReturnType<typeof createConsoleBackend>>;

const pay = bulkPayment;
const pain001 = bulkPain001;

/** Bulk import through the contract on a real console store (demo bank HKB, 15 Wuhan banks). */
describe('bulk import handlers', () => {
  let backend: Backend;

  beforeAll(async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hankou-bulk-'));
    const logs: string[] = [];
    backend = await createConsoleBackend({ dataDir, demo: { payments: 20 }, now: () => new Date('2026-11-26T02:00:00.000Z'), log: (l) => logs.push(l) });
    for (const user of ['clerk1', 'super1', 'audit1']) {
      expect((await backend.invoke(user, 'auth.login', demoLoginInput(logs, user, Date.parse('2026-11-26T02:00:00.000Z')))).ok).toBe(true);
    }
  });
  afterAll(async () => {
    await backend.close();
  });

  const code = (result: { ok: boolean; error?: ContractError }) => (result.ok ? 'ok' : result.error!.code);
  async function ok<T>(user: string, name: string, input: unknown): Promise<T> {
    const result = await backend.invoke(user, name, input);
    if (!result.ok) throw new Error(`${name}: ${JSON.stringify(result.error)}`);
    return result.value as T;
  }

  let batchId = '';

  it('a clerk imports a pain.001: valid lines and a per-line error list; others may read, not import', async () => {
    const content = pain001([
      pay('R1', '1200.00'),
      pay('R2', '60000.00', { creditorBankCode: '105521000012' }),
      pay('R3', '12.3.4'),
      pay('R4', '5.00', { creditorBankCode: '313521000099' }),
    ]);
    expect(code(await backend.invoke('super1', 'bulk.import', { content }))).toBe('auth.forbidden');
    const imported = await ok<{ batch: BulkBatch; invalid: Array<{ line: number; field: string; code: string }> }>('clerk1', 'bulk.import', { content, fileName: 'march.xml' });
    batchId = imported.batch.id;
    expect(imported.batch).toMatchObject({ format: 'pain.001', version: '001.09', messageId: 'CORP-PAY-0001', status: 'open', lines: 4, valid: 2, invalid: 2, dropped: 0, total: '61200.00', totalInCapitals: '人民币陆万壹仟贰佰元整' });
    expect(batchId).toMatch(/^BULK-\d{8}-0001$/);
    expect(imported.invalid.map((e) => `${e.line} ${e.field} ${e.code}`)).toEqual(['3 amount invalid_amount', '4 creditor_bank_code unknown_bank']);
    const detail = await ok<{ lines: BulkLine[]; hasMore: boolean }>('audit1', 'bulk.batches.get', { batchId, onlyInvalid: true });
    expect(detail.lines.map((l) => l.line)).toEqual([3, 4]);
    const page = await ok<{ lines: BulkLine[]; hasMore: boolean }>('super1', 'bulk.batches.get', { batchId, limit: 2 });
    expect(page.hasMore).toBe(true);
    expect(page.lines.map((l) => [l.line, l.state, l.to, l.kind])).toEqual([
      [1, 'valid', 'ICBC', 'beps'],
      [2, 'valid', 'CCB', 'hvps'],
    ]);
  });

  it('a clerk fixes one line and drops another; a fix may introduce a new error, shown at once', async () => {
    const broken = await ok<{ line: BulkLine }>('clerk1', 'bulk.lines.fix', { batchId, line: 3, fields: { amount: '1200.00', reference: 'R1' } });
    expect(broken.line.errors.map((e) => e.code)).toEqual(['duplicate_in_file']);
    const fixed = await ok<{ batch: BulkBatch; line: BulkLine }>('clerk1', 'bulk.lines.fix', { batchId, line: 3, fields: { amount: '12.34', reference: 'R3' } });
    expect(fixed.line).toMatchObject({ state: 'valid', amount: '12.34', errors: [] });
    const dropped = await ok<{ batch: BulkBatch; line: BulkLine }>('clerk1', 'bulk.lines.drop', { batchId, line: 4, note: '客户确认该笔不付' });
    expect(dropped.line.state).toBe('dropped');
    expect(dropped.batch).toMatchObject({ valid: 3, invalid: 0, dropped: 1, total: '61212.34', totalInCapitals: '人民币陆万壹仟贰佰壹拾贰元叁角肆分' });
  });

  it('the pain.002 before verification: valid lines pending, the dropped one refused', async () => {
    const exported = await ok<{ content: string; final: boolean }>('clerk1', 'bulk.batches.exportPain002', { batchId });
    expect(exported.final).toBe(false);
    expect(readPain002(exported.content).lines.map((l) => [l.line, l.status, l.reasonCode])).toEqual([
      [1, 'PDNG', null],
      [2, 'PDNG', null],
      [3, 'PDNG', null],
      [4, 'RJCT', 'DS02'],
    ]);
  });

  it('a supervisor verifies the batch by count and total; each line becomes a payment through the verify path', async () => {
    expect(code(await backend.invoke('clerk1', 'bulk.batches.verify', { batchId, count: 3, total: '61212.34' }))).toBe('auth.forbidden');
    expect(code(await backend.invoke('super1', 'bulk.batches.verify', { batchId, count: 3, total: '61212.43' }))).toBe('bulk.totals_differ');
    expect(code(await backend.invoke('super1', 'bulk.batches.verify', { batchId, count: 2, total: '61212.34' }))).toBe('bulk.totals_differ');
    // The importer can never be the checker, whatever roles they hold.
    expect(() => verifyBatch(backend.services.db, { batchId, count: 3, total: '61212.34' }, { username: 'clerk1', at: '2026-11-26T02:00:00.000Z' }, backend.services.verify)).toThrow(/another supervisor/);
    const verified = await ok<{ batch: BulkBatch; paymentIds: string[] }>('super1', 'bulk.batches.verify', { batchId, count: 3, total: '61212.34' });
    expect(verified.batch).toMatchObject({ status: 'verified', verifiedBy: 'super1' });
    expect(verified.paymentIds).toHaveLength(3);
    const rows = backend.services.db
      .prepare(`SELECT kind, to_id, amount_minor, maker, checker, status, creditor_account, purpose FROM payments WHERE id IN (${verified.paymentIds.map(() => '?').join(',')}) ORDER BY amount_minor`)
      .all(...verified.paymentIds);
    expect(rows).toEqual([
      { kind: 'beps', to_id: 'ICBC', amount_minor: 1234, maker: 'clerk1', checker: 'super1', status: expect.stringMatching(/^(verified|held)$/), creditor_account: '6222000000000003', purpose: '三月货款' },
      { kind: 'beps', to_id: 'ICBC', amount_minor: 120000, maker: 'clerk1', checker: 'super1', status: expect.stringMatching(/^(verified|held)$/), creditor_account: '6222000000000001', purpose: '三月货款' },
      { kind: 'hvps', to_id: 'CCB', amount_minor: 6000000, maker: 'clerk1', checker: 'super1', status: expect.stringMatching(/^(verified|held)$/), creditor_account: '6222000000000002', purpose: '三月货款' },
    ]);
    const audit = backend.services.db.prepare("SELECT action FROM audit_log WHERE entity_id = ? ORDER BY seq").pluck().all(batchId);
    expect(audit).toEqual(['bulk.imported', 'bulk.line_fixed', 'bulk.line_fixed', 'bulk.line_dropped', 'bulk.verified']);
    expect(code(await backend.invoke('clerk1', 'bulk.lines.fix', { batchId, line: 1, fields: { amount: '1.00' } }))).toBe('bulk.batch_verified');
  });

  it('the pain.002 follows the payments: final once every line is settled or rejected', async () => {
    const db = backend.services.db;
    const ids = db.prepare('SELECT payment_id FROM bulk_lines WHERE batch_id = ? AND payment_id IS NOT NULL ORDER BY line').pluck().all(batchId) as string[];
    db.prepare("UPDATE payments SET status = 'settled' WHERE id IN (?, ?)").run(ids[0], ids[2]);
    expect((await ok<{ final: boolean }>('clerk1', 'bulk.batches.exportPain002', { batchId })).final).toBe(false);
    db.prepare("UPDATE payments SET status = 'rejected', reason = 'INSUFFICIENT_FUNDS' WHERE id = ?").run(ids[1]);
    const exported = await ok<{ content: string; final: boolean; fileName: string }>('audit1', 'bulk.batches.exportPain002', { batchId });
    expect(exported.final).toBe(true);
    expect(exported.fileName).toBe(`${batchId}-pain.002.xml`);
    const report = readPain002(exported.content);
    expect(report.groupStatus).toBe('PART');
    expect(report.originalMessageId).toBe('CORP-PAY-0001');
    expect(report.lines.map((l) => [l.line, l.reference, l.status, l.reasonCode])).toEqual([
      [1, 'R1', 'ACSC', null],
      [2, 'R2', 'RJCT', 'AM04'],
      [3, 'R3', 'ACSC', null],
      [4, 'R4', 'RJCT', 'DS02'],
    ]);
  });

  it('the same file again: duplicates of the last 7 days, accepted line by line; CSV and refused files', async () => {
    const again = await ok<{ batch: BulkBatch; invalid: Array<{ line: number; code: string }> }>('clerk1', 'bulk.import', { content: pain001([pay('R1', '1200.00')], '001.03') });
    expect(again.batch.version).toBe('001.03');
    expect(again.invalid.map((e) => `${e.line} ${e.code}`)).toEqual(['1 duplicate_recent']);
    const accepted = await ok<{ batch: BulkBatch; line: BulkLine }>('clerk1', 'bulk.lines.fix', { batchId: again.batch.id, line: 1, fields: {}, acceptDuplicate: true });
    expect(accepted.line).toMatchObject({ state: 'valid', acceptDuplicate: true });
    const csv = 'reference,debtor_name,debtor_account,creditor_name,creditor_account,creditor_bank_code,amount,currency,purpose\nC1,汉口商贸有限公司,6222020000000001,江夏物流,6222000000009001,301521000019,88.00,CNY,运费\n';
    const fromCsv = await ok<{ batch: BulkBatch }>('clerk1', 'bulk.import', { content: csv });
    expect(fromCsv.batch).toMatchObject({ format: 'csv', valid: 1, invalid: 0, total: '88.00' });
    expect(code(await backend.invoke('clerk1', 'bulk.import', { content: 'just,some\ncsv,file\n' }))).toBe('bulk.not_bulk_csv');
    expect(code(await backend.invoke('clerk1', 'bulk.import', { content: pain001([pay('R1', '1.00')]).replaceAll('pain.001.001.09', 'pacs.008.001.08') }))).toBe('bulk.not_pain001');
    expect(code(await backend.invoke('clerk1', 'bulk.import', { content: 'x'.repeat(900_001) }))).toBe('validation');
    const list = await ok<{ rows: BulkBatch[] }>('audit1', 'bulk.batches.list', { status: 'open' });
    expect(list.rows.map((r) => r.id).sort()).toEqual([again.batch.id, fromCsv.batch.id].sort());
  });
});
