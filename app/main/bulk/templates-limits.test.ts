import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConsoleBackend } from '../backend';
import { demoLoginInput } from '../auth/test-support/demo-login';
import type { ContractError } from '../../shared/contract';
import type { BulkBatch, BulkLine } from '../../shared/contract/handlers/bulk';
import type { PaymentTemplate } from '../../shared/contract/handlers/templates';
import type { OperatorLimits } from '../../shared/contract/handlers/operator-limits';
import { readPain002 } from '../../shared/bulk';
import { bulkPain001, bulkPayment } from './test-support/bulk-files';

type Backend = Awaited<ReturnType<typeof createConsoleBackend>>;

/** A file of one line per amount, each to its own account (references L1<digits>, L2<digits>...). */
const file = (amounts: string[]) =>
  bulkPain001(
    amounts.map((a, i) => bulkPayment(`L${i + 1}${a.replace(/\D/g, '')}`, a, { purpose: '四月货款' })),
    '001.09',
    `CORP-LIM-${amounts.join('-')}`,
  );

const capture = (amount: string) => ({
  kind: 'hvps',
  priority: 2,
  to: 'ICBC',
  amount,
  currency: 'CNY',
  debtor: { name: '汉口商贸有限公司', account: '6222020000000001' },
  creditor: { name: '江岸物业有限公司', account: '6222000000007777' },
  purpose: '房租',
});

