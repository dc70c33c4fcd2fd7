import { describe, it, expect } from 'vitest';
import { seededStore } from '../store/test-support/test-store';
import { migrate } from '../store/migrate';
import { capturePayment, verifyPayment } from '../payments/payment-commands';
import { VerifyPipeline } from '../payments/verify-pipeline';
import { auditHistory } from '../audit/audit-log';
import { listNotices } from '../notices/notice-repository';
import { UserError } from '../user-error';
import { SYNC_MIGRATIONS } from '../sync/migrations/index';
import { enqueueOutbox, outboxAfter } from '../sync/outbox';
import { applyPullPage } from '../sync/apply-pull-page';
import { applyPushResults } from '../sync/apply-push-results';
import { getSyncState } from '../sync/sync-state';
import type { ActionLink } from '../payments/payment-actions';
import type { Change, LiquidityChange } from '../../shared/contract/sync-protocol';
import { LIQUIDITY_MIGRATIONS } from './liquidity-migrations';
import { approveLiquidityChange, listLiquidityProposals, proposeLiquidityChange, rejectLiquidityChange } from './liquidity-proposals';
import { positionWarningStands, readStoredLiquidity } from './liquidity-state';
import { requestReorder } from './queue-actions';

function setup() {
  const db = seededStore();
  migrate(db, SYNC_MIGRATIONS);
  migrate(db, LIQUIDITY_MIGRATIONS);
  let nudges = 0;
  const link: ActionLink = { nudge: () => (nudges += 1) };
  return { db, link, nudges: () => nudges };
}

const controls = (over: Partial<LiquidityChange> = {}): LiquidityChange => ({
  businessDate: '2026-11-26',
  creditLine: '1000000.00',
  reservations: { urgent: '0.00', high: '0.00' },
  limits: { bilateral: {} },
  ...over,
});

let seq = 0;
const change = (data: LiquidityChange): Change => ({ seq: (seq += 1), type: 'liquidity', data });
const errorCode = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (error) {
    return error instanceof UserError ? error.code : String(error);
  }
  return undefined;
};

