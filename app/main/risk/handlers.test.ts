import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { createConsoleBackend } from '../backend';
import { contractValue as value, openDemoConsole } from './test-support/demo-console';
import type { ContractError } from '../../shared/contract';

type Backend = Awaited<ReturnType<typeof createConsoleBackend>>;

/** The review desk through the contract, as the renderer calls it: roles, notes, four-eyes. */
describe('risk desk handlers', () => {
  let backend: Backend;
  const nowMs = Date.parse('2026-11-26T02:00:00.000Z'); // 10:00 in Wuhan: the off-hours rule stays quiet
  let account = 0;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ backend, close } = await openDemoConsole({
      dirPrefix: 'hankou-risk-',
      users: ['clerk1', 'super1', 'risk1', 'risk2', 'super2', 'audit1', 'admin'],
      payments: 20,
      nowMs: nowMs,
      watchList: true,
    }));
  });
  afterAll(() => close());

  const errorOf = (result: { ok: boolean; error?: ContractError }) => (result.ok ? 'ok' : result.error);

  /** Captured by clerk1, verified by super1; returns the payment as verified. */
  async function pay(creditor: string, amount: string) {
    const captured = value(
      await backend.invoke('clerk1', 'payments.capture', {
        kind: 'hvps', priority: 2, to: 'ICBC', amount, currency: 'CNY',
        debtor: { name: '武汉光谷科技有限公司', account: `42012345${String(++account).padStart(8, '0')}` },
        creditor: { name: creditor, account: '6222020200112233445' }, purpose: '货款',
      }),
    ) as { payment: { id: string } };
    return (value(await backend.invoke('super1', 'payments.verify', { id: captured.payment.id })) as { payment: { id: string; status: string } }).payment;
  }
  const alertOf = async (paymentId: string) => {
    const page = value(await backend.invoke('risk1', 'risk.alerts.page', { view: 'active' })) as { rows: { id: string; paymentId: string }[] };
    const row = page.rows.find((r) => r.paymentId === paymentId);
    if (row === undefined) throw new Error(`no alert for ${paymentId} in the queue`);
    return row.id;
  };

  it('seeds the demo rules by two officers and reports the lists in use', async () => {
    const status = value(await backend.invoke('risk1', 'risk.desk.status', {})) as { rulesVersion: number; lists: { origin: string; names: number }; fourEyesAmount: string; officers: { username: string }[] };
    expect(status.rulesVersion).toBe(1);
    expect(status.lists).toMatchObject({ origin: 'env', names: 1 });
    expect(status.fourEyesAmount).toBe('500000.00');
    expect(status.officers.map((o) => o.username)).toEqual(['risk1', 'risk2']);
  });

  it('puts a held payment in the queue with its hits and the names side by side', async () => {
    const p = await pay('Banco Nacional de Cuba', '8000.00');
    expect(p.status).toBe('held');
    const detail = value(await backend.invoke('risk1', 'risk.alerts.get', { id: await alertOf(p.id) })) as {
      alert: { decision: string; rules: string[]; bestMatch: number }; screening: { query: string; matchedName: string; tokens: unknown[] }[]; hits: { explanation: { zh: string } }[]; history: { id: string }[]; fourEyesRequired: boolean;
    };
    expect(detail.alert).toMatchObject({ decision: 'hold', rules: ['sanctions_match'], bestMatch: 1 });
    expect(detail.screening[0]).toMatchObject({ query: 'Banco Nacional de Cuba', matchedName: 'BANCO NACIONAL DE CUBA' });
    expect(detail.screening[0]?.tokens).toHaveLength(4);
    expect(detail.hits[0]?.explanation.zh).toMatch(/制裁/);
    expect(detail.history.map((h) => h.id)).toEqual([p.id]);
    // Under the four-eyes amount, but a sanctions hit: releasing it needs two people (issue 16).
    expect(detail.fourEyesRequired).toBe(true);
  });

  it('lets only the right roles act, and needs a note', async () => {
    const p = await pay('Banco Nacional de Cuba', '9000.00');
    const id = await alertOf(p.id);
    expect(errorOf(await backend.invoke('clerk1', 'risk.alerts.page', {}))).toMatchObject({ code: 'auth.forbidden' });
    expect(errorOf(await backend.invoke('audit1', 'risk.alerts.decide', { id, decision: 'release', note: 'x' }))).toMatchObject({ code: 'auth.forbidden' });
    expect((await backend.invoke('audit1', 'risk.alerts.get', { id })).ok).toBe(true);
    expect(errorOf(await backend.invoke('risk1', 'risk.alerts.decide', { id, decision: 'release', note: '  ' }))).toMatchObject({
      code: 'note_required', message: 'a decision needs a note', messageZh: '处理意见不能为空',
    });
    // A supervisor may release held payments, but a sanctions match is the risk officer's call.
    expect(errorOf(await backend.invoke('super2', 'risk.alerts.decide', { id, decision: 'release', note: 'known customer' }))).toMatchObject({ code: 'risk.sanctions_needs_officer' });
    expect(errorOf(await backend.invoke('super2', 'risk.alerts.assign', { id, assignee: 'risk1' }))).toMatchObject({ code: 'auth.forbidden' });
    expect(errorOf(await backend.invoke('risk1', 'risk.alerts.assign', { id, assignee: 'clerk1' }))).toMatchObject({ code: 'risk.not_an_officer' });
    const assigned = value(await backend.invoke('risk1', 'risk.alerts.assign', { id, assignee: 'risk2' })) as { alert: { assignee: string } };
    expect(assigned.alert.assignee).toBe('risk2');
    const mine = value(await backend.invoke('risk2', 'risk.alerts.page', { view: 'mine' })) as { rows: { id: string }[] };
    expect(mine.rows.map((r) => r.id)).toEqual([id]);
    const rejected = value(await backend.invoke('risk1', 'risk.alerts.decide', { id, decision: 'reject', note: 'listed bank' })) as { payment: { status: string; reason: string } };
    expect(rejected.payment).toMatchObject({ status: 'rejected', reason: 'SANCTIONS' });
  });

  it('above the four-eyes amount waits for a second officer, never the same one (error in both languages)', async () => {
    const p = await pay('Banco Nacional de Cuba', '654321.00');
    const id = await alertOf(p.id);
    value(await backend.invoke('risk1', 'risk.alerts.decide', { id, decision: 'escalate', note: 'large, listed name' }));
    const first = value(await backend.invoke('risk2', 'risk.alerts.decide', { id, decision: 'release', note: 'not the listed bank: Havana branch of a client' })) as { alert: { status: string; pendingBy: string }; payment: { status: string } };
    expect(first.alert).toMatchObject({ status: 'pending_release', pendingBy: 'risk2' });
    expect(first.payment.status).toBe('held');
    expect(errorOf(await backend.invoke('risk2', 'risk.alerts.decide', { id, decision: 'confirm', note: 'me again' }))).toMatchObject({
      code: 'same_person', message: 'the second officer must be a different person', messageZh: '复核人不能与经办人为同一人',
    });
    const second = value(await backend.invoke('risk1', 'risk.alerts.decide', { id, decision: 'confirm', note: 'agreed' })) as { alert: { status: string }; payment: { status: string } };
    expect(second.alert.status).toBe('released');
    // No sync link in this test: the released payment is back to verified and free to go (the outbox tests prove the enqueue).
    expect(second.payment.status).toBe('verified');
    const detail = value(await backend.invoke('risk1', 'risk.alerts.get', { id })) as { decisions: { actor: string; action: string }[] };
    expect(detail.decisions.map((d) => `${d.actor}:${d.action}`)).toEqual(['risk1:escalate', 'risk2:release', 'risk1:confirm']);
  });

  it('changes the four-eyes amount only for an admin, audited', async () => {
    expect(errorOf(await backend.invoke('risk1', 'risk.settings.set', { fourEyesAmount: '1.00' }))).toMatchObject({ code: 'auth.forbidden' });
    const status = value(await backend.invoke('admin', 'risk.settings.set', { fourEyesAmount: '200000.00' })) as { fourEyesAmount: string };
    expect(status.fourEyesAmount).toBe('200000.00');
    value(await backend.invoke('admin', 'risk.settings.set', { fourEyesAmount: '500000.00' }));
  });

  it('groups alerts in a case with notes and a size-limited attachment', async () => {
    const p = await pay('Banco Nacional de Cuba', '7000.00');
    const alertId = await alertOf(p.id);
    const opened = value(await backend.invoke('risk1', 'risk.cases.open', { title: '古巴国家银行名称命中', alertIds: [alertId] })) as { case: { id: string } };
    expect(opened.case.id).toBe('RC-20261126-001');
    value(await backend.invoke('risk1', 'risk.cases.note', { caseId: opened.case.id, note: '已联系客户' }));
    const content = Buffer.from('客户说明：货款').toString('base64');
    const attached = value(await backend.invoke('risk1', 'risk.cases.attach', { caseId: opened.case.id, fileName: 'C:\\docs\\说明.txt', mediaType: 'text/plain', contentBase64: content })) as { attachment: { id: number; fileName: string; sizeBytes: number } };
    expect(attached.attachment).toMatchObject({ fileName: '说明.txt', sizeBytes: 21 });
    const tooBig = Buffer.alloc(512 * 1024 + 1).toString('base64');
    expect(errorOf(await backend.invoke('risk1', 'risk.cases.attach', { caseId: opened.case.id, fileName: 'big.bin', mediaType: 'application/octet-stream', contentBase64: tooBig }))).toMatchObject({ code: 'risk.attachment_too_large' });
    const kase = value(await backend.invoke('risk2', 'risk.cases.get', { id: opened.case.id })) as { alerts: { id: string }[]; notes: { note: string }[]; attachments: unknown[]; case: { alertCount: number } };
    expect(kase.alerts.map((a) => a.id)).toEqual([alertId]);
    expect(kase.notes.map((n) => n.note)).toEqual(['已联系客户']);
    expect(kase.attachments).toHaveLength(1);
    const file = value(await backend.invoke('risk2', 'risk.cases.attachment', { caseId: opened.case.id, attachmentId: attached.attachment.id })) as { contentBase64: string };
    expect(Buffer.from(file.contentBase64, 'base64').toString('utf8')).toBe('客户说明：货款');
  });
});
