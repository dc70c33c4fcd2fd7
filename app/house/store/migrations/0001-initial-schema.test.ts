import { describe, it, expect } from 'vitest';
import { migrate } from '../migrate';
import { MIGRATIONS } from './index';
import { SCHEMA_STORES, storeMissing, withEmptyStore } from '../../test-support/schema-stores';

const upTo = (version: number) => MIGRATIONS.filter((m) => m.version <= version);

const PAYMENT_COLUMNS = `id, cmd_seq, device_id, device_seq, submitter_id, counterparty_id, from_id, to_id, kind, priority, amount_minor,
  currency, details, business_date, received_at_ms, admission, status, change_seq`;
const payment = (id: string, cmdSeq: number, device: string | null, deviceSeq: number | null, admission = 'accepted') =>
  `INSERT INTO payments (${PAYMENT_COLUMNS}) VALUES ('${id}', ${cmdSeq}, ${device === null ? 'NULL' : `'${device}'`}, ${deviceSeq ?? 'NULL'},
   'A', 'B', 'A', 'B', 'hvps', 2, 12345, 'CNY', '{"purpose":"货款"}', '2026-03-02', 0, '${admission}', 'settled', ${cmdSeq})`;

describe.each(SCHEMA_STORES)('house migration 0001 initial-schema (%s)', (kind) => {
  it.skipIf(storeMissing(kind))('builds the ledger on an empty database, with the keys and checks the engine host relies on', async () => {
    await withEmptyStore(kind, async (store) => {
      expect(await migrate(store, upTo(1))).toEqual([1]);

      // Participants: the token is stored only as a hash, and two banks never share one.
      await store.query("INSERT INTO participants (id, name, bank_code, balance_minor, net_debit_cap_minor, token_sha256) VALUES ('A', 'Bank A', '102521000011', 100000, 50000, 'h1')");
      await store.query("INSERT INTO participants (id, name, bank_code, balance_minor, net_debit_cap_minor) VALUES ('B', 'Bank B', '103521000012', 0, 0)");
      await store.query("INSERT INTO participants (id, name, bank_code, balance_minor, net_debit_cap_minor) VALUES ('C', 'Bank C', '104521000013', 0, 0)");
      await expect(store.query("INSERT INTO participants (id, name, bank_code, balance_minor, net_debit_cap_minor, token_sha256) VALUES ('D', 'Bank D', '105521000014', 0, 0, 'h1')")).rejects.toThrow(/unique|duplicate/i);
      expect((await store.query<{ id: string; net_debit: string; active: boolean }>('SELECT id, net_debit_minor::text AS net_debit, active FROM participants ORDER BY id')).rows).toEqual([
        { id: 'A', net_debit: '0', active: true },
        { id: 'B', net_debit: '0', active: true },
        { id: 'C', net_debit: '0', active: true },
      ]);

      // Devices belong to a known participant and count from zero up.
      await store.query("INSERT INTO devices (device_id, participant_id, last_seq) VALUES ('A-1', 'A', 0)");
      await expect(store.query("INSERT INTO devices (device_id, participant_id, last_seq) VALUES ('Z-1', 'Z', 0)")).rejects.toThrow(/foreign key/i);
      await expect(store.query("INSERT INTO devices (device_id, participant_id, last_seq) VALUES ('A-2', 'A', -1)")).rejects.toThrow(/check/i);

      // Payments: one per command seq, one per device seq, money as bigint to the last fen.
      await store.query(payment('P1', 1, 'A-1', 1));
      await store.query(payment('P2', 2, null, null));
      await store.query(payment('P3', 3, null, null));
      await expect(store.query(payment('P4', 4, 'A-1', 1))).rejects.toThrow(/unique|duplicate/i);
      await expect(store.query(payment('P5', 1, 'A-1', 2))).rejects.toThrow(/unique|duplicate/i);
      await expect(store.query(payment('P6', 6, 'A-1', 6, 'maybe'))).rejects.toThrow(/admission/);
      await store.query("UPDATE participants SET balance_minor = 9007199254740993 WHERE id = 'B'");
      expect((await store.query<{ b: string }>("SELECT balance_minor::text AS b FROM participants WHERE id = 'B'")).rows).toEqual([{ b: '9007199254740993' }]);
      expect((await store.query<{ id: string; purpose: string }>("SELECT id, details->>'purpose' AS purpose FROM payments ORDER BY cmd_seq")).rows).toEqual([
        { id: 'P1', purpose: '货款' },
        { id: 'P2', purpose: '货款' },
        { id: 'P3', purpose: '货款' },
      ]);

      // A refused mutation is answered once per device seq; journal, feed and cycles are keyed by their order.
      await store.query("INSERT INTO mutation_rejections (device_id, seq, mutation_id, code, message) VALUES ('A-1', 2, 'P9', 'INVALID_PAYLOAD', 'bad')");
      await expect(store.query("INSERT INTO mutation_rejections (device_id, seq, mutation_id, code, message) VALUES ('A-1', 2, 'P9', 'INVALID_PAYLOAD', 'bad')")).rejects.toThrow(/unique|duplicate/i);
      await store.query(`INSERT INTO journal (cmd_seq, command) VALUES (4, '{"type":"closeCycle"}')`);
      await expect(store.query(`INSERT INTO journal (cmd_seq, command) VALUES (4, '{"type":"offset"}')`)).rejects.toThrow(/unique|duplicate/i);
      await store.query(`INSERT INTO feed (seq, participant_id, type, data) VALUES (5, NULL, 'day', '{}')`);
      await store.query(`INSERT INTO cycles (business_date, cycle_id, closed_cmd_seq, net, bilateral) VALUES ('2026-03-02', '1', 4, '[]', '[]')`);
      await expect(store.query(`INSERT INTO cycles (business_date, cycle_id, closed_cmd_seq, net, bilateral) VALUES ('2026-03-02', '1', 5, '[]', '[]')`)).rejects.toThrow(/unique|duplicate/i);
      await store.query(`INSERT INTO engine_snapshots (cmd_seq, state) VALUES (4, '{}')`);
      await store.query("INSERT INTO house_meta (key, value) VALUES ('epoch', 'abc')");

      expect(await migrate(store, upTo(1))).toEqual([]);
    });
  }, 60_000);
});
