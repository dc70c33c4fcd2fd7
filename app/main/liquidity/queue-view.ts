import type { Db } from '../store/open-database';
import type { QueueRow, QueueSource, QueueView } from '../../shared/contract/handlers/liquidity';
import { waitReasonOfCode, type QueueResponse } from '../../shared/contract/queue-protocol';
import { formatAmount } from '../../shared/money/format';
import type { CurrencyCode } from '../../shared/money/currency';
import { hasTimingColumns } from '../payments/payment-timing-store';
import { storedHouseAccount } from '../sync/house-account';
import { getSetting } from '../settings/settings';

interface Row {
  id: string;
  direction: string;
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

// Own outgoing payments waiting at the house, with the time the console was told they began
// to wait and the requests of each still with the house (outbox rows not yet answered).
const SELECT_SQL = `
  SELECT p.id, p.direction, p.kind, p.priority, p.status, p.to_id, t.name AS to_name, t.bank_code AS to_bank_code, p.creditor_name,
         p.amount_minor, p.currency, p.reason, p.earliest_time, p.latest_time, p.value_date, p.updated_at, p.queue_key, p.seq,
         (SELECT max(h.at) FROM payment_status_history h WHERE h.payment_id = p.id AND h.status = p.status) AS since,
         (SELECT group_concat(o.type) FROM sync_outbox o WHERE o.mutation_id = p.id AND o.result IS NULL
            AND o.type IN ('payment.cancel', 'payment.reprioritise', 'payment.reorder')) AS pending
    FROM payments p LEFT JOIN participants t ON t.id = p.to_id`;
const WAITING_SQL = `${SELECT_SQL}
   WHERE p.direction = 'out' AND p.status IN ('queued', 'scheduled')
   ORDER BY p.priority, p.queue_key IS NULL, p.queue_key, p.seq`;
// The payments the house's queue names, whatever this console last heard of them.
const BY_IDS_SQL = `${SELECT_SQL} WHERE p.id IN (SELECT value FROM json_each(?))`;

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
    waitReason: waitReasonOfCode(r.reason),
    earliest: r.earliest_time,
    latest: r.latest_time,
    valueDate: r.value_date,
    since: r.since ?? r.updated_at,
    pending: (r.pending?.split(',') ?? []) as QueueRow['pending'],
    local: true,
  };
}

/**
 * 排队管理: the bank's own RTGS queue (priority, then queue order), the DNS waiting list in
 * arrival order, and the scheduled payments by when they are due: in the house's own order and
 * with its current reasons when `house` is given (queue-source.ts chose it as fresh), else in
 * the console's mirror (queue_key) with the reasons as pulled; `source` says which.
 */
export function readQueueView(db: Db, source: QueueSource, house?: QueueResponse): QueueView {
  const account = storedHouseAccount(db);
  const businessDate = account?.businessDate ?? getSetting(db, 'business_date') ?? null;
  if (!hasTimingColumns(db)) return { linked: false, source: { kind: 'mirror', why: 'local' }, businessDate, clock: null, rtgs: [], dns: [], scheduled: [] };
  if (house !== undefined) return houseView(db, source, house);
  const rows = db.prepare<[], Row>(WAITING_SQL).safeIntegers().all();
  const queued = rows.filter((r) => r.status === 'queued');
  const rtgs = queued.filter((r) => r.kind === 'hvps' || r.kind === 'return');
  // DNS admission is arrival order whatever the priority.
  const dns = queued.filter((r) => r.kind === 'beps' || r.kind === 'bill').sort((a, b) => compareKeys(a, b));
  const due = (r: Row) => `${r.value_date ?? businessDate ?? ''} ${r.earliest_time ?? '00:00'}`;
  const scheduled = rows.filter((r) => r.status === 'scheduled').sort((a, b) => due(a).localeCompare(due(b)));
  return {
    linked: true,
    source,
    businessDate,
    clock: account?.businessDate === businessDate ? (account?.clock ?? null) : null,
    rtgs: rtgs.map((r, i) => toQueueRow(r, i + 1)),
    dns: dns.map((r, i) => toQueueRow(r, i + 1)),
    scheduled: scheduled.map((r, i) => toQueueRow(r, i + 1)),
  };
}

type HouseRow = QueueResponse['rtgs'][number] | QueueResponse['scheduled'][number];

/**
 * The house's lists as they stand, completed from this console's records (creditor, pending
 * requests); a payment the house lists that this console never sent (another device of the
 * bank) shows with what the house says and no action.
 */
function houseView(db: Db, source: QueueSource, house: QueueResponse): QueueView {
  const all: HouseRow[] = [...house.rtgs, ...house.dns, ...house.scheduled];
  const local = new Map(
    db
      .prepare<[string], Row>(BY_IDS_SQL)
      .safeIntegers()
      .all(JSON.stringify(all.map((p) => p.id)))
      .map((r) => [r.id, r]),
  );
  const banks = new Map(db.prepare<[], { id: string; name: string; bankCode: string }>('SELECT id, name, bank_code AS bankCode FROM participants').all().map((p) => [p.id, p]));
  const toRow = (p: HouseRow, status: 'queued' | 'scheduled', position: number): QueueRow => {
    const found = local.get(p.id);
    // A bill presented to this bank is the presenter's record here: only the amount and parties are shared.
    const mine = found?.direction === 'out' ? found : undefined;
    const queued = 'reason' in p ? p : undefined;
    const scheduled = 'reason' in p ? undefined : p;
    return {
      id: p.id,
      kind: p.kind,
      priority: p.priority,
      status,
      position,
      to: p.to,
      toName: banks.get(p.to)?.name ?? p.to,
      toBankCode: banks.get(p.to)?.bankCode ?? '',
      creditorName: mine?.creditor_name ?? '',
      amount: p.amount,
      reasonCode: queued?.reasonCode ?? null,
      waitReason: queued?.reason ?? (scheduled?.stopped === true ? 'stopped' : 'fifo'),
      earliest: scheduled === undefined ? (mine?.earliest_time ?? null) : scheduled.earliest,
      latest: scheduled === undefined ? (mine?.latest_time ?? null) : scheduled.latest,
      valueDate: scheduled === undefined ? (mine?.value_date ?? null) : scheduled.valueDate,
      since: p.since,
      pending: (mine?.pending?.split(',') ?? []) as QueueRow['pending'],
      local: mine !== undefined,
    };
  };
  return {
    linked: true,
    source,
    businessDate: house.businessDate,
    clock: house.clock,
    rtgs: house.rtgs.map((p, i) => toRow(p, 'queued', i + 1)),
    dns: house.dns.map((p, i) => toRow(p, 'queued', i + 1)),
    scheduled: house.scheduled.map((p, i) => toRow(p, 'scheduled', i + 1)),
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
