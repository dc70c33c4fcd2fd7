import type { Db } from '../store/open-database';
import type { QueueRow, QueueView, QueueWaitReason } from '../../shared/contract/handlers/liquidity';
import { formatAmount } from '../../shared/money/format';
import type { CurrencyCode } from '../../shared/money/currency';
import { hasTimingColumns } from '../payments/payment-timing-store';
import { storedHouseAccount } from '../sync/house-account';
import { getSetting } from '../settings/settings';

interface Row {
  id: string;
  kind: QueueRow['kind'];
  priority: number;
  status: string;
  to_id: string;
  to_name: string | null;
  to_bank_code: string | null;
  creditor_name: string;
  amount_minor: bigint;
  currency: string;
  reason: string | null;
  earliest_time: string | null;
  latest_time: string | null;
  value_date: string | null;
  since: string | null;
  updated_at: string;
  pending: string | null;
  queue_key: bigint | null;
  seq: bigint;
}

/** The house's reason code as the clerk reads it. */
export function waitReasonOf(code: string | null): QueueWaitReason {
  switch (code) {
    case null:
      return 'fifo';
    case 'INSUFFICIENT_FUNDS':
      return 'funds';
    case 'RESERVED_LIQUIDITY':
      return 'floor';
    case 'BILATERAL_LIMIT':
    case 'MULTILATERAL_LIMIT':
      return 'limit';
    case 'NET_DEBIT_CAP':
      return 'cap';
    default:
      return 'other';
  }
}

// Own outgoing payments waiting at the house, with the time the console was told they began
// to wait and the requests of each still with the house (outbox rows not yet answered).
const WAITING_SQL = `
  SELECT p.id, p.kind, p.priority, p.status, p.to_id, t.name AS to_name, t.bank_code AS to_bank_code, p.creditor_name,
         p.amount_minor, p.currency, p.reason, p.earliest_time, p.latest_time, p.value_date, p.updated_at, p.queue_key, p.seq,
         (SELECT max(h.at) FROM payment_status_history h WHERE h.payment_id = p.id AND h.status = p.status) AS since,
         (SELECT group_concat(o.type) FROM sync_outbox o WHERE o.mutation_id = p.id AND o.result IS NULL
            AND o.type IN ('payment.cancel', 'payment.reprioritise', 'payment.reorder')) AS pending
    FROM payments p LEFT JOIN participants t ON t.id = p.to_id
   WHERE p.direction = 'out' AND p.status IN ('queued', 'scheduled')
   ORDER BY p.priority, p.queue_key IS NULL, p.queue_key, p.seq`;

function toQueueRow(r: Row, position: number): QueueRow {
  return {
    id: r.id,
    kind: r.kind,
    priority: Number(r.priority),
    status: r.status,
    position,
    to: r.to_id,
    toName: r.to_name ?? r.to_id,
    toBankCode: r.to_bank_code ?? '',
    creditorName: r.creditor_name,
    amount: formatAmount(BigInt(r.amount_minor), r.currency as CurrencyCode),
    reasonCode: r.reason,
    waitReason: waitReasonOf(r.reason),
    earliest: r.earliest_time,
    latest: r.latest_time,
    valueDate: r.value_date,
    since: r.since ?? r.updated_at,
    pending: (r.pending?.split(',') ?? []) as QueueRow['pending'],
  };
}

/**
 * 排队管理: the bank's own RTGS queue in the house's order (priority, then queue order), the
 * DNS waiting list in arrival order, and the scheduled payments by when they are due.
 */
export function readQueueView(db: Db): QueueView {
  const account = storedHouseAccount(db);
  const businessDate = account?.businessDate ?? getSetting(db, 'business_date') ?? null;
  if (!hasTimingColumns(db)) return { linked: false, businessDate, clock: null, rtgs: [], dns: [], scheduled: [] };
  const rows = db.prepare<[], Row>(WAITING_SQL).safeIntegers().all();
  const queued = rows.filter((r) => r.status === 'queued');
  const rtgs = queued.filter((r) => r.kind === 'hvps' || r.kind === 'return');
  // DNS admission is arrival order whatever the priority.
  const dns = queued.filter((r) => r.kind === 'beps' || r.kind === 'bill').sort((a, b) => compareKeys(a, b));
  const due = (r: Row) => `${r.value_date ?? businessDate ?? ''} ${r.earliest_time ?? '00:00'}`;
  const scheduled = rows.filter((r) => r.status === 'scheduled').sort((a, b) => due(a).localeCompare(due(b)));
  return {
    linked: true,
    businessDate,
    clock: account?.businessDate === businessDate ? (account?.clock ?? null) : null,
    rtgs: rtgs.map((r, i) => toQueueRow(r, i + 1)),
    dns: dns.map((r, i) => toQueueRow(r, i + 1)),
    scheduled: scheduled.map((r, i) => toQueueRow(r, i + 1)),
  };
}

/** Arrival order: the order the pull told them queued; rows without a key last, by capture. */
function compareKeys(a: Row, b: Row): number {
  if (a.queue_key !== b.queue_key) {
    if (a.queue_key === null) return 1;
    if (b.queue_key === null) return -1;
    return a.queue_key < b.queue_key ? -1 : 1;
  }
  return a.seq < b.seq ? -1 : a.seq > b.seq ? 1 : 0;
}
