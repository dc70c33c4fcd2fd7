import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConsoleBackend } from '../backend';
import { capturePayment, verifyPayment } from '../payments/payment-commands';
import { findPayment } from '../payments/payment-repository';
import { call, demoToken, startDemoHouse, type RunningHouse } from '../../../test-support/demo-house';
import { createSyncExtension } from '../sync/sync-extension';
import { captureInput } from '../sync/test-support/capture-input';
import { prepareConsoleStore } from '../sync/test-support/console-process';
import { listNotices } from '../notices/notice-repository';
import { decideReturnDecision, proposeReturnDecision, sendAnswer, sendInquiry, sendReturnRequest, sendStop } from './message-actions';
import { findThread, noticeOverdue } from './thread-store';
import { pendingMessages } from './pending-messages';
import { stopThreadId } from '../../shared/contract/message-protocol';

async function waitFor(what: string, check: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Two consoles of different banks and a real house: an inquiry asked by HKB and answered by
 * ICBC, a return request ICBC accepts maker-checker (the money comes back to HKB), a refusal,
 * and a stop and release of a queued payment. What each console holds is what the house pulled.
 */
describe('messages between two consoles through the house', () => {
  let house: RunningHouse;
  const dirs: string[] = [];
  const at = () => new Date().toISOString();
  const backends: Array<{ close: () => Promise<void> }> = [];

  async function openConsole(selfId: string) {
    const dir = mkdtempSync(join(tmpdir(), `hankou-messages-${selfId}-`));
    dirs.push(dir);
    await prepareConsoleStore(dir, selfId);
    const backend = await createConsoleBackend({
      dataDir: dir,
      log: () => undefined,
      extensions: [createSyncExtension({ houseUrl: house.url, token: demoToken(selfId), idleIntervalMs: 50 })],
    });
    backends.push(backend);
    return { db: backend.services.db, link: backend.services.actionLink, verify: backend.services.verify };
  }
  const houseBalance = async (id: string) => BigInt((await house.store.query<{ b: string }>('SELECT balance_minor::text AS b FROM participants WHERE id = $1', [id])).rows[0]?.b ?? '-1');

  beforeAll(async () => {
    house = await startDemoHouse();
  }, 120_000);
  afterAll(async () => {
    for (const b of backends) await b.close();
    await house?.close();
    dirs.forEach((d) => rmSync(d, { recursive: true, force: true }));
  });

  it('asks, answers, returns and stops between HKB and ICBC', async () => {
    const hkb = await openConsole('HKB');
    const icbc = await openConsole('ICBC');
    const pay = (amount: string) => {
      const p = capturePayment(hkb.db, captureInput('ICBC', amount), { username: 'clerk', at: at() });
      verifyPayment(hkb.db, p.id, { username: 'boss', at: at() }, hkb.verify);
      return p.id;
    };
    const p1 = pay('250.00');
    await waitFor('p1 settled at HKB', () => findPayment(hkb.db, p1)?.status === 'settled');
    await waitFor('p1 inbound at ICBC', () => findPayment(icbc.db, p1)?.status === 'settled');

    // 查询 -> 查复.
    const q = sendInquiry(hkb.db, hkb.link, { paymentId: p1, reasonCode: 'NOT_RECEIVED', text: '客户称未收到款项' }, 'HKB', { username: 'clerk', at: at() });
    expect(pendingMessages(hkb.db, p1).map((m) => m.type)).toContain('message.inquire');
    await waitFor('inquiry at ICBC', () => findThread(icbc.db, q)?.state === 'open');
    expect(listNotices(icbc.db).some((n) => n.paymentId === p1 && n.messageZh.includes('发来查询'))).toBe(true);
    expect(() => sendAnswer(hkb.db, hkb.link, { threadId: q, text: '自答' }, 'HKB', { username: 'clerk', at: at() })).toThrow(/No inquiry/);
    sendAnswer(icbc.db, icbc.link, { threadId: q, text: '已于当日入账' }, 'ICBC', { username: 'clerk2', at: at() });
    await waitFor('answer at HKB', () => findThread(hkb.db, q)?.state === 'answered');
    expect(findThread(hkb.db, q)?.entries.map((e) => e.text)).toEqual(['客户称未收到款项', '已于当日入账']);
    expect(pendingMessages(hkb.db, p1)).toEqual([]);

    // 退回申请 accepted by ICBC maker-checker: the money comes back.
    const hkbBefore = await houseBalance('HKB');
    const r = sendReturnRequest(hkb.db, hkb.link, { paymentId: p1, reasonCode: 'DUPL', text: '重复支付' }, 'HKB', { username: 'clerk', at: at() });
    expect(() => sendReturnRequest(hkb.db, hkb.link, { paymentId: p1, reasonCode: 'DUPL', text: '再申请' }, 'HKB', { username: 'clerk', at: at() })).toThrow(/already waiting/);
    await waitFor('return request at ICBC', () => findThread(icbc.db, r)?.state === 'requested');
    const decision = proposeReturnDecision(icbc.db, { threadId: r, decision: 'accept', text: '同意' }, 'ICBC', { username: 'clerk2', at: at() });
    expect(() => decideReturnDecision(icbc.db, icbc.link, { decisionId: decision, approve: true }, { username: 'clerk2', at: at() })).toThrow(/cannot approve/);
    decideReturnDecision(icbc.db, icbc.link, { decisionId: decision, approve: true }, { username: 'boss2', at: at() });
    await waitFor('accepted at HKB', () => findThread(hkb.db, r)?.state === 'accepted');
    const returnId = findThread(hkb.db, r)?.returnPaymentId ?? '';
    await waitFor('return settled inbound at HKB', () => findPayment(hkb.db, returnId)?.status === 'settled');
    expect(findPayment(hkb.db, returnId)).toMatchObject({ direction: 'in', kind: 'return', amount_minor: 25_000n });
    expect(await houseBalance('HKB')).toBe(hkbBefore + 25_000n);

    // A refusal needs a reason and reaches the asker with it.
    const p2 = pay('30.00');
    await waitFor('p2 at ICBC', () => findPayment(icbc.db, p2)?.status === 'settled');
    // A return may be asked only for a payment the asker has seen settle: wait for HKB's pull too.
    await waitFor('p2 settled at HKB', () => findPayment(hkb.db, p2)?.status === 'settled');
    const r2 = sendReturnRequest(hkb.db, hkb.link, { paymentId: p2, reasonCode: 'CUST', text: '客户要求' }, 'HKB', { username: 'clerk', at: at() });
    await waitFor('r2 at ICBC', () => findThread(icbc.db, r2)?.state === 'requested');
    expect(() => proposeReturnDecision(icbc.db, { threadId: r2, decision: 'refuse' }, 'ICBC', { username: 'clerk2', at: at() })).toThrow(/reason/);
    const d2 = proposeReturnDecision(icbc.db, { threadId: r2, decision: 'refuse', reasonCode: 'CUST', text: '收款人不同意' }, 'ICBC', { username: 'clerk2', at: at() });
    decideReturnDecision(icbc.db, icbc.link, { decisionId: d2, approve: true }, { username: 'boss2', at: at() });
    await waitFor('refused at HKB', () => findThread(hkb.db, r2)?.state === 'refused');
    expect(listNotices(hkb.db).some((n) => n.messageZh.includes('拒绝退回'))).toBe(true);

    // 止付: a queued payment (more than HKB holds) stopped, still queued after liquidity, released.
    const big = (await houseBalance('HKB')) / 100n + 1000n;
    const p3 = pay(`${big}.00`);
    await waitFor('p3 queued', () => findPayment(hkb.db, p3)?.status === 'queued');
    sendStop(hkb.db, hkb.link, { id: p3, reason: '疑似诈骗', release: false }, 'HKB', { username: 'boss', at: at() });
    await waitFor('p3 stopped', () => findThread(hkb.db, stopThreadId(p3))?.state === 'stopped');
    expect((await call(`${house.url}/v1/admin/participants/HKB/liquidity`, house.adminToken, 'POST', { amount: '5000.00' })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 300));
    expect(findPayment(hkb.db, p3)?.status).toBe('queued');
    sendStop(hkb.db, hkb.link, { id: p3, reason: '核实无误', release: true }, 'HKB', { username: 'boss', at: at() });
    await waitFor('p3 settled after release', () => findPayment(hkb.db, p3)?.status === 'settled');
    expect(findThread(hkb.db, stopThreadId(p3))?.state).toBe('released');
  }, 120_000);

  it('an open inquiry past its reply time raises one overdue notice on each side', async () => {
    const hkb = await openConsole('HKB');
    const icbc = await openConsole('ICBC');
    const p = capturePayment(hkb.db, captureInput('ICBC', '12.00'), { username: 'clerk', at: at() });
    verifyPayment(hkb.db, p.id, { username: 'boss', at: at() }, hkb.verify);
    await waitFor('settled', () => findPayment(icbc.db, p.id)?.status === 'settled');
    const q = sendInquiry(hkb.db, hkb.link, { paymentId: p.id, reasonCode: 'WRONG_ACCOUNT', text: '户名不符' }, 'HKB', { username: 'clerk', at: at() });
    await waitFor('inquiry at ICBC', () => findThread(icbc.db, q)?.state === 'open');
    const due = Date.parse(findThread(icbc.db, q)?.dueBy ?? '');
    expect(Number.isFinite(due)).toBe(true);
    expect(noticeOverdue(icbc.db, 'ICBC', new Date(due - 1000))).toEqual([]);
    const late = noticeOverdue(icbc.db, 'ICBC', new Date(due + 1000));
    expect(late.map((n) => [n.severity, n.paymentId])).toEqual([['error', p.id]]);
    expect(late[0]?.messageZh).toContain('查复超时');
    expect(noticeOverdue(icbc.db, 'ICBC', new Date(due + 60_000))).toEqual([]);
    await waitFor('inquiry at HKB', () => findThread(hkb.db, q)?.state === 'open');
    expect(noticeOverdue(hkb.db, 'HKB', new Date(due + 1000))[0]?.messageZh).toContain('未按时查复');
  }, 120_000);
});
