import { describe, expect, it } from 'vitest';
import type { CaptureInput } from '../../shared/contract';
import { DEFAULT_BANDS, DEFAULT_RULE_PARAMS } from '../../shared/risk/rules/default-rules';
import { Screener } from '../../shared/risk/screening/screener';
import { auditHistory, verifyAuditLog } from '../audit/audit-log';
import { listNotices } from '../notices/notice-repository';
import { alertForPayment, listAlertQueue } from '../risk/alert-store';
import { decideFromDesk } from '../risk/alert-desk';
import { riskGate } from '../risk/risk-flow';
import { approveRules, proposeRules } from '../risk/rule-set-store';
import { seededRiskStore } from '../risk/test-support/risk-store';
import { setSetting } from '../settings/settings';
import { migrate } from '../store/migrate';
import { SYNC_MIGRATIONS } from '../sync/migrations/index';
import { enqueueOutbox } from '../sync/outbox';
import { applyBusinessDateChange, DAY_CHANGE_ACTOR } from './day-change';
import { capturePayment, verifyPayment } from './payment-commands';
import { findPayment } from './payment-repository';
import { VerifyPipeline } from './verify-pipeline';

let debtorSeq = 0;
const capture = (creditorName: string): CaptureInput => ({
  kind: 'hvps', priority: 1, to: 'ICBC', amount: '8000.00', currency: 'CNY',
  debtor: { name: '武汉光谷科技有限公司', account: `42012345678${String(++debtorSeq).padStart(5, '0')}` },
  creditor: { name: creditorName, account: '6222020200112233445' },
  purpose: '货款',
});

/** A console on 2026-11-26 with the risk hook before the outbox hook, as the back end installs them. */
function setUp() {
  const db = seededRiskStore();
  migrate(db, SYNC_MIGRATIONS);
  setSetting(db, 'business_date', '2026-11-26');
  proposeRules(db, { params: DEFAULT_RULE_PARAMS, bands: DEFAULT_BANDS, author: 'risk1', at: '2026-11-26T00:00:00.000Z', note: 'initial' });
  approveRules(db, { version: 1, approver: 'risk2', at: '2026-11-26T00:10:00.000Z' });
  const screener = new Screener([{ list: 'local', title: 't', entries: [{ list: 'local', id: 'L-306', type: 'entity', name: 'BANCO NACIONAL DE CUBA', aliases: [], programs: [], addresses: [], reference: null, remarks: null }] }]);
  const hooks = new VerifyPipeline();
  hooks.setRiskGate(riskGate({ screener: () => screener, whenNoRules: 'block' }));
  hooks.setOutbox((stepDb, payment) => enqueueOutbox(stepDb, payment, payment.updated_at));
  let minute = 0;
  const at = () => `2026-11-26T02:${String(minute++).padStart(2, '0')}:00.000Z`;
  const draft = (creditor = '张伟') => capturePayment(db, capture(creditor), { username: 'clerk1', at: at() });
  const verified = (creditor = '张伟') => verifyPayment(db, draft(creditor).id, { username: 'super1', at: at() }, hooks);
  return { db, hooks, draft, verified };
}

const NEXT_DAY_AT = '2026-11-27T00:30:00.000Z';

