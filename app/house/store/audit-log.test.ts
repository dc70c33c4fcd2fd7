import { describe, it, expect } from 'vitest';
import { openPgliteStore } from './pglite-store';
import { openPostgresStore } from './postgres-store';
import { migrate } from './migrate';
import type { HouseStore } from './sql-client';
import { appendHouseAudit, houseAuditHash, readHouseAudit, readHouseAuditHead, verifyHouseAuditLog, VERIFY_PAGE_ROWS } from './audit-log';
import { auditHashInput, GENESIS_HASH } from '../../shared/audit/audit-chain';
import { createTestDatabase, postgresAvailable } from '../test-support/fixtures';
import { AUDIT_CHAIN_VECTOR } from '../../shared/audit/audit-chain-vector';

const hasPostgres = await postgresAvailable();

const entry = (i: number) => ({ at: `2026-03-02T01:00:${String(i % 60).padStart(2, '0')}.000Z`, actor: 'admin', action: 'netDebitCap.set', entity: 'participant', entityId: `P${i}`, detail: { netDebitCap: `${i}.00`, outcome: 'applied' } });

async function withPglite(work: (store: HouseStore) => Promise<void>): Promise<void> {
  const store = await openPgliteStore(undefined);
  try {
    await migrate(store);
    await work(store);
  } finally {
    await store.close();
  }
}

describe('house audit log (PGlite)', () => {
  it('chains entries from the genesis hash with the console scheme and verifies them', async () => {
    await withPglite(async (store) => {
      await store.transaction((tx) => appendHouseAudit(tx, [entry(1), entry(2)]));
      await store.transaction((tx) => appendHouseAudit(tx, [entry(3)]));
      const rows = await readHouseAudit(store, 0, 10);
      expect(rows.map((r) => r.seq)).toEqual([1, 2, 3]);
      expect(rows[0]?.prevHash).toBe(GENESIS_HASH);
      expect(rows[1]?.prevHash).toBe(rows[0]?.hash);
      expect(rows[2]?.prevHash).toBe(rows[1]?.hash);
      // Recomputable by anyone: sha256 over the canonical JSON of the fields, keys sorted.
      const expected = houseAuditHash(
        '{"action":"netDebitCap.set","actor":"admin","at":"2026-03-02T01:00:01.000Z","detail":{"netDebitCap":"1.00","outcome":"applied"},"entity":"participant","entityId":"P1","prevHash":"' +
          GENESIS_HASH +
          '","seq":1}',
      );
      expect(rows[0]?.hash).toBe(expected);
      // The scheme's known answer, which the console's audit log is held to as well: one verifier reads both chains.
      expect(AUDIT_CHAIN_VECTOR.fields).toEqual({ ...entry(1), seq: 1, prevHash: GENESIS_HASH });
      expect(expected).toBe(AUDIT_CHAIN_VECTOR.sha256);
      expect(rows[0]?.detailText).toBe('{"netDebitCap":"1.00","outcome":"applied"}');
      expect(await verifyHouseAuditLog(store)).toEqual({ ok: true, count: 3, lastHash: rows[2]?.hash });
      expect((await readHouseAuditHead(store))?.seq).toBe(3);
    });
  }, 60_000);

  it('an entry appended in a transaction that rolls back is gone with it', async () => {
    await withPglite(async (store) => {
      await expect(
        store.transaction(async (tx) => {
          await appendHouseAudit(tx, [entry(1)]);
          throw new Error('the action failed');
        }),
      ).rejects.toThrow('the action failed');
      expect(await readHouseAudit(store, 0, 10)).toEqual([]);
      expect(await verifyHouseAuditLog(store)).toEqual({ ok: true, count: 0, lastHash: GENESIS_HASH });
    });
  }, 60_000);

  it('names the first altered entry, and the entry after a deleted one, across verification pages', async () => {
    await withPglite(async (store) => {
      const total = VERIFY_PAGE_ROWS + 5;
      await store.transaction((tx) => appendHouseAudit(tx, Array.from({ length: total }, (_, i) => entry(i + 1))));
      expect(await verifyHouseAuditLog(store)).toMatchObject({ ok: true, count: total });
      await store.exec('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update');
      const tampered = VERIFY_PAGE_ROWS + 2;
      await store.query(`UPDATE audit_log SET detail = '{"netDebitCap":"999999.00","outcome":"applied"}' WHERE seq = $1`, [tampered]);
      expect(await verifyHouseAuditLog(store)).toMatchObject({ ok: false, seq: tampered, count: tampered - 1, problem: expect.stringMatching(/hash does not match/) });
      await store.query('DELETE FROM audit_log WHERE seq = 3');
      expect(await verifyHouseAuditLog(store)).toMatchObject({ ok: false, seq: 4, problem: expect.stringMatching(/missing/) });
    });
  }, 60_000);

  it('catches a re-hashed row by its successor', async () => {
    await withPglite(async (store) => {
      const written = await store.transaction((tx) => appendHouseAudit(tx, [entry(1), entry(2), entry(3)]));
      await store.exec('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update');
      const second = written[1];
      if (!second) throw new Error('no second entry');
      const forged = houseAuditHash(auditHashInput({ ...second, actor: 'mallory' }));
      await store.query("UPDATE audit_log SET actor = 'mallory', hash = $1 WHERE seq = 2", [forged]);
      expect(await verifyHouseAuditLog(store)).toMatchObject({ ok: false, seq: 3, problem: expect.stringMatching(/prevHash/) });
    });
  }, 60_000);
});

describe.skipIf(!hasPostgres)('house audit log (PostgreSQL; skipped when 127.0.0.1:5432 is not reachable)', () => {
  it('concurrent appenders on the pool take turns: one unbroken chain', async () => {
    const db = await createTestDatabase();
    const store = await openPostgresStore(db.url);
    try {
      await migrate(store);
      await Promise.all(Array.from({ length: 8 }, (_, i) => store.transaction((tx) => appendHouseAudit(tx, [entry(2 * i + 1), entry(2 * i + 2)]))));
      expect(await verifyHouseAuditLog(store)).toMatchObject({ ok: true, count: 16 });
    } finally {
      await store.close();
      await db.drop();
    }
  }, 60_000);
});