/** Templates and per-operator amount limits through the contract on a real console store. */
describe('payment templates and operator limits', () => {
  let backend: Backend;
  let printed: string[] = [];

  beforeAll(async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hankou-bulk-limits-'));
    const logs: string[] = [];
    backend = await createConsoleBackend({ dataDir, demo: { payments: 20 }, now: () => new Date('2026-11-26T02:00:00.000Z'), log: (l) => logs.push(l) });
    printed = logs;
    for (const user of ['clerk1', 'clerk2', 'super1', 'super2', 'audit1', 'admin']) {
      // Supervisors and the administrator sign in with their one-time code, as the first start printed it.
      expect((await backend.invoke(user, 'auth.login', demoLoginInput(logs, user, Date.parse('2026-11-26T02:00:00.000Z')))).ok).toBe(true);
    }
  });
  afterAll(async () => {
    await backend.close();
  });

  const error = (result: { ok: boolean; error?: ContractError }) => (result.ok ? null : result.error!);
  const code = (result: { ok: boolean; error?: ContractError }) => error(result)?.code ?? 'ok';
  async function ok<T>(user: string, name: string, input: unknown): Promise<T> {
    const result = await backend.invoke(user, name, input);
    if (!result.ok) throw new Error(`${name}: ${JSON.stringify(result.error)}`);
    return result.value as T;
  }

  it('templates: a clerk drafts, another supervisor approves, a supervisor retires; audited', async () => {
    const input = { name: '江岸物业房租', kind: 'beps', priority: 2, to: 'ICBC', debtor: { name: '汉口商贸有限公司', account: '6222020000000001' }, creditor: { name: '江岸物业有限公司', account: '6222000000007777' }, purpose: '房租', amount: '12,000.00' };
    const { template } = await ok<{ template: PaymentTemplate }>('clerk1', 'templates.create', input);
    expect(template).toMatchObject({ id: 'TPL-0001', status: 'draft', amount: '12000.00', createdBy: 'clerk1', approvedBy: null });
    const keyed = await ok<{ template: PaymentTemplate }>('clerk1', 'templates.create', { ...input, name: '工资代发', amount: null });
    expect(keyed.template).toMatchObject({ id: 'TPL-0002', amount: null });
    // The capture rules judge a template: our own bank, a BEPS amount above its ceiling.
    const bad = error(await backend.invoke('clerk1', 'templates.create', { ...input, to: 'HKB', amount: '60000.00' }));
    expect(bad?.code).toBe('validation');
    expect(bad?.issues?.map((i) => i.path).sort()).toEqual(['amount', 'to']);
    expect(code(await backend.invoke('super1', 'templates.create', input))).toBe('auth.forbidden');
    expect(code(await backend.invoke('clerk1', 'templates.approve', { id: template.id }))).toBe('auth.forbidden');

    const approved = await ok<{ template: PaymentTemplate }>('super1', 'templates.approve', { id: template.id });
    expect(approved.template).toMatchObject({ status: 'approved', approvedBy: 'super1' });
    expect(code(await backend.invoke('super2', 'templates.approve', { id: template.id }))).toBe('templates.not_draft');
    expect((await ok<{ rows: PaymentTemplate[] }>('clerk2', 'templates.list', { status: 'approved' })).rows.map((r) => r.id)).toEqual([template.id]);

    const retired = await ok<{ template: PaymentTemplate }>('super2', 'templates.retire', { id: template.id, note: '租约到期' });
    expect(retired.template).toMatchObject({ status: 'retired', retiredBy: 'super2', retireNote: '租约到期' });
    expect(code(await backend.invoke('super2', 'templates.retire', { id: template.id, note: 'again' }))).toBe('templates.retired');
    expect(code(await backend.invoke('super1', 'templates.approve', { id: 'TPL-9999' }))).toBe('not_found');
    const audit = backend.services.db.prepare("SELECT action, actor FROM audit_log WHERE entity = 'payment_template' AND entity_id = ? ORDER BY seq").all(template.id);
    expect(audit).toEqual([
      { action: 'template.created', actor: 'clerk1' },
      { action: 'template.approved', actor: 'super1' },
      { action: 'template.retired', actor: 'super2' },
    ]);
  });

  it('the author of a template cannot approve it', async () => {
    // A clerk who is also a supervisor wrote it: the same person may not approve.
    await ok('admin', 'operators.setRoles', { username: 'super2', roles: ['supervisor', 'clerk'] });
    await ok('super2', 'auth.login', demoLoginInput(printed, 'super2', Date.parse('2026-11-26T02:00:00.000Z')));
    const { template } = await ok<{ template: PaymentTemplate }>('super2', 'templates.create', { name: '水费', kind: 'beps', priority: 2, to: 'CCB', debtor: { name: '汉口商贸有限公司', account: '6222020000000001' }, creditor: { name: '武汉水务集团', account: '6222000000008888' }, purpose: '水费', amount: null });
    expect(code(await backend.invoke('super2', 'templates.approve', { id: template.id }))).toBe('templates.author_cannot_approve');
    await ok('admin', 'operators.setRoles', { username: 'super2', roles: ['supervisor'] });
  });

  it('limits: set by an administrator, audited, read by the operator; zero refused', async () => {
    expect((await ok<OperatorLimits>('clerk1', 'operators.limits.mine', {}))).toEqual({ username: 'clerk1', makerLimit: null, checkerLimit: null });
    expect(code(await backend.invoke('super1', 'operators.limits.set', { username: 'super1', makerLimit: null, checkerLimit: '1.00' }))).toBe('auth.forbidden');
    expect(code(await backend.invoke('admin', 'operators.limits.set', { username: 'nobody', makerLimit: null, checkerLimit: '1.00' }))).toBe('operators.not_found');
    expect(code(await backend.invoke('admin', 'operators.limits.set', { username: 'super1', makerLimit: null, checkerLimit: '0.00' }))).toBe('validation');
    expect(code(await backend.invoke('admin', 'operators.limits.set', { username: 'super1', makerLimit: null, checkerLimit: '1e5' }))).toBe('validation');
    await ok('admin', 'operators.limits.set', { username: 'clerk1', makerLimit: '100000.00', checkerLimit: null });
    await ok('admin', 'operators.limits.set', { username: 'super1', makerLimit: null, checkerLimit: '50000.00' });
    expect(await ok<OperatorLimits>('super1', 'operators.limits.mine', {})).toEqual({ username: 'super1', makerLimit: null, checkerLimit: '50000.00' });
    const rows = (await ok<{ rows: OperatorLimits[] }>('admin', 'operators.limits.list', {})).rows;
    expect(rows.find((r) => r.username === 'clerk1')).toEqual({ username: 'clerk1', makerLimit: '100000.00', checkerLimit: null });
    expect(rows.find((r) => r.username === 'super2')).toEqual({ username: 'super2', makerLimit: null, checkerLimit: null });
    const audit = backend.services.db.prepare("SELECT detail FROM audit_log WHERE action = 'operator.limits_changed' AND entity_id = 'super1'").pluck().all();
    expect(audit.map((d) => JSON.parse(d as string))).toEqual([{ from: { maker: null, checker: null }, to: { maker: null, checker: '50000.00' } }]);
  });

  it('single payments: a maker cannot capture, nor a checker verify, above their limit', async () => {
    const above = error(await backend.invoke('clerk1', 'payments.capture', capture('100000.01')));
    expect(above?.code).toBe('limits.maker_exceeded');
    expect(above?.issues?.[0]).toMatchObject({ path: 'amount', messageZh: '金额超过您的录入限额 100,000.00 元，须由限额更高的柜员录入。' });
    const { payment } = await ok<{ payment: { id: string } }>('clerk1', 'payments.capture', capture('60000.00'));
    const refused = error(await backend.invoke('super1', 'payments.verify', { id: payment.id }));
    expect(refused?.code).toBe('limits.checker_exceeded');
    expect(backend.services.db.prepare('SELECT status FROM payments WHERE id = ?').pluck().get(payment.id)).toBe('draft');
    expect((await ok<{ payment: { status: string } }>('super2', 'payments.verify', { id: payment.id })).payment.status).not.toBe('draft');
  });

  it('batches: lines above the importer limit fail at import; the checker verifies only a total within their limit', async () => {
    const imported = await ok<{ batch: BulkBatch; invalid: Array<{ line: number; code: string }> }>('clerk1', 'bulk.import', { content: file(['30000.00', '150000.00', '25000.00']) });
    expect(imported.invalid.map((e) => `${e.line} ${e.code}`)).toEqual(['2 above_limit']);
    const batchId = imported.batch.id;
    const detail = await ok<{ lines: BulkLine[] }>('clerk1', 'bulk.batches.get', { batchId, onlyInvalid: true });
    expect(detail.lines[0]?.errors[0]).toMatchObject({ field: 'amount', reasonZh: '超过导入柜员的录入限额 100,000.00 元' });
    // Fixing the amount within the limit makes the line valid; the batch is now 85,000.00.
    const fixed = await ok<{ batch: BulkBatch; line: BulkLine }>('clerk1', 'bulk.lines.fix', { batchId, line: 2, fields: { amount: '30000.00' } });
    expect(fixed.line.state).toBe('valid');
    expect(fixed.batch).toMatchObject({ valid: 3, total: '85000.00', final: false });
    const refused = error(await backend.invoke('super1', 'bulk.batches.verify', { batchId, count: 3, total: '85000.00' }));
    expect(refused).toMatchObject({ code: 'limits.checker_exceeded', messageZh: '批量总金额超过您的复核限额 50,000.00 元，须由限额更高的复核员复核。' });
    expect(backend.services.db.prepare("SELECT count(*) FROM bulk_lines WHERE batch_id = ? AND state = 'submitted'").pluck().get(batchId)).toBe(0);
    const verified = await ok<{ batch: BulkBatch; paymentIds: string[] }>('super2', 'bulk.batches.verify', { batchId, count: 3, total: '85000.00' });
    expect(verified.paymentIds).toHaveLength(3);
    const db = backend.services.db;
    db.prepare(`UPDATE payments SET status = 'settled' WHERE id IN (${verified.paymentIds.map(() => '?').join(',')})`).run(...verified.paymentIds);
    const list = await ok<{ rows: BulkBatch[] }>('audit1', 'bulk.batches.list', { status: 'verified' });
    expect(list.rows.find((b) => b.id === batchId)?.final).toBe(true);
    const report = readPain002((await ok<{ content: string }>('clerk1', 'bulk.batches.exportPain002', { batchId })).content);
    expect(report.groupStatus).toBe('ACSC');
  });

  it('a line above the importer limit is reported AM02 in the pain.002', async () => {
    const imported = await ok<{ batch: BulkBatch }>('clerk1', 'bulk.import', { content: file(['200000.00']) });
    const report = readPain002((await ok<{ content: string }>('clerk1', 'bulk.batches.exportPain002', { batchId: imported.batch.id })).content);
    expect(report.lines.map((l) => [l.status, l.reasonCode])).toEqual([['RJCT', 'AM02']]);
  });
});
