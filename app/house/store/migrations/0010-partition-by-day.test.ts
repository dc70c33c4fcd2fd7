import { describe, it, expect } from 'vitest';
import { migrate } from '../migrate';
import { MIGRATIONS } from './index';
import { SCHEMA_STORES, storeMissing, withEmptyStore } from '../../test-support/schema-stores';

const upTo = (version: number) => MIGRATIONS.filter((m) => m.version <= version);

const insertPayment = (id: string, cmdSeq: number, deviceSeq: number, date: string): string =>
  `INSERT INTO payments (id, cmd_seq, device_id, device_seq, submitter_id, counterparty_id, from_id, to_id, kind, priority,
     amount_minor, currency, details, business_date, received_at_ms, admission, status, change_seq)
   VALUES ('${id}', ${cmdSeq}, 'A-1', ${deviceSeq}, 'A', 'B', 'A', 'B', 'hvps', 2, 12345, 'CNY', '{"purpose":"货款"}', '${date}', 0, 'accepted', 'settled', ${cmdSeq})`;

const hash = (c: string) => c.repeat(64);

describe.each(SCHEMA_STORES)('house migration 0010 partition-by-day (%s)', (kind) => {
  it.skipIf(storeMissing(kind))('moves payments, journal and audit into one partition per business day, keeps the rows and the guards', async () => {
    await withEmptyStore(kind, async (store) => {
      expect(await migrate(store, upTo(9))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
      await store.query("INSERT INTO house_meta (key, value) VALUES ('initial_business_date', '2026-12-07'), ('business_date', '2026-12-09')");
      // journal 1 (before any payment), P1 (day 7), journal 3, P2 (day 8), journal 5
      await store.query(`INSERT INTO journal (cmd_seq, command) VALUES (1, '{"type":"time"}'), (3, '{"type":"endOfDay"}'), (5, '{"type":"offset"}')`);
      await store.query(insertPayment('P1', 2, 1, '2026-12-07'));
      await store.query(insertPayment('P2', 4, 2, '2026-12-08'));
      await store.query(
        `INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, detail, prev_hash, hash)
         VALUES (1, '2026-12-07T01:00:00.000Z', 'seed', 'participant.added', 'participant', 'A', '{}', '${hash('0')}', '${hash('a')}')`,
      );
      expect(await migrate(store, upTo(10))).toEqual([10]);

      const partitions = await store.query<{ name: string }>(
        "SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname IN ('payments', 'journal', 'audit_log') ORDER BY 1",
      );
      expect(partitions.rows.map((r) => r.name)).toEqual([
        'audit_log_d20261207', 'audit_log_d20261208', 'audit_log_d20261209',
        'journal_d20261207', 'journal_d20261208', 'journal_d20261209',
        'payments_d20261207', 'payments_d20261208', 'payments_d20261209',
      ]);
      const payments = await store.query<{ id: string; business_date: string }>('SELECT id, business_date FROM payments_d20261208');
      expect(payments.rows).toEqual([{ id: 'P2', business_date: '2026-12-08' }]);
      const journal = await store.query<{ cmd_seq: string; business_date: string }>('SELECT cmd_seq::text, business_date FROM journal ORDER BY cmd_seq');
      expect(journal.rows).toEqual([
        { cmd_seq: '1', business_date: '2026-12-07' },
        { cmd_seq: '3', business_date: '2026-12-07' },
        { cmd_seq: '5', business_date: '2026-12-08' },
      ]);
      const audit = await store.query<{ seq: string; business_date: string }>('SELECT seq::text, business_date FROM audit_log');
      expect(audit.rows).toEqual([{ seq: '1', business_date: '2026-12-07' }]);

      // Guards kept: id and device seq unique within the day, json checked, audit append-only.
      await expect(store.query(insertPayment('P2', 6, 9, '2026-12-08'))).rejects.toThrow(/unique|duplicate/i);
      await expect(store.query(insertPayment('P3', 6, 2, '2026-12-08'))).rejects.toThrow(/unique|duplicate/i);
      await expect(store.query("UPDATE audit_log SET actor = 'x' WHERE seq = 1")).rejects.toThrow(/append-only/);
      await expect(store.query('DELETE FROM audit_log_d20261207')).rejects.toThrow(/append-only/);
      await expect(store.query('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
      // A day with no partition is refused loudly, never stored elsewhere; ensure creates it.
      await expect(store.query(insertPayment('P4', 7, 4, '2026-12-10'))).rejects.toThrow(/partition/i);
      await store.query("SELECT house_ensure_day('2026-12-10')");
      await store.query("SELECT house_ensure_day('2026-12-10')");
      await store.query(insertPayment('P4', 7, 4, '2026-12-10'));
      await expect(store.query("SELECT house_ensure_day('12/10/2026')")).rejects.toThrow(/not a business date/);
      // The audit's day is the house's business date.
      const day = await store.query<{ d: string }>('SELECT house_audit_day() AS d');
      expect(day.rows[0]?.d).toBe('2026-12-09');
    });
  }, 240_000);
});
