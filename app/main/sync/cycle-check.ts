import { preparedOnce, type Db } from '../store/open-database';
import { createEngine } from '../../shared/clearing/index';
import type { PaymentKind } from '../../shared/domain/payment';
import type { ClosedCycleView } from './apply-pull-page';

interface CyclePaymentRow {
  id: string;
  kind: PaymentKind;
  direction: 'out' | 'in';
  from_id: string;
  to_id: string;
  amount_minor: bigint;
}

const sql = preparedOnce((db) => ({
  payments: db
    .prepare<[string, string], CyclePaymentRow>(
      `SELECT p.id, p.kind, p.direction, p.from_id, p.to_id, p.amount_minor
         FROM house_payment_cycles c JOIN payments p ON p.id = c.payment_id
        WHERE c.business_date = ? AND c.cycle_id = ? AND p.status IN ('netted', 'settled') AND p.kind IN ('beps', 'bill')
        ORDER BY p.seq`,
    )
    .safeIntegers(),
  mark: db.prepare('UPDATE house_cycles SET checked = ? WHERE business_date = ? AND cycle_id = ?'),
}));

/** Far beyond any real position: the replay checks arithmetic, not liquidity. */
const UNLIMITED_MINOR = 10n ** 15n;

export interface CycleCheck {
  agrees: boolean;
  localNetMinor: bigint;
  localBilateralMinor: Map<string, bigint>;
}

/**
 * Replays one closed cycle with the shared clearing engine from this console's own records
 * (its DNS payments of that cycle, out and in; a payment may still read `netted` here, because
 * the house writes a big cycle's settled statuses over the batches after the close, docs/sync.md) and compares this bank's multilateral
 * and bilateral nets with what the house published. Only this bank's positions are checked:
 * it cannot see other banks' payments to each other.
 */
export function checkClosedCycle(db: Db, selfId: string, cycle: ClosedCycleView): CycleCheck {
  const rows = sql(db).payments.all(cycle.businessDate, cycle.cycleId);
  // A bill this bank presented is held locally as self -> paying bank; the engine (and the
  // house) have it the other way round: the paying bank is `from`.
  const flows = rows.map((r) => (r.kind === 'bill' && r.direction === 'out' ? { ...r, from_id: r.to_id, to_id: r.from_id } : r));
  const ids = new Set<string>([selfId]);
  for (const f of flows) ids.add(f.from_id).add(f.to_id);
  const engine = createEngine({
    currency: 'CNY',
    businessDate: cycle.businessDate,
    participants: [...ids].map((id) => ({ id, balanceMinor: UNLIMITED_MINOR, netDebitCapMinor: UNLIMITED_MINOR })),
  });
  for (const f of flows) engine.apply({ type: 'pay', id: f.id, kind: f.kind, from: f.from_id, to: f.to_id, amountMinor: BigInt(f.amount_minor) });
  const closed = engine.apply({ type: 'closeCycle' }).find((e) => e.type === 'cycleClosed');
  const localBilateralMinor = new Map<string, bigint>();
  let localNetMinor = 0n;
  if (closed && closed.type === 'cycleClosed') {
    localNetMinor = closed.net.find((n) => n.participantId === selfId)?.netMinor ?? 0n;
    for (const b of closed.bilateral) {
      if (b.payer === selfId) localBilateralMinor.set(b.payee, (localBilateralMinor.get(b.payee) ?? 0n) - b.amountMinor);
      else if (b.payee === selfId) localBilateralMinor.set(b.payer, (localBilateralMinor.get(b.payer) ?? 0n) + b.amountMinor);
    }
  }
  const nonZero = (m: Map<string, bigint>) => [...m].filter(([, v]) => v !== 0n).sort(([a], [b]) => (a < b ? -1 : 1));
  const agrees =
    localNetMinor === cycle.netMinor && JSON.stringify(nonZero(localBilateralMinor), (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)) ===
      JSON.stringify(nonZero(cycle.bilateralMinor), (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
  sql(db).mark.run(agrees ? 'agrees' : 'differs', cycle.businessDate, cycle.cycleId);
  return { agrees, localNetMinor, localBilateralMinor };
}
