import { describe, expect, it } from 'vitest';
import type { CaptureInput } from '../../shared/contract';
import { DEFAULT_BANDS, DEFAULT_RULE_PARAMS } from '../../shared/risk/rules/default-rules';
import type { SanctionsList } from '../../shared/risk/screening/sanctions-list';
import { Screener } from '../../shared/risk/screening/screener';
import { capturePayment, verifyPayment } from '../payments/payment-commands';
import { findPayment } from '../payments/payment-repository';
import { VerifyPipeline } from '../payments/verify-pipeline';
import { migrate } from '../store/migrate';
import { SYNC_MIGRATIONS } from '../sync/migrations/index';
import { enqueueOutbox, outboxAfter } from '../sync/outbox';
import { alertForPayment, paymentRiskGate } from './alert-store';
import { decideFromDesk } from './alert-desk';
import { riskGate } from './risk-flow';
import { setRiskSettings } from './risk-settings';
import { approveRules, proposeRules } from './rule-set-store';
import { seededRiskStore } from './test-support/risk-store';
import { auditTrail } from './test-support/audit-trail';

const list: SanctionsList = {
  list: 'local',
  title: 'test',
  entries: [{ list: 'local', id: 'L-306', type: 'entity', name: 'BANCO NACIONAL DE CUBA', aliases: [], programs: [], addresses: [], reference: null, remarks: null }],
};

let debtorSeq = 0;
const capture = (creditorName: string, amount: string): CaptureInput => ({
  kind: 'hvps',
  priority: 1,
  to: 'ICBC',
  amount,
  currency: 'CNY',
  // A debtor of its own per payment, so velocity and structuring stay quiet.
  debtor: { name: '武汉光谷科技有限公司', account: `42012345678${String(++debtorSeq).padStart(5, '0')}` },
  creditor: { name: creditorName, account: '6222020200112233445' },
  purpose: '货款',
});

/** The console's hook order: risk first, then the outbox (the sync extension's hook). */
function setUp() {
  const db = seededRiskStore();
  migrate(db, SYNC_MIGRATIONS);
  proposeRules(db, { params: DEFAULT_RULE_PARAMS, bands: DEFAULT_BANDS, author: 'risk1', at: '2026-11-26T00:00:00.000Z', note: 'initial' });
  approveRules(db, { version: 1, approver: 'risk2', at: '2026-11-26T00:10:00.000Z' });
  setRiskSettings(db, { fourEyesAmountMinor: 50_000_000n }, 'admin', '2026-11-26T00:20:00.000Z');
  const screener = new Screener([list]);
  const hooks = new VerifyPipeline();
  hooks.setRiskGate(riskGate({ screener: () => screener, whenNoRules: 'block' }));
  hooks.setOutbox((stepDb, payment) => enqueueOutbox(stepDb, payment, payment.updated_at));
  let minute = 0;
  // Business hours in Wuhan (10:xx +08:00) so the off-hours rule stays quiet.
  const at = () => `2026-11-26T02:${String(minute++).padStart(2, '0')}:00.000Z`;
  const run = (creditor: string, amount: string) => {
    const p = capturePayment(db, capture(creditor, amount), { username: 'clerk1', at: at() });
    return verifyPayment(db, p.id, { username: 'super1', at: at() }, hooks);
  };
  const decide = (paymentId: string, action: 'escalate' | 'release' | 'reject' | 'confirm' | 'refuse', actor: string, roles: ('risk' | 'supervisor')[] = ['risk']) => {
    const alert = alertForPayment(db, paymentId);
    if (alert === null) throw new Error(`no alert for ${paymentId}`);
    return decideFromDesk(db, hooks, { alertId: alert.id, action, note: `${action} by ${actor}`, actor, roles, at: at() });
  };
  const outboxIds = () => outboxAfter(db, 0, 1000).map((r) => r.mutation_id);
  return { db, run, decide, outboxIds };
}

