import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { createConsoleBackend } from '../backend';
import { contractValue as value, openDemoConsole } from './test-support/demo-console';
import type { ContractError } from '../../shared/contract';
import type { RuleSetDetail, RuleSetVersionRow } from '../../shared/contract/handlers/risk-rules';
import type { RuleParamsInput } from '../../shared/risk/rules/rule-params';

type Backend = Awaited<ReturnType<typeof createConsoleBackend>>;

/** The rule-set screen through the contract, on the demo console (v1 = defaults, risk1 proposed, risk2 approved). */
describe('risk rule-set handlers', () => {
  let backend: Backend;
  const nowMs = Date.parse('2026-11-26T02:00:00.000Z'); // 10:00 in Wuhan: the off-hours rule stays quiet
  let account = 0;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ backend, close } = await openDemoConsole({
      dirPrefix: 'hankou-rules-',
      users: ['clerk1', 'super1', 'risk1', 'risk2', 'audit1', 'admin'],
      payments: 20,
      nowMs: nowMs,
      watchList: true,
    }));
  });
  afterAll(() => close());

  const errorOf = (result: { ok: boolean; error?: ContractError }) => (result.ok ? null : (result.error ?? null));
  const list = async () => value<{ versions: RuleSetVersionRow[]; active: number | null }>(await backend.invoke('risk1', 'risk.rules.list', {}));
  const detail = async (version: number) => value<RuleSetDetail>(await backend.invoke('risk1', 'risk.rules.get', { version }));

  /** Captured by clerk1 to a fresh debtor account, verified by super1; the payment's status after risk. */
  async function pay(amount: string) {
    const captured = value<{ payment: { id: string } }>(
      await backend.invoke('clerk1', 'payments.capture', {
        kind: 'hvps', priority: 2, to: 'ICBC', amount, currency: 'CNY',
        debtor: { name: '武汉光谷科技有限公司', account: `42019999${String(++account).padStart(8, '0')}` },
        creditor: { name: '湖北楚天贸易有限公司', account: '6222020200112233445' }, purpose: '货款',
      }),
    );
    return value<{ payment: { id: string; status: string } }>(await backend.invoke('super1', 'payments.verify', { id: captured.payment.id })).payment;
  }

  /** v1's parameters with round amounts from ¥1,000.00 scoring 35: enough alone for review (band 30). */
  async function strictRoundAmounts(): Promise<RuleParamsInput> {
    const v1 = await detail(1);
    return { ...v1.params, round_amount: { ...v1.params.round_amount, minAmount: '1000.00', score: 35 } };
  }

  it('lets risk officers and auditors read, only risk officers change, and refuses everyone else', async () => {
    const listed = await list();
    expect(listed.active).toBe(1);
    expect(listed.versions[0]).toMatchObject({ version: 1, status: 'active', author: 'risk1', approver: 'risk2' });
    expect((await backend.invoke('audit1', 'risk.rules.list', {})).ok).toBe(true);
    expect((await backend.invoke('audit1', 'risk.rules.get', { version: 1 })).ok).toBe(true);
    const v1 = await detail(1);
    for (const user of ['clerk1', 'super1', 'admin']) {
      expect(errorOf(await backend.invoke(user, 'risk.rules.list', {}))?.code).toBe('auth.forbidden');
      expect(errorOf(await backend.invoke(user, 'risk.rules.propose', { params: v1.params, bands: v1.bands, note: 'x' }))?.code).toBe('auth.forbidden');
    }
    expect(errorOf(await backend.invoke('audit1', 'risk.rules.propose', { params: v1.params, bands: v1.bands, note: 'x' }))?.code).toBe('auth.forbidden');
    expect(errorOf(await backend.invoke('audit1', 'risk.rules.approve', { version: 1 }))?.code).toBe('auth.forbidden');
    expect(errorOf(await backend.invoke('risk1', 'risk.rules.get', { version: 99 }))?.code).toBe('not_found');
  });

  it('refuses bad parameters field by field and stores nothing', async () => {
    const v1 = await detail(1);
    const before = (await list()).versions.length;
    const attempts: [unknown, unknown, string][] = [
      [{ ...v1.params, velocity: { ...v1.params.velocity, amountAtLeast: '1,000,000.00x' } }, v1.bands, 'params.velocity.amountAtLeast'],
      [{ ...v1.params, round_amount: { ...v1.params.round_amount, score: 101 } }, v1.bands, 'params.round_amount.score'],
      [{ ...v1.params, velocity: { ...v1.params.velocity, windowMinutes: 0 } }, v1.bands, 'params.velocity.windowMinutes'],
      [{ ...v1.params, unknown_rule: {} }, v1.bands, 'params'],
      [v1.params, { review: 60, hold: 30, reject: 120 }, 'bands'],
      [v1.params, { ...v1.bands, extra: 1 }, 'bands'],
    ];
    for (const [params, bands, path] of attempts) {
      const error = errorOf(await backend.invoke('risk1', 'risk.rules.propose', { params, bands, note: 'bad' }));
      expect(error?.code).toBe('validation');
      expect(error?.issues?.some((i) => i.path === path || i.path.startsWith(path))).toBe(true);
    }
    expect(errorOf(await backend.invoke('risk1', 'risk.rules.propose', { params: v1.params, bands: v1.bands, note: '  ' }))?.code).toBe('validation');
    expect((await list()).versions.length).toBe(before);
  });

  it('puts a proposal in force only when a different officer approves it; new payments are scored by it', async () => {
    expect((await pay('10000.00')).status).not.toBe('held'); // v1: a round ¥10,000 is below the round-amount floor
    const proposed = value<{ version: RuleSetVersionRow }>(
      await backend.invoke('risk1', 'risk.rules.propose', { params: await strictRoundAmounts(), bands: (await detail(1)).bands, note: 'round amounts from ¥1,000' }),
    ).version;
    expect(proposed).toMatchObject({ version: 2, status: 'proposed', author: 'risk1', approver: null });
    expect((await detail(2)).params.round_amount.minAmount).toBe('1000.00');
    expect((await list()).active).toBe(1);
    expect((await pay('10000.00')).status).not.toBe('held'); // not yet in force

    const preview = value<{ active: { counts: Record<string, number> } | null; proposed: { version: number; counts: Record<string, number> }; scored: number }>(
      await backend.invoke('risk2', 'risk.rules.preview', { version: 2, days: 7 }),
    );
    expect(preview.proposed.version).toBe(2);
    expect(preview.scored).toBeGreaterThan(0);
    const sum = (c: Record<string, number>) => Object.values(c).reduce((a, b) => a + b, 0);
    expect(sum(preview.proposed.counts)).toBe(preview.scored);
    expect(preview.proposed.counts.review).toBeGreaterThan(preview.active?.counts.review ?? 0); // the two ¥10,000 payments at least

    const self = errorOf(await backend.invoke('risk1', 'risk.rules.approve', { version: 2 }));
    expect(self?.code).toBe('same_person');
    expect(self?.message).toMatch(/different person/);
    expect(self?.messageZh).toMatch(/同一人/);
    expect((await list()).active).toBe(1);

    const approved = value<{ version: RuleSetVersionRow; superseded: number | null }>(await backend.invoke('risk2', 'risk.rules.approve', { version: 2, note: '已核对' }));
    expect(approved).toMatchObject({ version: { version: 2, status: 'active', approver: 'risk2' }, superseded: 1 });
    const after = await list();
    expect(after.active).toBe(2);
    expect(after.versions.map((v) => [v.version, v.status])).toEqual([[2, 'active'], [1, 'superseded']]);
    expect(errorOf(await backend.invoke('risk1', 'risk.rules.approve', { version: 2 }))?.code).toBe('already_approved');

    expect((await pay('10000.00')).status).toBe('held'); // v2 in force: round ¥10,000 now scores 35 -> review
  });

  it('rejects a proposal with a note; one proposal waits at a time; a rejected one cannot be approved', async () => {
    const base = await detail(2);
    const params = { ...base.params, velocity: { ...base.params.velocity, countAtLeast: 5 } };
    const v3 = value<{ version: RuleSetVersionRow }>(await backend.invoke('risk2', 'risk.rules.propose', { params, bands: base.bands, note: 'velocity 5' })).version;
    expect(v3.version).toBe(3);
    expect(errorOf(await backend.invoke('risk1', 'risk.rules.propose', { params, bands: base.bands, note: 'again' }))?.code).toBe('proposal_pending');
    expect(errorOf(await backend.invoke('risk1', 'risk.rules.reject', { version: 3, note: '' }))?.code).toBe('validation');
    const rejected = value<{ version: RuleSetVersionRow }>(await backend.invoke('risk1', 'risk.rules.reject', { version: 3, note: '阈值过严，误报太多' })).version;
    expect(rejected).toMatchObject({ version: 3, status: 'rejected', rejectedBy: 'risk1', rejectNote: '阈值过严，误报太多' });
    expect(errorOf(await backend.invoke('risk1', 'risk.rules.approve', { version: 3 }))?.code).toBe('already_rejected');
    expect(errorOf(await backend.invoke('risk2', 'risk.rules.reject', { version: 3, note: 'x' }))?.code).toBe('already_rejected');
    expect(errorOf(await backend.invoke('risk2', 'risk.rules.reject', { version: 2, note: 'x' }))?.code).toBe('already_approved');
    expect((await list()).active).toBe(2);
    // With v3 rejected a new proposal may be made; its author may withdraw it.
    const v4 = value<{ version: RuleSetVersionRow }>(await backend.invoke('risk1', 'risk.rules.propose', { params, bands: base.bands, note: 'velocity 5, again' })).version;
    expect(value<{ version: RuleSetVersionRow }>(await backend.invoke('risk1', 'risk.rules.reject', { version: v4.version, note: 'withdrawn' })).version.status).toBe('rejected');
  });

  it('audits every step with who did it', async () => {
    const audit = value<{ entries: { actor: string; action: string; entityId: string; details: string }[] }>(
      await backend.invoke('audit1', 'audit.page', { filter: { action: 'risk.rules' }, limit: 50 }),
    );
    const steps = audit.entries.map((e) => `${e.action} ${e.actor} ${e.entityId}`).reverse();
    expect(steps).toEqual([
      'risk.rules.propose risk1 1',
      'risk.rules.approve risk2 1',
      'risk.rules.propose risk1 2',
      'risk.rules.approve risk2 2',
      'risk.rules.propose risk2 3',
      'risk.rules.reject risk1 3',
      'risk.rules.propose risk1 4',
      'risk.rules.reject risk1 4',
    ]);
    const details = (action: string, id: string) => audit.entries.find((e) => e.action === action && e.entityId === id)?.details ?? '';
    expect(details('risk.rules.approve', '2')).toMatch(/supersedes=1/);
    expect(details('risk.rules.reject', '4')).toMatch(/withdrawn=true/);
  });
});
