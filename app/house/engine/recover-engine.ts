import type { Logger } from 'pino';
import type { EngineCommand, PayCommand } from '../../shared/clearing/commands';
import type { HouseStore } from '../store/sql-client';
import { toBigInt, toSafeNumber } from '../store/sql-client';
import { parseWithBigInt, reviveBigInt } from '../store/json-bigint';
import { loadDevices } from '../store/device-queries';
import type { DeviceRow } from './batch-effects';
import type { ClearingEngine, EngineFactory } from './clearing-engine-port';
import { payCommandOf } from './pay-command';

/** Rows per replay page: bounded memory however long the journal. */
const REPLAY_PAGE_ROWS = 20_000;

export interface RecoveredEngine {
  engine: ClearingEngine;
  cmdSeq: bigint;
  changeSeq: number;
  devices: Map<string, DeviceRow>;
}

interface ReplayRow {
  cmd_seq: unknown;
  command: unknown;
  id: string | null;
  from_id: string | null;
  to_id: string | null;
  kind: string | null;
  priority: number | null;
  amount_minor: string | null;
  currency: string | null;
  details: unknown;
}

/**
 * Rebuilds the engine exactly as last committed: the newest snapshot, then every command after
 * it in cmd_seq order (payments rebuilt from their rows, other commands from the journal). The
 * engine is deterministic, so this reproduces the state the answers were given from; the check
 * at the end compares every participant's balance with the stored one and fails loudly.
 */
export async function recoverEngine(store: HouseStore, factory: EngineFactory, initialBusinessDate: string, logger: Logger): Promise<RecoveredEngine> {
  const snapshot = (
    await store.query<{ cmd_seq: unknown; state: string }>('SELECT cmd_seq, state FROM engine_snapshots ORDER BY cmd_seq DESC LIMIT 1')
  ).rows[0];
  let engine: ClearingEngine;
  let cmdSeq = 0n;
  if (snapshot) {
    engine = factory.restore(parseWithBigInt(snapshot.state));
    cmdSeq = toBigInt(snapshot.cmd_seq);
  } else {
    engine = factory.create({ currency: 'CNY', businessDate: initialBusinessDate });
  }
  let replayed = 0;
  for (;;) {
    const { rows } = await store.query<ReplayRow>(
      `SELECT cmd_seq, NULL::jsonb AS command, id, from_id, to_id, kind, priority, amount_minor::text AS amount_minor, currency, details
         FROM payments WHERE cmd_seq > $1
       UNION ALL
       SELECT cmd_seq, command, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL FROM journal WHERE cmd_seq > $1
       ORDER BY cmd_seq LIMIT $2`,
      [cmdSeq.toString(), REPLAY_PAGE_ROWS],
    );
    for (const row of rows) {
      const seq = toBigInt(row.cmd_seq);
      if (seq !== cmdSeq + 1n) throw new Error(`journal gap: expected cmd_seq ${cmdSeq + 1n}, found ${seq}`);
      engine.apply(row.id !== null ? payCommandFromRow(row) : reviveBigInt<EngineCommand>(row.command));
      cmdSeq = seq;
      replayed += 1;
    }
    if (rows.length < REPLAY_PAGE_ROWS) break;
  }
  const counters = (
    await store.query<{ payments_seq: unknown; feed_seq: unknown; reserved_seq: unknown }>(
      `SELECT (SELECT coalesce(max(change_seq), 0) FROM payments) AS payments_seq, (SELECT coalesce(max(seq), 0) FROM feed) AS feed_seq,
              (SELECT coalesce(max(value::bigint), 0) FROM house_meta WHERE key = 'change_seq_reserved') AS reserved_seq`,
    )
  ).rows[0];
  // Seqs handed to the settlement lane are reserved even if its write never landed: pulls may
  // have read past them, so they are never given out again (settlement-lane.ts).
  const changeSeq = Math.max(toSafeNumber(counters?.payments_seq ?? 0), toSafeNumber(counters?.feed_seq ?? 0), toSafeNumber(counters?.reserved_seq ?? 0));
  await checkBalances(store, engine);
  const devices = await loadDevices(store);
  logger.info({ snapshotCmdSeq: snapshot ? String(snapshot.cmd_seq) : null, replayed, cmdSeq: cmdSeq.toString(), changeSeq }, 'engine recovered');
  return { engine, cmdSeq, changeSeq, devices };
}

function payCommandFromRow(row: ReplayRow): PayCommand {
  if (row.id === null || row.from_id === null || row.to_id === null || row.kind === null || row.amount_minor === null || row.currency === null) {
    throw new Error(`payment row at cmd_seq ${String(row.cmd_seq)} is incomplete`);
  }
  return payCommandOf({
    id: row.id,
    kind: row.kind,
    fromId: row.from_id,
    toId: row.to_id,
    amountMinor: toBigInt(row.amount_minor),
    priority: Number(row.priority),
    currency: row.currency,
    details: row.details,
  });
}

async function checkBalances(store: HouseStore, engine: ClearingEngine): Promise<void> {
  const { rows } = await store.query<{ id: string; balance: string; net_debit: string }>(
    'SELECT id, balance_minor::text AS balance, net_debit_minor::text AS net_debit FROM participants',
  );
  for (const row of rows) {
    const position = engine.participant(row.id);
    if (!position) throw new Error(`participant ${row.id} is in the store but not in the recovered engine`);
    if (position.balanceMinor !== BigInt(row.balance) || position.netDebitMinor !== BigInt(row.net_debit)) {
      throw new Error(
        `recovered engine disagrees with the store for ${row.id}: balance ${position.balanceMinor} vs ${row.balance}, net debit ${position.netDebitMinor} vs ${row.net_debit}`,
      );
    }
  }
}