describe('the risk flow between verification and the outbox', () => {
  it('sends a clean payment straight to the outbox', () => {
    const { run, outboxIds } = setUp();
    const p = run('张伟', '8000.00');
    expect(p.status).toBe('queued_offline');
    expect(outboxIds()).toEqual([p.id]);
  });

  it('keeps a held payment out of the outbox until released, then enqueues it exactly once', () => {
    const { db, run, decide, outboxIds } = setUp();
    const held = run('Banco Nacional de Cuba', '8000.00');
    expect(held.status).toBe('held');
    expect(paymentRiskGate(db, held.id)).toBe('held');
    expect(outboxIds()).toEqual([]);
    // The sync module's hook given the held payment itself (a stray call) still writes nothing.
    db.transaction(() => enqueueOutbox(db, held, held.updated_at))();
    expect(outboxIds()).toEqual([]);
    decide(held.id, 'escalate', 'risk1');
    expect(findPayment(db, held.id)?.status).toBe('held');
    expect(outboxIds()).toEqual([]);
    // A sanctions hit: releasing it needs a second officer at any amount (issue 16).
    expect(decide(held.id, 'release', 'risk2').payment.status).toBe('held');
    expect(outboxIds()).toEqual([]);
    const { payment } = decide(held.id, 'confirm', 'risk1');
    expect(payment.status).toBe('queued_offline');
    expect(outboxIds()).toEqual([held.id]);
    // A released alert is final: releasing again is refused and enqueues nothing.
    expect(() => decide(held.id, 'release', 'risk1')).toThrow(/cannot release/);
    expect(outboxIds()).toEqual([held.id]);
    expect(auditTrail(db).filter(([, , id]) => id === held.id).map(([actor, action]) => `${actor}:${action}`)).toEqual([
      'clerk1:payment.captured',
      'super1:payment.verified',
      'risk-engine:payment.risk_held',
      'risk1:payment.risk_released',
    ]);
    const moves = db.prepare(`SELECT action, json_extract(detail, '$.from') AS "from", json_extract(detail, '$.to') AS "to" FROM audit_log
      WHERE entity_id = ? AND action LIKE 'payment.risk_%' ORDER BY seq`).all(held.id);
    expect(moves).toEqual([
      { action: 'payment.risk_held', from: 'verified', to: 'held' },
      { action: 'payment.risk_released', from: 'held', to: 'verified' },
    ]);
  });

  it('releases a payment held before 0007 (status verified, alert open) to the outbox once', () => {
    const { db, run, decide, outboxIds } = setUp();
    const held = run('Banco Nacional de Cuba', '8000.00');
    // How a store held it before the `held` status existed.
    db.prepare("UPDATE payments SET status = 'verified' WHERE id = ?").run(held.id);
    expect(decide(held.id, 'release', 'risk1').alert.status).toBe('pending_release');
    expect(decide(held.id, 'confirm', 'risk2').payment.status).toBe('queued_offline');
    expect(outboxIds()).toEqual([held.id]);
  });

  it('above the four-eyes amount waits for a second, different officer before it goes out', () => {
    const { run, decide, outboxIds } = setUp();
    const big = run('Banco Nacional de Cuba', '654321.00');
    expect(big.status).toBe('held');
    decide(big.id, 'escalate', 'risk1');
    const pending = decide(big.id, 'release', 'risk2');
    expect(pending.alert.status).toBe('pending_release');
    expect(pending.payment.status).toBe('held');
    expect(outboxIds()).toEqual([]);
    expect(() => decide(big.id, 'confirm', 'risk2')).toThrow(/different person/);
    expect(outboxIds()).toEqual([]);
    const confirmed = decide(big.id, 'confirm', 'risk1');
    expect(confirmed.alert.status).toBe('released');
    expect(confirmed.payment.status).toBe('queued_offline');
    expect(outboxIds()).toEqual([big.id]);
  });

  it('never sends a payment an officer rejected; the reason names the sanctions match', () => {
    const { db, run, decide, outboxIds } = setUp();
    const p = run('Banco Nacional de Cuba', '8000.00');
    expect(p.status).toBe('held');
    const { payment } = decide(p.id, 'reject', 'risk1');
    expect(payment.status).toBe('rejected');
    expect(payment.reason).toBe('SANCTIONS');
    expect(outboxIds()).toEqual([]);
    expect(() => decide(p.id, 'release', 'risk2')).toThrow(/cannot release/);
    expect(findPayment(db, p.id)?.status).toBe('rejected');
    expect(outboxIds()).toEqual([]);
  });

  it('ends a payment the rules score reject, at verification', () => {
    const { db, run, outboxIds } = setUp();
    // 70 (sanctions) + 40 (individual >= 2,000,000) + 25 (velocity: the sum alone reaches ¥1,000,000) + 10 new payee + 5 round = 150 >= 120.
    const p = run('Banco Nacional de Cuba', '2000000.00');
    expect(p.status).toBe('rejected');
    expect(p.reason).toBe('SANCTIONS');
    expect(alertForPayment(db, p.id)?.status).toBe('rejected');
    expect(outboxIds()).toEqual([]);
  });

  it('lets a supervisor release a rules-only hold but not clear a sanctions match', () => {
    const { db, run, decide, outboxIds } = setUp();
    // Structuring: three payments just under ¥50,000 from one customer within the day (45 -> review).
    const debtor = { name: '汉阳贸易', account: '4201999900001111' };
    const p1 = capturePayment(db, { ...capture('张伟', '49000.00'), debtor }, { username: 'clerk1', at: '2026-11-26T02:40:00.000Z' });
    verifyPayment(db, p1.id, { username: 'super1', at: '2026-11-26T02:41:00.000Z' }, new VerifyPipeline());
    const p2 = capturePayment(db, { ...capture('张伟', '48000.00'), debtor }, { username: 'clerk1', at: '2026-11-26T02:42:00.000Z' });
    verifyPayment(db, p2.id, { username: 'super1', at: '2026-11-26T02:43:00.000Z' }, new VerifyPipeline());
    const hooks = new VerifyPipeline();
    const p3 = capturePayment(db, { ...capture('张伟', '47000.00'), debtor }, { username: 'clerk1', at: '2026-11-26T02:44:00.000Z' });
    const screener = new Screener([list]);
    hooks.setRiskGate(riskGate({ screener: () => screener, whenNoRules: 'block' }));
    hooks.setOutbox((stepDb, payment) => enqueueOutbox(stepDb, payment, payment.updated_at));
    // Review (45) stops it like hold does: nothing leaves before an officer decides.
    expect(verifyPayment(db, p3.id, { username: 'super1', at: '2026-11-26T02:45:00.000Z' }, hooks).status).toBe('held');
    expect(alertForPayment(db, p3.id)?.decision).toBe('review');
    expect(paymentRiskGate(db, p3.id)).toBe('held');
    expect(() => decide(p3.id, 'reject', 'super2', ['supervisor'])).toThrow(/only release/);
    expect(decide(p3.id, 'release', 'super2', ['supervisor']).payment.status).toBe('queued_offline');

    const listed = run('Banco Nacional de Cuba', '8000.00');
    expect(() => decide(listed.id, 'release', 'super2', ['supervisor'])).toThrow(/sanctions list match/);
    expect(outboxIds()).toEqual([p3.id]);
  });

  it('refuses a decision without a note, in both languages', () => {
    const { db, run } = setUp();
    const p = run('Banco Nacional de Cuba', '8000.00');
    const alert = alertForPayment(db, p.id);
    try {
      decideFromDesk(db, new VerifyPipeline(), { alertId: alert?.id ?? '', action: 'release', note: '   ', actor: 'risk1', roles: ['risk'], at: '2026-11-26T03:00:00.000Z' });
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({ code: 'note_required', messageZh: '处理意见不能为空' });
    }
    expect(paymentRiskGate(db, p.id)).toBe('held');
    expect(findPayment(db, p.id)?.status).toBe('held');
  });
});