describe('liquidity maker-checker', () => {
  it('a proposal waits for a second supervisor; approval writes the sync mutation to the outbox, audited', async () => {
    const { db, link, nudges } = setup();
    const proposal = proposeLiquidityChange(db, { kind: 'liquidity.reserve', payload: { urgent: '500000.00' }, note: '午间大额备付', username: 'super1', at: '2026-11-26T02:00:00Z' });
    expect(proposal.status).toBe('proposed');
    expect(outboxAfter(db, 0, 10)).toEqual([]);
    // The proposer cannot approve; nothing is sent.
    expect(errorCode(() => approveLiquidityChange(db, link, { id: proposal.id, username: 'super1', at: '2026-11-26T02:01:00Z' }))).toBe('liquidity.same_person');
    expect(outboxAfter(db, 0, 10)).toEqual([]);
    const approved = approveLiquidityChange(db, link, { id: proposal.id, username: 'super2', at: '2026-11-26T02:02:00Z' });
    expect(approved).toMatchObject({ status: 'approved', decidedBy: 'super2', proposedBy: 'super1' });
    expect(outboxAfter(db, 0, 10)).toEqual([{ seq: 1, mutation_id: proposal.id, type: 'liquidity.reserve', payload: '{"urgent":"500000.00"}' }]);
    await Promise.resolve();
    expect(nudges()).toBe(1);
    expect(auditHistory(db, 'liquidity', proposal.id).map((e) => [e.action, e.actor])).toEqual([
      ['liquidity.proposed', 'super1'],
      ['liquidity.approved', 'super2'],
    ]);
    // Decided once only.
    expect(errorCode(() => approveLiquidityChange(db, link, { id: proposal.id, username: 'super3', at: 't' }))).toBe('liquidity.already_decided');
  });

  it('checks the change as the house would and allows one open proposal per control', () => {
    const { db } = setup();
    const at = '2026-11-26T02:00:00Z';
    expect(errorCode(() => proposeLiquidityChange(db, { kind: 'liquidity.reserve', payload: { urgent: '-5.00' }, note: 'x', username: 'super1', at }))).toBe('liquidity.invalid_change');
    expect(errorCode(() => proposeLiquidityChange(db, { kind: 'liquidity.limits', payload: { bilateral: { NOPE: '1.00' } }, note: 'x', username: 'super1', at }))).toBe('liquidity.unknown_participant');
    expect(errorCode(() => proposeLiquidityChange(db, { kind: 'liquidity.limits', payload: { bilateral: { HKB: '1.00' } }, note: 'x', username: 'super1', at }))).toBe('liquidity.own_limit');
    proposeLiquidityChange(db, { kind: 'liquidity.limits', payload: { bilateral: { ICBC: '200000.00' }, multilateral: '800000.00' }, note: 'x', username: 'super1', at });
    expect(errorCode(() => proposeLiquidityChange(db, { kind: 'liquidity.limits', payload: { bilateral: {} }, note: 'y', username: 'super2', at }))).toBe('liquidity.change_pending');
    expect(listLiquidityProposals(db)).toHaveLength(1);
  });

  it('a rejection by a second supervisor sends nothing', () => {
    const { db } = setup();
    const p = proposeLiquidityChange(db, { kind: 'liquidity.warning', payload: { threshold: '300000.00' }, note: '预警', username: 'super1', at: 't1' });
    expect(errorCode(() => rejectLiquidityChange(db, { id: p.id, username: 'super1', note: 'no', at: 't2' }))).toBe('liquidity.same_person');
    expect(rejectLiquidityChange(db, { id: p.id, username: 'super2', note: '阈值过低', at: 't2' })).toMatchObject({ status: 'rejected', decideNote: '阈值过低' });
    expect(outboxAfter(db, 0, 10)).toEqual([]);
  });

  it('without a house link nothing is approved', () => {
    const { db } = setup();
    const p = proposeLiquidityChange(db, { kind: 'liquidity.warning', payload: {}, note: '关闭预警', username: 'super1', at: 't1' });
    expect(errorCode(() => approveLiquidityChange(db, null, { id: p.id, username: 'super2', at: 't2' }))).toBe('liquidity.no_house_link');
    expect(listLiquidityProposals(db)[0]?.status).toBe('proposed');
  });

  it("the house's refusal is kept on the proposal and told with the reason in both languages", () => {
    const { db, link } = setup();
    const p = proposeLiquidityChange(db, { kind: 'liquidity.limits', payload: { bilateral: { ICBC: '1.00' } }, note: 'x', username: 'super1', at: 't1' });
    approveLiquidityChange(db, link, { id: p.id, username: 'super2', at: 't2' });
    const { rejections } = applyPushResults(db, { lastSeq: 1, results: [{ seq: 1, id: p.id, status: 'rejected', code: 'UNKNOWN_PARTICIPANT', message: 'no ICBC' }] }, 't3');
    expect(rejections).toHaveLength(1);
    expect(rejections[0]).toMatchObject({ paymentId: null, code: 'UNKNOWN_PARTICIPANT' });
    expect(rejections[0]?.message).toContain('sender limits');
    expect(rejections[0]?.message).toContain('UNKNOWN_PARTICIPANT');
    expect(rejections[0]?.messageZh).toContain('发送限额');
    expect(listLiquidityProposals(db)[0]).toMatchObject({ houseResult: 'rejected', houseCode: 'UNKNOWN_PARTICIPANT' });
    expect(auditHistory(db, 'liquidity', p.id).map((e) => e.action)).toEqual(['liquidity.proposed', 'liquidity.approved', 'liquidity.refused']);
  });
});

