import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConsoleBackend } from '../backend';
import { listNotices } from '../notices/notice-repository';
import { auditHistory } from '../audit/audit-log';
import { capturePayment, verifyPayment } from '../payments/payment-commands';
import { findPayment } from '../payments/payment-repository';
import { demoToken, startDemoHouse, type RunningHouse } from '../../../test-support/demo-house';
import { createSyncExtension } from './sync-extension';
import type { SyncLoop } from './sync-loop';
import { captureInput } from './test-support/capture-input';
import { alertForPayment, listAlertQueue } from '../risk/alert-store';
import { approveRules, proposeRules } from '../risk/rule-set-store';
import { DEFAULT_BANDS, DEFAULT_RULE_PARAMS } from '../../shared/risk/rules/default-rules';
import { prepareConsoleStore } from './test-support/console-process';

/** A Monday: the house's end of day (no calendar loaded) rolls to Tuesday. */
const DAY_1 = '2026-03-02';
const DAY_2 = '2026-03-03';

/**
 * Payments across the end of day through the real link: a real house ends its day while the
 * console holds a draft and an authorised payment it has not sent (docs/console-backend.md
 * "Payments across the end of day"). The loop is stepped by hand, so the push of the verified
 * payment happens after the house's end of day, as from an offline outbox.
 */
