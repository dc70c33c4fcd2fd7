import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConsoleBackend } from '../backend';
import { capturePayment, verifyPayment } from '../payments/payment-commands';
import { call, demoToken, startDemoHouse, type RunningHouse } from '../../../test-support/demo-house';
import { createSyncExtension } from '../sync/sync-extension';
import type { SyncLoop } from '../sync/sync-loop';
import { getSyncState, setSyncState } from '../sync/sync-state';
import { prepareConsoleStore } from '../sync/test-support/console-process';
import { captureInput } from '../sync/test-support/capture-input';
import { approveLiquidityChange, proposeLiquidityChange } from './liquidity-proposals';
import { checkLiquidity, lastLiquidityCheck } from './liquidity-check';
import { listNotices } from '../notices/notice-repository';
import type { AccountResponse } from '../../shared/contract/sync-protocol';

/**
 * The shadow verification against a real house: HKB's day with a credit line, a reservation,
 * a bilateral limit, a payment held by that limit, an inbound payment and a netted one. The
 * console's replay through the shared engine agrees with what the house publishes; a figure
 * altered on its way in is caught.
 */
describe('liquidity shadow verification against the house', () => {
  let house: RunningHouse;
  let dir: string;
  let loop: SyncLoop | undefined;
  let backend: Awaited<ReturnType<typeof createConsoleBackend>>;

  beforeAll(async () => {
    house = await startDemoHouse({ businessDate: '2026-03-02' });
    dir = mkdtempSync(join(tmpdir(), 'hankou-shadow-'));
    await prepareConsoleStore(dir, 'HKB');
    backend = await createConsoleBackend({
      dataDir: dir,
      log: () => undefined,
      // Rounds only when the test runs them (and at the nudges of approve and verify), so a
      // stored account the test alters is what the next round checks.
      extensions: [createSyncExtension({ houseUrl: house.url, token: demoToken('HKB'), idleIntervalMs: 600_000, autoStart: false, onLoop: (l) => (loop = l) })],
    });
  }, 120_000);
  afterAll(async () => {
    await backend?.close();
    await house?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('agrees with the house on a day with the controls in use, and catches a tampered figure', async () => {
    if (!loop) throw new Error('no sync loop');
    const { db } = backend.services;
    const link = backend.services.actionLink;
    const at = () => new Date().toISOString();
    expect((await call(`${house.url}/v1/admin/participants/HKB/credit-line`, house.adminToken, 'PUT', { line: '1000000.00' })).status).toBe(200);
    for (const [kind, payload] of [
      ['liquidity.reserve', { high: '2000000.00' }],
      ['liquidity.limits', { bilateral: { ICBC: '100000000.00' } }],
      ['liquidity.warning', { threshold: '600000000.00' }],
    ] as const) {
      const proposal = proposeLiquidityChange(db, { kind, payload, note: '测试', username: 'super1', at: at() });
      approveLiquidityChange(db, link, { id: proposal.id, username: 'super2', at: at() });
    }
    await loop.round();
    const pay = (input: ReturnType<typeof captureInput> | (Omit<ReturnType<typeof captureInput>, 'kind'> & { kind: 'beps' })) => {
      const p = capturePayment(db, input, { username: 'clerk', at: at() });
      verifyPayment(db, p.id, { username: 'boss', at: at() }, backend.services.verify);
      return p.id;
    };
    // -60m toward ICBC settles; another 50m would be -110m < -100m: held by the limit.
    pay(captureInput('ICBC', '60000000.00'));
    const held = pay(captureInput('ICBC', '50000000.00'));
    pay({ ...captureInput('ABC', '1000.00'), kind: 'beps' });
    await loop.round();
    const inbound = await call(`${house.url}/v1/sync/push`, demoToken('ICBC'), 'POST', {
      protocolVersion: 1,
      deviceId: 'ICBC-T1',
      mutations: [{ seq: 1, id: 'ICBC-T1-1', type: 'payment.submit', payload: { ...captureInput('HKB', '5000000.00'), id: 'ICBC-T1-1' } }],
    });
    expect(inbound.status).toBe(200);
    // Until a round pulls nothing new: then the account and the feed show the same house.
    for (let i = 0; i < 10 && lastLiquidityCheck(db) === undefined; i += 1) await loop.round();
    await loop.round();
    await loop.round();

    const account = JSON.parse(getSyncState(db, 'house_account') ?? '{}') as AccountResponse;
    expect(account).toMatchObject({ creditLine: '1000000.00', positions: { ICBC: '-55000000.00' }, netDebit: '1000.00' });
    expect(db.prepare('SELECT status, reason FROM payments WHERE id = ?').get(held)).toEqual({ status: 'queued', reason: 'BILATERAL_LIMIT' });
    const check = lastLiquidityCheck(db);
    expect(check).toMatchObject({ agrees: true, differences: [], businessDate: '2026-03-02' });
    expect(check?.commands).toBeGreaterThan(5);

    // The same account with one position altered, as if the house (or the wire) lied.
    setSyncState(db, 'house_account', JSON.stringify({ ...account, positions: { ...account.positions, ICBC: '-54000000.00' } }));
    expect(checkLiquidity(db, 'HKB', at())?.differences).toEqual([{ item: 'position:ICBC', house: '-54000000.00', replay: '-55000000.00' }]);
    // A limit the feed never told, under which the held payment would have gone.
    setSyncState(db, 'house_account', JSON.stringify({ ...account, limits: { bilateral: { ICBC: '200000000.00' } } }));
    expect(checkLiquidity(db, 'HKB', at())?.differences.map((d) => d.item)).toEqual([`payment:${held}`, 'available', 'position:ICBC', 'controls']);
    // A quiet round checks and tells a difference on the console, once.
    const told = () => listNotices(db).filter((n) => n.messageZh.includes('流动性：清算中心公布的结果与本机重算不一致'));
    setSyncState(db, 'house_account', JSON.stringify(account));
    await loop.round();
    expect(told()).toHaveLength(0);
    setSyncState(db, 'house_account', JSON.stringify({ ...account, available: '1.00' }));
    await loop.round();
    expect(told()).toHaveLength(1);
    expect(told()[0]?.message).toMatch(/available: house 1\.00, replay 1001000\.00|available: house 1\.00, replay/);
    // The round read the true account again: the next check agrees and tells nothing more.
    await loop.round();
    expect(lastLiquidityCheck(db)?.agrees).toBe(true);
    expect(told()).toHaveLength(1);
  }, 120_000);
});
