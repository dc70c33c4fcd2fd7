import { describe, it, expect } from 'vitest';
import pino from 'pino';
import { openHouseStore } from '../store/open-store';
import { HouseMetrics } from '../http/metrics';
import { EngineHost } from './engine-host';
import { sharedEngineFactory } from './clearing-engine-port';
import { paymentPayload, pushBody } from '../test-support/fixtures';
import { parseWithBigInt, stringifyWithBigInt } from '../store/json-bigint';
import { SNAPSHOT_SLICE_PAYMENTS, stringifySnapshotInSlices } from './snapshot-writer';

describe('periodic engine snapshots off the writer path', () => {
  it('the sliced JSON parses to what stringifyWithBigInt gives, for no, one, and several slices of payments', async () => {
    for (const count of [0, 1, SNAPSHOT_SLICE_PAYMENTS, SNAPSHOT_SLICE_PAYMENTS * 2 + 3]) {
      const state = {
        version: 2,
        totalMoneyMinor: 12n,
        participants: [{ id: 'A', balanceMinor: '5', limits: { B: 7n } }],
        payments: Array.from({ length: count }, (_, i) => ({ id: `p${i}`, amountMinor: String(i), status: 'settled', ...(i % 3 === 0 ? { cycleId: i } : {}) })),
        nextOrder: 4,
      };
      const sliced = await stringifySnapshotInSlices(state);
      expect(parseWithBigInt(sliced)).toEqual(parseWithBigInt(stringifyWithBigInt(state)));
    }
    expect(JSON.parse(await stringifySnapshotInSlices({ payments: [] }))).toEqual({ payments: [] });
  });

  it('a snapshot is written after the batch that reached it committed, and a restarted host recovers from it to the same state', async () => {
    const store = await openHouseStore({});
    const logger = pino({ level: 'silent' });
    const options = { store, factory: sharedEngineFactory, metrics: new HouseMetrics(), logger, initialBusinessDate: '2026-03-02', snapshotEveryCommands: 5 };
    const host = new EngineHost(options);
    await host.start();
    for (const [id, balanceMinor] of [['A', 100_000n], ['B', 0n]] as const) {
      await host.operate({ command: { type: 'addParticipant', id, balanceMinor, netDebitCapMinor: 0n }, participantRow: { id, name: id, bankCode: '102521000011', tokenSha256: null } });
    }
    const answer = await host.push('A', pushBody('snap', 1, Array.from({ length: 6 }, (_, i) => paymentPayload(`snap-${i}`, 'B', '1.00'))));
    expect(answer.status).toBe(200);
    await host.close(); // waits for the snapshot write
    const { rows } = await store.query<{ cmd_seq: unknown }>('SELECT cmd_seq FROM engine_snapshots ORDER BY cmd_seq');
    expect(rows.map((r) => Number(r.cmd_seq))).toEqual([8]); // 2 participants + 6 payments crossed 5 in that batch
    const before = JSON.stringify(parseWithBigInt(stringifyWithBigInt(host.view()?.exportState())));
    const again = new EngineHost(options);
    await again.start();
    expect(JSON.stringify(parseWithBigInt(stringifyWithBigInt(again.view()?.exportState())))).toBe(before);
    await again.close();
    await store.close();
  }, 60_000);
});