describe('the pull feed liquidity change', () => {
  it('is stored with the page cursor in one transaction', () => {
    const { db } = setup();
    applyPullPage(db, 'HKB', [change(controls({ reservations: { urgent: '500000.00', high: '0.00' }, limits: { bilateral: { ICBC: '200000.00' } }, warningThreshold: '300000.00' }))], '1.7', 't1');
    expect(getSyncState(db, 'pull_cursor')).toBe('1.7');
    expect(readStoredLiquidity(db)).toMatchObject({
      businessDate: '2026-11-26',
      warningBelow: false,
      controls: { creditLine: '1000000.00', reservations: { urgent: '500000.00', high: '0.00' }, limits: { bilateral: { ICBC: '200000.00' } }, warningThreshold: '300000.00' },
    });
    // A page that fails leaves neither its liquidity nor its cursor.
    const bad: Change = { seq: 99, type: 'payment.inbound', data: { id: 'X' } as never };
    expect(() => applyPullPage(db, 'HKB', [change(controls({ creditLine: '5.00' })), bad], '1.9', 't2')).toThrow();
    expect(getSyncState(db, 'pull_cursor')).toBe('1.7');
    expect(readStoredLiquidity(db)?.controls.creditLine).toBe('1000000.00');
  });

  it('raises the position warning once per crossing below the threshold', () => {
    const { db } = setup();
    const below = (available: string) => change(controls({ warningThreshold: '300000.00', warning: { below: true, available, threshold: '300000.00' } }));
    const above = change(controls({ warningThreshold: '300000.00', warning: { below: false, available: '400000.00', threshold: '300000.00' } }));
    const first = applyPullPage(db, 'HKB', [below('250000.00')], '1.1', 't1');
    expect(first.notices).toHaveLength(1);
    expect(first.notices[0]?.messageZh).toBe('头寸预警：可用头寸 250000.00 元低于预警线 300000.00 元（2026-11-26）');
    expect(positionWarningStands(db)).toBe(true);
    // Told again while still below (or a control change meanwhile): no second notice.
    expect(applyPullPage(db, 'HKB', [below('100000.00'), change(controls({ warningThreshold: '300000.00' }))], '1.2', 't2').notices).toEqual([]);
    expect(positionWarningStands(db)).toBe(true);
    // Back up, then down again: a new crossing, a new notice.
    expect(applyPullPage(db, 'HKB', [above], '1.3', 't3').notices).toEqual([]);
    expect(positionWarningStands(db)).toBe(false);
    expect(applyPullPage(db, 'HKB', [below('200000.00')], '1.4', 't4').notices).toHaveLength(1);
    expect(listNotices(db).filter((n) => n.messageZh.startsWith('头寸预警'))).toHaveLength(2);
    // Switching the threshold off ends the standing warning.
    applyPullPage(db, 'HKB', [change(controls())], '1.5', 't5');
    expect(positionWarningStands(db)).toBe(false);
  });
});

describe('queue management: reorder', () => {
  const input = {
    kind: 'hvps' as const,
    priority: 2 as const,
    to: 'ICBC',
    amount: '900000.00',
    currency: 'CNY',
    debtor: { name: '汉口商贸有限公司', account: '6222020000000001' },
    creditor: { name: '武昌医药有限公司', account: '6222020000000002' },
    purpose: '货款',
  };

  it('goes to the outbox as payment.reorder, audited; a refusal is told naming the reason', () => {
    const { db, link } = setup();
    const hooks = new VerifyPipeline();
    hooks.setOutbox((stepDb, payment) => enqueueOutbox(stepDb, payment, 't'));
    const p = capturePayment(db, input, { username: 'clerk', at: '2026-11-26T01:00:00Z' });
    verifyPayment(db, p.id, { username: 'boss', at: '2026-11-26T02:00:00Z' }, hooks);
    requestReorder(db, link, { id: p.id, to: 'top', reason: '客户加急', username: 'super1', at: 't2' });
    expect(outboxAfter(db, 1, 10)).toEqual([{ seq: 2, mutation_id: p.id, type: 'payment.reorder', payload: '{"to":"top","reason":"客户加急"}' }]);
    expect(() => requestReorder(db, link, { id: p.id, to: 'bottom', reason: 'x', username: 'super1', at: 't3' })).toThrow(/already with the clearing house/);
    const { rejections } = applyPushResults(db, { lastSeq: 2, results: [{ seq: 1, id: p.id, status: 'accepted' }, { seq: 2, id: p.id, status: 'rejected', code: 'NOT_REPRIORITISABLE' }] }, 't4');
    expect(rejections).toHaveLength(1);
    expect(rejections[0]).toMatchObject({ paymentId: p.id, code: 'NOT_REPRIORITISABLE' });
    expect(auditHistory(db, 'payment', p.id).map((e) => e.action)).toContain('payment.reorder_refused');
  });
});
