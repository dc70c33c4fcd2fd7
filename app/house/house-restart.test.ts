import { describe, it, expect, afterAll } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHouse } from './house';
import { TEST_SEED, TOKENS, call, paymentPayload, pushBody } from './test-support/fixtures';

describe('house end of day and restart from a snapshot', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hankou-house-eod-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('closes the day (queued payments expire, closing statements, next date), snapshots, and restarts to the same state', async () => {
    const options = { dataDir: dir, seed: TEST_SEED, logLevel: 'silent' as const, cycleIntervalMs: 0, offsetIntervalMs: 0, businessDate: '2026-03-06' };
    const first = await startHouse(options);
    // C holds 100.00: 60.00 settles, 70.00 queues and will expire at end of day.
    await call(`${first.url}/v1/sync/push`, TOKENS.C, 'POST', pushBody('eod-c', 1, [paymentPayload('eod-1', 'A', '60.00'), paymentPayload('eod-2', 'A', '70.00')]));
    const eod = await call(`${first.url}/v1/admin/end-of-day`, first.adminToken, 'POST', {});
    expect(eod.status).toBe(200);
    const me = (await call(`${first.url}/v1/accounts/me`, TOKENS.C, 'GET')).json as { businessDate: string; balance: string };
    // 2026-03-06 is a Friday: the next business day is Monday 2026-03-09.
    expect(me).toMatchObject({ businessDate: '2026-03-09', balance: '40.00' });
    // After the snapshot, one more payment, so the restart replays the journal over the snapshot.
    await call(`${first.url}/v1/sync/push`, TOKENS.C, 'POST', pushBody('eod-c', 3, [paymentPayload('eod-3', 'B', '15.00')]));
    const feed = (await call(`${first.url}/v1/sync/pull?limit=100`, TOKENS.C, 'GET')).json as { changes: Array<{ type: string; data: Record<string, unknown> }> };
    const status = new Map(feed.changes.filter((c) => c.type === 'payment.status').map((c) => [c.data.id, c.data.status]));
    expect(status.get('eod-2')).toBe('expired');
    const closing = feed.changes.find((c) => c.type === 'statement.entry' && c.data.kind === 'closing');
    expect(closing?.data).toMatchObject({ businessDate: '2026-03-06', openingBalance: '100.00', balanceAfter: '40.00', amount: '-60.00', debits: '60.00', debitCount: 1 });
    await first.close();

    const second = await startHouse(options);
    try {
      const again = (await call(`${second.url}/v1/accounts/me`, TOKENS.C, 'GET')).json as { businessDate: string; balance: string };
      expect(again).toMatchObject({ businessDate: '2026-03-09', balance: '25.00' });
      // The restored engine knows every payment: a reused id is a duplicate.
      const reuse = await call(`${second.url}/v1/sync/push`, TOKENS.C, 'POST', pushBody('eod-c2', 1, [paymentPayload('eod-1', 'A', '1.00')]));
      expect((reuse.json as { results: Array<{ code?: string }> }).results[0]?.code).toBe('DUPLICATE_ID');
      const snapshots = await second.store.query<{ n: unknown }>('SELECT count(*) AS n FROM engine_snapshots');
      expect(Number(snapshots.rows[0]?.n)).toBe(1);
    } finally {
      await second.close();
    }
  }, 120_000);
});
