import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { createConsoleBackend } from '../backend';
import { contractValue as value, openDemoConsole } from './test-support/demo-console';
import type { ContractError } from '../../shared/contract';
import type { LargeValueRow } from '../../shared/contract/handlers/large-value';
import { workingDaysUntil } from './large-value-queries';
import { customerTypeByName } from './large-value-customer-type';

type Backend = Awaited<ReturnType<typeof createConsoleBackend>>;
type Page = { rows: LargeValueRow[]; total: number; today: string };

/** The large-value screen through the contract, as the renderer calls it. */
describe('large-value report handlers', () => {
  let backend: Backend;
  let close: () => Promise<void>;
  const nowMs = Date.parse('2026-11-26T02:00:00.000Z');

  beforeAll(async () => {
    ({ backend, close } = await openDemoConsole({
      dirPrefix: 'hankou-lv-',
      users: ['clerk1', 'risk1', 'risk2', 'audit1', 'admin', 'super1'],
      payments: 3000,
      nowMs: nowMs,
      watchList: false,
    }));
  });
  afterAll(() => close());

  const errorOf = (result: { ok: boolean; error?: ContractError }) => (result.ok ? null : (result.error ?? null));
  const page = async (filter: object = {}) => value<Page>(await backend.invoke('risk1', 'risk.largeValue.page', { filter }));

  it('lets risk officers and auditors read, only risk officers act, and refuses everyone else', async () => {
    for (const user of ['clerk1', 'admin', 'super1']) {
      expect(errorOf(await backend.invoke(user, 'risk.largeValue.page', {}))?.code).toBe('auth.forbidden');
    }
    expect((await backend.invoke('audit1', 'risk.largeValue.page', {})).ok).toBe(true);
    expect(errorOf(await backend.invoke('audit1', 'risk.largeValue.export', {}))?.code).toBe('auth.forbidden');
    expect(errorOf(await backend.invoke('audit1', 'risk.largeValue.markFiled', { reportId: 'x', filingRef: 'y' }))?.code).toBe('auth.forbidden');
  });

  it('shows the demo week of reports, soonest due first, with working days left, the earlier ones filed', async () => {
    const { rows, total, today } = await page();
    expect(today).toBe('2026-11-26');
    expect(total).toBeGreaterThan(0);
    expect(rows.map((r) => r.dueDate)).toEqual([...rows.map((r) => r.dueDate)].sort());
    for (const r of rows) {
      expect(r.status).not.toBe('submitted');
      expect(r.workingDaysLeft).toBe(workingDaysUntil(today, r.dueDate));
      expect(r.overdue).toBe(r.workingDaysLeft < 0);
      expect(BigInt(r.totalAmount.replace('.', ''))).toBeGreaterThanOrEqual(BigInt(r.thresholdAmount.replace('.', '')));
    }
    // The demo officer filed what was due before today (a bank files within five working days):
    // the pending list is this week's work, none of it overdue (issue 16).
    expect(rows.some((r) => r.overdue)).toBe(false);
    expect(rows.some((r) => r.workingDaysLeft === 0)).toBe(true);
    const filed = await page({ status: 'filed' });
    expect(filed.rows.length).toBeGreaterThan(0);
    for (const r of filed.rows) {
      expect(r.dueDate < today).toBe(true);
      expect(r).toMatchObject({ status: 'submitted', filedBy: 'risk1', overdue: false });
      expect(r.filingRef).toMatch(/^PBOC-DEMO-\d{4}$/);
    }
  });

  it('filters by business date range and customer, and refuses a reversed range', async () => {
    const all = await page();
    const sample = all.rows[0];
    if (sample === undefined) throw new Error('no demo reports');
    const oneDay = await page({ from: sample.businessDate, to: sample.businessDate });
    expect(oneDay.rows.length).toBeGreaterThan(0);
    expect(oneDay.rows.every((r) => r.businessDate === sample.businessDate)).toBe(true);
    const byCustomer = await page({ customer: sample.customerId });
    expect(byCustomer.rows.every((r) => r.customerId === sample.customerId)).toBe(true);
    expect(byCustomer.rows.map((r) => r.reportId)).toContain(sample.reportId);
    expect((await page({ customer: '不存在的客户名' })).total).toBe(0);
    expect(errorOf(await backend.invoke('risk1', 'risk.largeValue.page', { filter: { from: '2026-11-20', to: '2026-11-10' } }))?.code).toBe('validation');
  });

  it('shows a report with the payments that made it up, adding up to its total', async () => {
    const sample = (await page()).rows[0];
    if (sample === undefined) throw new Error('no demo reports');
    const detail = value<{ report: LargeValueRow; payments: { amount: string; direction: string }[]; missingIds: string[] }>(
      await backend.invoke('audit1', 'risk.largeValue.get', { reportId: sample.reportId }),
    );
    expect(detail.missingIds).toEqual([]);
    expect(detail.payments).toHaveLength(sample.transactionCount);
    const sum = detail.payments.reduce((s, p) => s + BigInt(p.amount.replace('.', '')), 0n);
    expect(sum).toBe(BigInt(sample.totalAmount.replace('.', '')));
    expect(detail.payments.every((p) => p.direction === sample.direction)).toBe(true);
    expect(errorOf(await backend.invoke('risk1', 'risk.largeValue.get', { reportId: 'LV-nope' }))?.code).toBe('not_found');
  });

  it('exports the chosen reports as CSV, recording the exporter as reviewer, and files once only (audited)', async () => {
    const [first, second] = (await page()).rows;
    if (first === undefined || second === undefined) throw new Error('need two demo reports');
    expect(errorOf(await backend.invoke('risk1', 'risk.largeValue.markFiled', { reportId: first.reportId, filingRef: 'PBOC-1' }))?.code).toBe('not_exported');

    const exported = value<{ csv: string; count: number; fileName: string }>(await backend.invoke('risk1', 'risk.largeValue.export', { reportIds: [first.reportId, second.reportId] }));
    const lines = exported.csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe('report_id,business_date,due_date,customer_id,customer_name,customer_type,category,direction,single,transaction_count,total_amount,threshold_amount,transaction_ids');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain(`${first.reportId},${first.businessDate},${first.dueDate},`);
    expect(lines[1]).toContain(first.totalAmount);
    expect(exported.fileName).toBe('large-value-reports-20261126T100000+0800.csv'); // Wuhan time

    const blank = await backend.invoke('risk1', 'risk.largeValue.markFiled', { reportId: first.reportId, filingRef: '   ' });
    expect(errorOf(blank)?.code).toBe('validation');
    const filed = value<{ report: LargeValueRow }>(await backend.invoke('risk1', 'risk.largeValue.markFiled', { reportId: first.reportId, filingRef: ' PBOC-20261126-0001 ' }));
    expect(filed.report).toMatchObject({ status: 'submitted', filingRef: 'PBOC-20261126-0001', filedBy: 'risk1', reviewedBy: 'risk1', overdue: false });

    const again = errorOf(await backend.invoke('risk2', 'risk.largeValue.markFiled', { reportId: first.reportId, filingRef: 'PBOC-OTHER' }));
    expect(again?.code).toBe('already_filed');
    expect(again?.message).toContain('PBOC-20261126-0001');
    expect(errorOf(await backend.invoke('risk1', 'risk.largeValue.export', { reportIds: [first.reportId, second.reportId] }))?.code).toBe('already_filed');

    const filedPage = await page({ status: 'filed' });
    // Beside the ones the demo officer filed before today.
    expect(filedPage.rows.filter((r) => !r.filingRef?.startsWith('PBOC-DEMO-')).map((r) => r.reportId)).toEqual([first.reportId]);
    expect((await page()).rows.map((r) => r.reportId)).not.toContain(first.reportId);

    const audit = value<{ entries: { actor: string; action: string; entityId: string }[] }>(await backend.invoke('audit1', 'audit.page', { filter: { action: 'risk.large_value' } }));
    const actions = audit.entries.map((e) => `${e.action} ${e.actor} ${e.entityId}`);
    expect(actions).toContain(`risk.large_value.submit risk1 ${first.reportId}`);
    expect(actions).toContain(`risk.large_value.review risk1 ${second.reportId}`);
    // Filed once only (the demo's own filings are other reports).
    expect(actions.filter((a) => a === `risk.large_value.submit risk1 ${first.reportId}`)).toHaveLength(1);
  });

  it('exports every pending report when none are named, and generates a day on demand without duplicates', async () => {
    const [one] = (await page()).rows;
    if (one === undefined) throw new Error('no demo reports');
    const twice = value<{ count: number }>(await backend.invoke('risk1', 'risk.largeValue.export', { reportIds: [one.reportId, one.reportId] }));
    expect(twice.count).toBe(1);
    const pendingBefore = (await page()).total;
    const generated = value<{ inserted: number; businessDate: string }>(await backend.invoke('risk1', 'risk.largeValue.generate', {}));
    expect(generated).toMatchObject({ businessDate: '2026-11-26', inserted: 0 });
    expect((await page()).total).toBe(pendingBefore);
    const all = value<{ count: number; csv: string }>(await backend.invoke('risk1', 'risk.largeValue.export', {}));
    expect(all.count).toBe(pendingBefore);
    expect(all.csv.trimEnd().split('\r\n')).toHaveLength(pendingBefore + 1);
  });
});

describe('working days and customer types for the large-value run', () => {
  it('counts working days to the due date, skipping the weekend, negative once past', () => {
    expect(workingDaysUntil('2026-11-26', '2026-11-26')).toBe(0);
    expect(workingDaysUntil('2026-11-26', '2026-12-03')).toBe(5); // Thu -> next Thu
    expect(workingDaysUntil('2026-11-27', '2026-11-30')).toBe(1); // Fri -> Mon
    expect(workingDaysUntil('2026-11-30', '2026-11-27')).toBe(-1);
    expect(workingDaysUntil('2026-11-26', '2026-11-27', new Set(['2026-11-27']))).toBe(0);
  });
  it('reads an organisation from its name, everyone else as a natural person', () => {
    expect(customerTypeByName('1', '武汉光谷科技有限公司')).toBe('corporate');
    expect(customerTypeByName('1', 'Acme Trading Co., Ltd')).toBe('corporate');
    expect(customerTypeByName('1', '王小明')).toBe('individual');
  });
});
