import { describe, expect, it } from 'vitest';
import type { CaptureInput } from '../../shared/contract';
import { DEFAULT_BANDS, DEFAULT_RULE_PARAMS } from '../../shared/risk/rules/default-rules';
import type { SanctionsList } from '../../shared/risk/screening/sanctions-list';
import { Screener } from '../../shared/risk/screening/screener';
import { capturePayment, verifyPayment } from '../payments/payment-commands';
import { findPayment } from '../payments/payment-repository';
import { VerifyPipeline } from '../payments/verify-pipeline';
import { alertForPayment, paymentRiskGate } from './alert-store';
import { assessVerifiedPayment, type PaymentRiskOptions } from './risk-flow';
import { approveRules, proposeRules } from './rule-set-store';
import { seededRiskStore } from './test-support/risk-store';

const list: SanctionsList = {
  list: 'local',
  title: 'test',
  entries: [{ list: 'local', id: 'L-306', type: 'entity', name: 'BANCO NACIONAL DE CUBA', aliases: [], programs: [], addresses: [], reference: null, remarks: null }],
};

const capture = (creditorName: string, amount: string): CaptureInput => ({
  kind: 'hvps',
  priority: 1,
  to: 'ICBC',
  amount,
  currency: 'CNY',
  debtor: { name: '武汉光谷科技有限公司', account: '4201234567890123' },
  creditor: { name: creditorName, account: '6222020200112233445' },
  purpose: '货款',
});

function setUp(options: Partial<PaymentRiskOptions> = {}, withRules = true) {
  const db = seededRiskStore();
  if (withRules) {
    proposeRules(db, { params: DEFAULT_RULE_PARAMS, bands: DEFAULT_BANDS, author: 'risk.li', at: '2026-11-26T00:00:00.000Z', note: 'initial' });
    approveRules(db, { version: 1, approver: 'risk.wang', at: '2026-11-26T00:10:00.000Z' });
  }
  const screener = new Screener([list]);
  const hooks = new VerifyPipeline();
  // The assessment alone (no hold): a gate that records the alert and lets the payment pass.
  hooks.setRiskGate((stepDb, payment) => {
    assessVerifiedPayment(stepDb, payment, { screener: () => screener, slaMinutes: 60, whenNoRules: 'block', ...options });
    return { payment, stop: false };
  });
  // Business hours in Wuhan (10:00 +08:00) so the off-hours rule stays quiet.
  const run = (creditor: string, amount: string, minute: number) => {
    const at = (m: number) => `2026-11-26T02:${String(m).padStart(2, '0')}:00.000Z`;
    const p = capturePayment(db, capture(creditor, amount), { username: 'clerk1', at: at(minute) });
    return verifyPayment(db, p.id, { username: 'super1', at: at(minute + 1) }, hooks);
  };
  return { db, run };
}

describe('risk at verification', () => {
  it('holds a payment to a listed name and lets an ordinary one through', () => {
    const { db, run } = setUp();
    const listed = run('Banco Nacional de Cuba', '8000.00', 0);
    expect(paymentRiskGate(db, listed.id)).toBe('held');
    expect(alertForPayment(db, listed.id)).toMatchObject({ decision: 'hold', screening: [{ party: 'creditor', matchedName: 'BANCO NACIONAL DE CUBA', score: 1 }] });
    const ordinary = run('张伟', '8000.00', 5);
    expect(paymentRiskGate(db, ordinary.id)).toBe('clear');
    expect(alertForPayment(db, ordinary.id)).toBeNull();
  });

  it('sees the customer’s earlier payments the same day (structuring)', () => {
    const { db, run } = setUp();
    run('张伟', '49000.00', 0);
    run('张伟', '48000.00', 10);
    const third = run('张伟', '47000.00', 20);
    const alert = alertForPayment(db, third.id);
    expect(alert?.hits.map((h) => h.rule)).toEqual(['structuring']);
    expect(alert?.decision).toBe('review');
    expect(paymentRiskGate(db, third.id)).toBe('held');
  });

  it('fails closed: no lists or no approved rules means the verification rolls back', () => {
    const noLists = setUp({ screener: () => null });
    expect(() => noLists.run('张伟', '1.00', 0)).toThrow(/lists are not loaded/);
    expect(findPayment(noLists.db, 'HKB-D1-20261126-00000001')?.status).toBe('draft');
    const noRules = setUp({}, false);
    expect(() => noRules.run('张伟', '1.00', 0)).toThrow(/No approved risk rule set/);
    const screenOnly = setUp({ whenNoRules: 'screen_only' }, false);
    const p = screenOnly.run('Banco Nacional de Cuba', '1.00', 0);
    expect(paymentRiskGate(screenOnly.db, p.id)).toBe('held');
  });
});