describe('payments across the end of day (day change learnt from the house)', () => {
  it('expires yesterday\'s drafts and held payments once, audited, with one notice; closes the risk alert; leaves the rest', () => {
    const { db, draft, verified } = setUp();
    const oldDraft = draft();
    const held = verified('Banco Nacional de Cuba');
    const queued = verified();
    expect([held.status, queued.status]).toEqual(['held', 'queued_offline']);
    expect(listAlertQueue(db).map((a) => a.paymentId)).toEqual([held.id]);

    const result = applyBusinessDateChange(db, { previousDate: '2026-11-26', newDate: '2026-11-27', at: NEXT_DAY_AT });
    expect(result).toMatchObject({ expiredDrafts: [oldDraft.id], expiredHeld: [held.id] });
    for (const id of [oldDraft.id, held.id]) expect(findPayment(db, id)).toMatchObject({ status: 'expired', reason: 'END_OF_DAY', business_date: '2026-11-26' });
    // The authorised payment waits for the link; the house gives it its date when it arrives
    // (recordValueDatesMoved, tested through the real house in sync/day-change.integration.test.ts).
    expect(findPayment(db, queued.id)).toMatchObject({ status: 'queued_offline', business_date: '2026-11-26' });
    expect(auditHistory(db, 'payment', oldDraft.id).map((e) => [e.action, e.actor])).toEqual([['payment.captured', 'clerk1'], ['payment.expired', DAY_CHANGE_ACTOR]]);
    expect(auditHistory(db, 'payment', held.id).at(-1)).toMatchObject({ action: 'payment.expired', detail: { from: 'held', to: 'expired', reason: 'END_OF_DAY' } });
    // The risk desk no longer offers a decision on a dead payment.
    expect(listAlertQueue(db)).toEqual([]);
    const alert = alertForPayment(db, held.id);
    expect(alert?.status).toBe('rejected');
    expect(auditHistory(db, 'risk_alert', alert?.id ?? '').map((e) => e.action)).toContain('risk.alert.expired');
    const notices = listNotices(db);
    expect(notices).toHaveLength(1);
    expect(notices[0]?.id).toBe(result.notice?.id);
    expect(notices[0]).toMatchObject({ severity: 'warning', paymentId: null });
    expect(notices[0]?.message).toMatch(/Business day 2026-11-27 began: 1 unverified draft\(s\) and 1 risk-held payment\(s\) of 2026-11-26/);
    expect(verifyAuditLog(db).ok).toBe(true);

    // A repeated change (every sync round reports the date) and a replay change nothing more.
    const auditCount = db.prepare<[], number>('SELECT count(*) FROM audit_log').pluck().get();
    expect(applyBusinessDateChange(db, { previousDate: '2026-11-27', newDate: '2026-11-27', at: NEXT_DAY_AT })).toEqual({ expiredDrafts: [], expiredHeld: [], notice: null });
    expect(applyBusinessDateChange(db, { previousDate: '2026-11-26', newDate: '2026-11-27', at: NEXT_DAY_AT }).expiredDrafts).toEqual([]);
    expect(db.prepare('SELECT count(*) FROM audit_log').pluck().get()).toBe(auditCount);
    expect(listNotices(db)).toHaveLength(1);
  });

  it('leaves today\'s drafts and held payments alone, and a house date going back changes nothing', () => {
    const { db, draft, verified } = setUp();
    const today = draft();
    const held = verified('Banco Nacional de Cuba');
    expect(applyBusinessDateChange(db, { previousDate: '2026-11-26', newDate: '2026-11-25', at: NEXT_DAY_AT })).toEqual({ expiredDrafts: [], expiredHeld: [], notice: null });
    expect(applyBusinessDateChange(db, { previousDate: '2026-11-25', newDate: '2026-11-26', at: NEXT_DAY_AT })).toEqual({ expiredDrafts: [], expiredHeld: [], notice: null });
    expect([findPayment(db, today.id)?.status, findPayment(db, held.id)?.status]).toEqual(['draft', 'held']);
    expect(listNotices(db)).toEqual([]);
  });

  it('an expired held payment cannot be released from a stale desk view', () => {
    const { db, hooks, verified } = setUp();
    const held = verified('Banco Nacional de Cuba');
    const alertId = alertForPayment(db, held.id)?.id ?? '';
    applyBusinessDateChange(db, { previousDate: '2026-11-26', newDate: '2026-11-27', at: NEXT_DAY_AT });
    expect(() => decideFromDesk(db, hooks, { alertId, action: 'release', note: 'late', actor: 'risk1', roles: ['risk'], at: NEXT_DAY_AT })).toThrow();
    expect(findPayment(db, held.id)?.status).toBe('expired');
    expect(db.prepare("SELECT count(*) FROM sync_outbox").pluck().get()).toBe(0);
  });
});
