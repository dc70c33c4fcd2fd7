import { describe, it, expect } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHouse, type HouseOptions } from '../house';
import { createTestDatabase, TEST_SEED, TOKENS, call, paymentPayload, pushBody } from '../test-support/fixtures';
import { SCHEMA_STORES, storeMissing } from '../test-support/schema-stores';
import { archiveHouseDays } from './house-archive';
import { findArchivedPayment, verifyHouseArchive } from './archive-reader';
import { listPartitionDays } from './day-partitions';

interface AuditPage {
  verification: { ok: boolean; count: number };
  head: { seq: number; hash: string };
}

describe.each(SCHEMA_STORES)('house history archive (%s)', (kind) => {
  it.skipIf(storeMissing(kind))(
    'archives days past the retention to checksummed files, drops their partitions, answers by id, and the chain verifies across the archive',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'archive-house-'));
      const archiveDir = join(dir, 'archive');
      const db = kind === 'PostgreSQL' ? await createTestDatabase() : undefined;
      const options: HouseOptions = {
        ...(db ? { databaseUrl: db.url } : { dataDir: join(dir, 'ledger') }),
        seed: TEST_SEED,
        logLevel: 'silent',
        cycleIntervalMs: 0,
        offsetIntervalMs: 0,
        businessDate: '2026-03-02',
      };
      try {
        const first = await startHouse(options);
        const push = (device: string, seq: number, ids: string[]) =>
          call(`${first.url}/v1/sync/push`, TOKENS.A, 'POST', pushBody(device, seq, ids.map((id) => paymentPayload(id, 'B', '10.00'))));
        // Day 1 (Monday 03-02): three payments. Day 2: two and an audited liquidity change. Day 3: one, left hot.
        await push('arc-a', 1, ['d1-1', 'd1-2', 'd1-3']);
        expect((await call(`${first.url}/v1/admin/end-of-day`, first.adminToken, 'POST', {})).status).toBe(200);
        await push('arc-a', 4, ['d2-1', 'd2-2']);
        expect((await call(`${first.url}/v1/admin/participants/C/liquidity`, first.adminToken, 'POST', { amount: '5.00' })).status).toBe(200);
        expect((await call(`${first.url}/v1/admin/end-of-day`, first.adminToken, 'POST', {})).status).toBe(200);
        await push('arc-a', 6, ['d3-1']);
        expect(await listPartitionDays(first.store)).toEqual(['2026-03-02', '2026-03-03', '2026-03-04']);

        // A payment of day 2 that could still move keeps day 2 (and every later day) hot.
        await first.store.query("UPDATE payments SET status = 'queued' WHERE id = 'd2-2'");
        const stopped = await archiveHouseDays(first.store, { archiveDir, retentionDays: 1, nowMs: () => Date.parse('2026-03-04T08:00:00Z') });
        expect(stopped.archived.map((d) => [d.businessDate, d.payments])).toEqual([['2026-03-02', 3]]);
        expect(stopped.stoppedAt).toMatchObject({ businessDate: '2026-03-03' });
        expect(stopped.stoppedAt?.reason).toMatch(/may still change/);
        await first.store.query("UPDATE payments SET status = 'settled' WHERE id = 'd2-2'");
        const done = await archiveHouseDays(first.store, { archiveDir, retentionDays: 1, nowMs: () => Date.parse('2026-03-04T08:01:00Z') });
        expect(done).toMatchObject({ currentBusinessDate: '2026-03-04', cutoff: '2026-03-03' });
        expect(done.archived.map((d) => [d.businessDate, d.payments])).toEqual([['2026-03-03', 2]]);
        expect(done.stoppedAt).toBeUndefined();
        expect(await listPartitionDays(first.store)).toEqual(['2026-03-04']);
        expect(readdirSync(archiveDir).sort()).toEqual(['2026-03-02', '2026-03-03']);

        // The hot chain resumes at the archive's boundary; the archive's own chain verifies.
        const audit = (await call(`${first.url}/v1/admin/audit?limit=1000`, first.adminToken, 'GET')).json as AuditPage;
        expect(audit.verification.ok).toBe(true);
        const archived = await verifyHouseArchive(archiveDir);
        expect(archived).toMatchObject({ ok: true, days: 2, payments: 5 });
        const boundary = await first.store.query<{ seq: string; hash: string }>(
          "SELECT audit_last_seq::text AS seq, audit_last_hash AS hash FROM archived_days WHERE business_date = '2026-03-03'",
        );
        expect(archived.ok && archived.auditLast).toEqual({ seq: Number(boundary.rows[0]?.seq), hash: boundary.rows[0]?.hash });
        // Each archived day is itself an audited event of the current day.
        const entries = await first.store.query<{ entity_id: string; business_date: string }>(
          "SELECT entity_id, business_date FROM audit_log WHERE action = 'archive.day' ORDER BY seq",
        );
        expect(entries.rows).toEqual([
          { entity_id: '2026-03-02', business_date: '2026-03-04' },
          { entity_id: '2026-03-03', business_date: '2026-03-04' },
        ]);

        const found = await findArchivedPayment(archiveDir, 'd1-2');
        expect(found).toMatchObject({ businessDate: '2026-03-02', row: { id: 'd1-2', amount_minor: '1000', status: 'settled', from_id: 'A', to_id: 'B' } });
        expect(await findArchivedPayment(archiveDir, 'd3-1')).toBeUndefined();
        const balanceBefore = ((await call(`${first.url}/v1/accounts/me`, TOKENS.A, 'GET')).json as { balance: string }).balance;
        await first.close();

        // Recovery needs nothing archived: the snapshot of 03-03's end of day plus today's rows.
        const second = await startHouse(options);
        try {
          const me = (await call(`${second.url}/v1/accounts/me`, TOKENS.A, 'GET')).json as { balance: string; businessDate: string };
          expect(me).toMatchObject({ balance: balanceBefore, businessDate: '2026-03-04' });
          expect(me.balance).toBe('999940.00');
          // The engine still knows archived ids: no second payment under one.
          const reuse = await call(`${second.url}/v1/sync/push`, TOKENS.A, 'POST', pushBody('arc-a2', 1, [paymentPayload('d1-1', 'B', '1.00')]));
          expect((reuse.json as { results: Array<{ code?: string }> }).results[0]?.code).toBe('DUPLICATE_ID');
          const audit2 = (await call(`${second.url}/v1/admin/audit?limit=1000`, second.adminToken, 'GET')).json as AuditPage;
          expect(audit2.verification.ok).toBe(true);
          // Nothing more is due today.
          expect((await archiveHouseDays(second.store, { archiveDir, retentionDays: 1 })).archived).toEqual([]);
        } finally {
          await second.close();
        }

        // A changed byte in an archived file is caught by its checksum.
        const file = join(archiveDir, '2026-03-02', 'payments.jsonl.gz');
        const bytes = readFileSync(file);
        bytes[bytes.length - 5] = (bytes[bytes.length - 5] ?? 0) ^ 0xff;
        writeFileSync(file, bytes);
        expect(await verifyHouseArchive(archiveDir)).toMatchObject({ ok: false, day: '2026-03-02' });
      } finally {
        await db?.drop();
        rmSync(dir, { recursive: true, force: true });
      }
    },
    240_000,
  );
});