describe('payments across the end of day, through a real house', () => {
  let house: RunningHouse;
  const dirs: string[] = [];

  beforeAll(async () => {
    house = await startDemoHouse({ businessDate: DAY_1 });
  }, 120_000);
  afterAll(async () => {
    await house?.close();
    dirs.forEach((d) => rmSync(d, { recursive: true, force: true }));
  });

  it('expires the drafts and the risk hold of the closed day once, and shows the late-sent payment taken with the new value date', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hankou-day-change-'));
    dirs.push(dir);
    await prepareConsoleStore(dir, 'HKB');
    let loop: SyncLoop | undefined;
    const backend = await createConsoleBackend({
      dataDir: dir,
      log: () => undefined,
      extensions: [createSyncExtension({ houseUrl: house.url, token: demoToken('HKB'), idleIntervalMs: 50, autoStart: false, onLoop: (l) => (loop = l) })],
    });
    if (!loop) throw new Error('no sync loop');
    const link = loop;
    // Stepped by hand: a stopped loop schedules nothing, so verifying does not push at once.
    await link.stop();
    const round = async () => {
      await link.round();
      expect(link.connection).toBe('online');
    };
    const db = backend.services.db;
    const emitted: { name: string; payload: unknown }[] = [];
    backend.subscribe((event) => emitted.push(event));
    const businessDate = () => db.prepare("SELECT value FROM settings WHERE key = 'business_date'").pluck().get();
    const at = () => new Date().toISOString();

    await round();
    expect(businessDate()).toBe(DAY_1);
    // Risk rules in force (the risk extension is part of every back end), so a listed name is held.
    proposeRules(db, { params: DEFAULT_RULE_PARAMS, bands: DEFAULT_BANDS, author: 'risk1', at: at(), note: 'rules' });
    approveRules(db, { version: 1, approver: 'risk2', at: at() });
    const held = verifyPayment(db, capturePayment(db, { ...captureInput('ICBC', '50.00'), creditor: { name: 'Banco Nacional de Cuba', account: '6222020200112233445' } }, { username: 'clerk', at: at() }).id, { username: 'boss', at: at() }, backend.services.verify);
    expect(held.status).toBe('held');
    expect(listAlertQueue(db).map((a) => a.paymentId)).toEqual([held.id]);
    // The risk strip's alert for the hold is raised after the verify transaction.
    await new Promise((r) => setTimeout(r, 0));
    const noticesBefore = listNotices(db).length;
    const emittedBefore = emitted.filter((e) => e.name === 'notice').length;
    const draft = capturePayment(db, captureInput('ICBC', '10.00'), { username: 'clerk', at: at() });
    const unsent = capturePayment(db, captureInput('ICBC', '20.00'), { username: 'clerk', at: at() });
    expect(verifyPayment(db, unsent.id, { username: 'boss', at: at() }, backend.services.verify).status).toBe('queued_offline');
    expect([draft.business_date, unsent.business_date]).toEqual([DAY_1, DAY_1]);

    const eod = await fetch(`${house.url}/v1/admin/end-of-day`, {
      method: 'POST', headers: { authorization: `Bearer ${house.adminToken}`, 'content-type': 'application/json' }, body: '{}',
    });
    expect(eod.status).toBe(200);
    // Captured after the house's end of day but before the console heard of it: still dated day 1.
    const gapDraft = capturePayment(db, captureInput('ICBC', '30.00'), { username: 'clerk', at: at() });
    expect(gapDraft.business_date).toBe(DAY_1);

    await round();
    expect(businessDate()).toBe(DAY_2);
    // The house takes the late payment on its own date; the push payload carries none.
    const houseRow = (await house.store.query<{ business_date: string; status: string }>('SELECT business_date, status FROM payments WHERE id = $1', [unsent.id])).rows[0];
    expect(houseRow?.business_date).toBe(DAY_2);
    expect(houseRow?.status).not.toBe('rejected');
    expect(findPayment(db, unsent.id)?.business_date).toBe(DAY_2);
    expect(auditHistory(db, 'payment', unsent.id).filter((e) => e.action === 'payment.value_date_moved').map((e) => e.detail)).toEqual([{ from: DAY_1, to: DAY_2 }]);
    // The unverified drafts of day 1 expired with an audited reason, the clerk re-captures.
    for (const id of [draft.id, gapDraft.id]) {
      expect(findPayment(db, id)).toMatchObject({ status: 'expired', reason: 'END_OF_DAY', business_date: DAY_1 });
      expect(auditHistory(db, 'payment', id).map((e) => e.action)).toEqual(['payment.captured', 'payment.expired']);
    }
    // The day-1 risk hold expired too, and its alert left the desk.
    expect(findPayment(db, held.id)).toMatchObject({ status: 'expired', reason: 'END_OF_DAY' });
    expect(listAlertQueue(db)).toEqual([]);
    expect(alertForPayment(db, held.id)?.status).toBe('rejected');
    const notices = listNotices(db).map((a) => a.message);
    expect(notices.filter((m) => m.startsWith(`Business day ${DAY_2} began: 2 unverified draft(s) and 1 risk-held payment(s)`))).toHaveLength(1);
    expect(notices.filter((m) => m.includes(`with value date ${DAY_2}`))).toHaveLength(1);
    expect(notices).toHaveLength(noticesBefore + 2);
    // The notice strip and the blotter hear of it at once, not at the next start.
    expect(emitted.filter((e) => e.name === 'notice')).toHaveLength(emittedBefore + 2);
    expect(emitted.filter((e) => e.name === 'payments.changed').flatMap((e) => (e.payload as { ids: string[] }).ids)).toEqual(expect.arrayContaining([draft.id, gapDraft.id, held.id, unsent.id]));

    // Repeated rounds (the house reports the same date each time) change nothing more.
    const today = capturePayment(db, captureInput('ICBC', '40.00'), { username: 'clerk', at: at() });
    expect(today.business_date).toBe(DAY_2);
    const auditCount = db.prepare('SELECT count(*) FROM audit_log').pluck().get();
    await round();
    await round();
    expect(db.prepare('SELECT count(*) FROM audit_log').pluck().get()).toBe(auditCount);
    expect(listNotices(db)).toHaveLength(noticesBefore + 2);
    expect(emitted.filter((e) => e.name === 'notice')).toHaveLength(emittedBefore + 2);
    expect(findPayment(db, today.id)?.status).toBe('draft');
    await backend.close();
  }, 60_000);
});
