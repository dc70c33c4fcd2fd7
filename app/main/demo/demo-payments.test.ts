import { describe, expect, it } from 'vitest';
import { memoryStore } from '../store/test-support/test-store';
import { insertDemoPayments } from './demo-payments';
import { upsertParticipant } from '../settings/participants';
import { DEMO_SELF_ID, wuhanParticipants } from './wuhan-participants';

/**
 * Issue 16: the demo showed 22 outgoing payments queued at the house with ¥560M available, and
 * settled payments with no answer from the house. The demo must only hold states the house could
 * have produced: a payment is queued only when it exceeds the available balance, and every
 * payment the house moved carries the house's time after its capture.
 */
describe('demo payments are states the house could produce', () => {
  const participants = wuhanParticipants();
  const self = participants.find((p) => p.id === DEMO_SELF_ID)!;
  const db = memoryStore();
  for (const p of participants) upsertParticipant(db, p);
  const now = new Date('2026-12-07T07:00:00.000Z');
  insertDemoPayments(db, { count: 20_000, selfId: DEMO_SELF_ID, deviceId: 'EED2E7C8', participantIds: participants.map((p) => p.id), businessDate: '2026-12-07', now });
  const rows = db
    .prepare<[], { status: string; direction: string; amount_minor: bigint; created_at: string; updated_at: string; checker: string | null; business_date: string }>(
      'SELECT status, direction, amount_minor, created_at, updated_at, checker, business_date FROM payments',
    )
    .safeIntegers()
    .all();

  it('queues no outgoing payment that the opening balance could have settled', () => {
    const balanceMinor = self.balanceMinor;
    const queued = rows.filter((r) => r.direction === 'out' && r.status === 'queued');
    for (const r of queued) expect(r.amount_minor > balanceMinor).toBe(true);
    // With ~¥50M the largest demo amount and ¥500M opening balance, that means none.
    expect(queued).toEqual([]);
    expect(rows.reduce((max, r) => (r.amount_minor > max ? r.amount_minor : max), 0n) < balanceMinor).toBe(true);
  });

  it('every payment the house moved has the house’s time after capture, and no later than now', () => {
    const moved = rows.filter((r) => ['settled', 'netted', 'received', 'rejected', 'returned', 'expired'].includes(r.status));
    expect(moved.length).toBeGreaterThan(19_000);
    for (const r of moved) {
      expect(r.updated_at > r.created_at, `${r.status} ${r.created_at}`).toBe(true);
      expect(r.updated_at <= now.toISOString()).toBe(true);
    }
    const today = rows.filter((r) => r.business_date === '2026-12-07' && r.direction === 'out');
    expect(today.some((r) => r.status === 'settled')).toBe(true);
    // Outgoing payments past the checker were verified by someone.
    for (const r of rows.filter((x) => x.direction === 'out' && x.status !== 'draft')) expect(r.checker).not.toBeNull();
  });
});
