import { describe, it, expect } from 'vitest';
import { migrate } from '../migrate';
import { MIGRATIONS } from './index';
import { SCHEMA_STORES, storeMissing, withEmptyStore } from '../../test-support/schema-stores';

const upTo = (version: number) => MIGRATIONS.filter((m) => m.version <= version);

const insertPayment = (id: string, cmdSeq: number, deviceSeq: number, details: string): string =>
  `INSERT INTO payments (id, cmd_seq, device_id, device_seq, submitter_id, counterparty_id, from_id, to_id, kind, priority,
     amount_minor, currency, details, business_date, received_at_ms, admission, status, change_seq)
   VALUES ('${id}', ${cmdSeq}, 'A-1', ${deviceSeq}, 'A', 'B', 'A', 'B', 'hvps', 2, 12345, 'CNY', '${details}', '2026-12-07', 0, 'accepted', 'settled', ${cmdSeq})`;

describe.each(SCHEMA_STORES)('house migration 0007 payments-narrow (%s)', (kind) => {
  it.skipIf(storeMissing(kind))('keeps stored details, trades the cmd_seq b-tree for BRIN, keeps exactly-once keys unique', async () => {
    await withEmptyStore(kind, async (store) => {
      expect(await migrate(store, upTo(6))).toEqual([1, 2, 3, 4, 5, 6]);
      await store.query(insertPayment('P1', 1, 1, '{"purpose": "货款", "debtor": {"name": "汉口\\\\商贸", "account": "622202"}}'));
      expect(await migrate(store, upTo(7))).toEqual([7]);

      const { rows } = await store.query<{ details: unknown; type: string }>(
        "SELECT details, pg_typeof(details)::text AS type FROM payments WHERE id = 'P1'",
      );
      expect(rows).toEqual([{ details: { debtor: { name: '汉口\\商贸', account: '622202' }, purpose: '货款' }, type: 'json' }]);

      const indexes = await store.query<{ indexname: string; indexdef: string }>(
        "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'payments' ORDER BY indexname",
      );
      const names = indexes.rows.map((r) => r.indexname);
      expect(names).toContain('payments_cmd_seq_brin');
      expect(names).not.toContain('payments_cmd_seq_key');
      expect(indexes.rows.find((r) => r.indexname === 'payments_cmd_seq_brin')?.indexdef).toMatch(/USING brin \(cmd_seq\)/);

      // A new row after the migration, then the keys exactly-once rests on: the id and the device seq.
      await store.query(insertPayment('P2', 2, 2, '{"purpose": ""}'));
      await expect(store.query(insertPayment('P2', 3, 3, '{}'))).rejects.toThrow(/unique|duplicate/i);
      await expect(store.query(insertPayment('P3', 3, 2, '{}'))).rejects.toThrow(/unique|duplicate/i);
      // json still checks that what it keeps is JSON.
      await expect(store.query(insertPayment('P4', 4, 4, '{not json'))).rejects.toThrow(/json/i);
      const seqs = await store.query<{ cmd_seq: string }>('SELECT cmd_seq::text FROM payments WHERE cmd_seq > 1 ORDER BY cmd_seq');
      expect(seqs.rows).toEqual([{ cmd_seq: '2' }]);
    });
  }, 60_000);
});
