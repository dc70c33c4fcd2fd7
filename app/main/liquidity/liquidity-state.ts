import { preparedOnce, type Db } from '../store/open-database';
import { insertNotice } from '../notices/notice-repository';
import { liquidityChangeSchema, type LiquidityChange, type LiquidityControls } from '../../shared/contract/sync-protocol';
import type { Notice } from '../../shared/contract';

interface ControlsRow {
  business_date: string;
  controls: string;
  warning_below: bigint | number;
  feed_seq: bigint | number;
  updated_at: string;
}

const sql = preparedOnce((db) => ({
  read: db.prepare<[], ControlsRow>('SELECT business_date, controls, warning_below, feed_seq, updated_at FROM liquidity_controls WHERE id = 1'),
  upsert: db.prepare(
    `INSERT INTO liquidity_controls (id, business_date, controls, warning_below, feed_seq, updated_at)
     VALUES (1, @businessDate, @controls, @below, @seq, @at)
     ON CONFLICT (id) DO UPDATE SET business_date = excluded.business_date, controls = excluded.controls,
       warning_below = excluded.warning_below, feed_seq = excluded.feed_seq, updated_at = excluded.updated_at`,
  ),
  hasTable: db.prepare<[], number>("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'liquidity_controls'").pluck(),
}));

/** The last known controls (from the pull feed) and whether a position warning stands. */
export interface StoredLiquidity {
  businessDate: string;
  controls: LiquidityControls;
  warningBelow: boolean;
  feedSeq: number;
  updatedAt: string;
}

export function readStoredLiquidity(db: Db): StoredLiquidity | undefined {
  const row = sql(db).read.get();
  if (row === undefined) return undefined;
  // What the house sent, re-checked: a bad row is a bug, not something to show.
  const change = liquidityChangeSchema.parse(JSON.parse(row.controls));
  const { businessDate: _date, warning: _warning, ...controls } = change;
  return { businessDate: row.business_date, controls, warningBelow: Number(row.warning_below) === 1, feedSeq: Number(row.feed_seq), updatedAt: row.updated_at };
}

/** Whether the status bar shows the position warning (false before liquidity is stored at all). */
export function positionWarningStands(db: Db): boolean {
  if (sql(db).hasTable.get() === undefined) return false;
  return readStoredLiquidity(db)?.warningBelow ?? false;
}

/**
 * Stores one `liquidity` change of a pulled page, inside the page's transaction. The controls
 * replace the stored ones. A warning crossing below the threshold raises ONE notice: the
 * stored flag means a repeated "below" (a re-pulled page, or the house telling it again) says
 * nothing new; coming back up clears the flag so the next fall is told again.
 */
export function applyLiquidityChange(db: Db, change: LiquidityChange, seq: number, at: string): Notice | undefined {
  if (!db.inTransaction) throw new Error('a liquidity change is stored only inside the pull page transaction');
  const before = readStoredLiquidity(db);
  const wasBelow = before?.warningBelow ?? false;
  // A change without `warning` is a control change: the standing warning carries on, unless
  // the threshold was switched off.
  const below = change.warning !== undefined ? change.warning.below : wasBelow && change.warningThreshold !== undefined;
  sql(db).upsert.run({ businessDate: change.businessDate, controls: JSON.stringify(change), below: below ? 1 : 0, seq, at });
  if (change.warning === undefined || !change.warning.below || wasBelow) return undefined;
  const { available, threshold } = change.warning;
  return insertNotice(db, {
    at,
    severity: 'warning',
    message: `Position warning: available funds ${available} CNY fell below the warning threshold ${threshold} CNY (${change.businessDate})`,
    messageZh: `头寸预警：可用头寸 ${available} 元低于预警线 ${threshold} 元（${change.businessDate}）`,
    paymentId: null,
  });
}
