import { type EngineState, InvariantError } from './state';
import { KIND_RETURN } from './payment-table';

/** A return (pacs.004) that never settled no longer counts against its original. */
export function releaseReturnReservation(state: EngineState, row: number): void {
  const t = state.payments;
  const originalId = t.originalId.get(row);
  if (t.kind[row] !== KIND_RETURN || originalId === undefined) return;
  const original = state.rowOf(originalId);
  const amountMinor = t.amount[row] as bigint;
  if (original < 0 || t.returned(original) < amountMinor) throw new InvariantError(`return ${t.id[row]} lost its original`);
  const left = t.returned(original) - amountMinor;
  if (left === 0n) t.returnedMinor.delete(original);
  else t.returnedMinor.set(original, left);
}
