import type { LiquidityView } from '../../shared/clearing/views';
import type { LiquidityControls } from '../../shared/contract/sync-protocol';
import { formatAmount } from '../../shared/money/format';
import type { BatchEffects } from './batch-effects';
import type { ClearingEngine } from './clearing-engine-port';

const amount = (minor: bigint): string => formatAmount(minor, 'CNY');

/** A participant's controls as the wire carries them (accounts/me, the `liquidity` change). */
export function controlsOf(view: LiquidityView): LiquidityControls {
  const bilateral: Record<string, string> = {};
  for (const [counterparty, limitMinor] of Object.entries(view.limits.bilateral)) bilateral[counterparty] = amount(limitMinor);
  const controls: LiquidityControls = {
    creditLine: amount(view.creditLineMinor),
    reservations: { urgent: amount(view.reservations.urgentMinor), high: amount(view.reservations.highMinor) },
    limits: view.limits.multilateralMinor === undefined ? { bilateral } : { bilateral, multilateral: amount(view.limits.multilateralMinor) },
  };
  if (view.warningThresholdMinor !== undefined) controls.warningThreshold = amount(view.warningThresholdMinor);
  return controls;
}

/**
 * One `liquidity` feed row per note of the batch, for that participant only: the controls as
 * they stand after the batch (so the last row a console applies is the current state), and
 * for a position warning the crossing itself. A control set twice in a batch gives one row.
 */
export function addLiquidityFeed(batch: BatchEffects, engine: ClearingEngine, businessDate: string): void {
  const controlsDone = new Set<string>();
  for (const note of batch.liquidityNotes) {
    if (note.warning === undefined && controlsDone.has(note.participantId)) continue;
    const view = engine.liquidity(note.participantId);
    if (view === undefined) continue;
    const data: Record<string, unknown> = { ...controlsOf(view), businessDate };
    if (note.warning === undefined) controlsDone.add(note.participantId);
    else data.warning = { below: note.warning.below, available: amount(note.warning.availableMinor), threshold: amount(note.warning.thresholdMinor) };
    batch.addFeed(note.participantId, 'liquidity', data);
  }
}
