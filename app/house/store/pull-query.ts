import type { Change } from '../../shared/contract/sync-protocol';
import { formatAmount } from '../../shared/money/format';
import type { CurrencyCode } from '../../shared/money/currency';
import type { SqlClient } from './sql-client';
import { toBigInt, toSafeNumber } from './sql-client';

/**
 * Prepared once per connection (PostgreSQL keeps a generic plan): planning this page over every
 * hot day's partition (2 scans x days) cost more than running it: with 90 day partitions 34 ms
 * of planning beside 13 ms of execution per page, and the page 3.8x the same page over one day;
 * prepared, 1.1x (docs/benchmarks.md, "History").
 */
const PULL_STATEMENT = 'hankou_pull_page';

/** Inbound payments are shown to the receiving bank once they count: admitted, settled or returned. */
const VISIBLE_INBOUND = ['netted', 'settled', 'returned'];

interface ChangeRow {
  seq: unknown;
  type: string;
  id: string | null;
  status: string | null;
  reason: string | null;
  business_date: string | null;
  from_id: string | null;
  to_id: string | null;
  kind: string | null;
  amount_minor: string | null;
  currency: string | null;
  details: Record<string, unknown> | null;
  cycle_id: string | null;
  data: Record<string, unknown> | null;
}

/**
 * One page of a participant's change feed after `afterSeq`, up to `untilSeq` (the last committed
 * seq), in house order. Four keyset scans, each on its own index and each bounded by the limit,
 * merged by seq: the payments it sent (status), payments to it (inbound), its own feed rows
 * and the rows for everyone.
 */
export async function readChanges(
  db: SqlClient,
  participantId: string,
  afterSeq: number,
  untilSeq: number,
  limit: number,
): Promise<{ changes: Change[]; hasMore: boolean }> {
  const { rows } = await db.query<ChangeRow>(
    `SELECT * FROM (
       (SELECT change_seq AS seq, 'payment.status' AS type, id, status, reason, business_date,
               NULL AS from_id, NULL AS to_id, NULL AS kind, NULL AS amount_minor, NULL AS currency, NULL::json AS details, cycle_id, NULL::jsonb AS data
          FROM payments WHERE submitter_id = $1 AND change_seq > $2 AND change_seq <= $3 ORDER BY change_seq LIMIT $4)
       UNION ALL
       (SELECT change_seq, 'payment.inbound', id, status, reason, business_date,
               from_id, to_id, kind, amount_minor::text, currency, details, cycle_id, NULL
          FROM payments WHERE counterparty_id = $1 AND submitter_id <> $1 AND change_seq > $2 AND change_seq <= $3
           AND status = ANY($5::text[]) ORDER BY change_seq LIMIT $4)
       UNION ALL
       (SELECT seq, type, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, data
          FROM feed WHERE participant_id = $1 AND seq > $2 AND seq <= $3 ORDER BY seq LIMIT $4)
       UNION ALL
       (SELECT seq, type, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, data
          FROM feed WHERE participant_id IS NULL AND seq > $2 AND seq <= $3 ORDER BY seq LIMIT $4)
     ) AS page ORDER BY seq LIMIT $4`,
    [participantId, String(afterSeq), String(untilSeq), limit + 1, VISIBLE_INBOUND],
    PULL_STATEMENT,
  );
  const hasMore = rows.length > limit;
  const changes = rows.slice(0, limit).map(toChange);
  return { changes, hasMore };
}

function toChange(row: ChangeRow): Change {
  const seq = toSafeNumber(row.seq);
  switch (row.type) {
    case 'payment.status':
      return {
        seq,
        type: 'payment.status',
        data: {
          id: String(row.id),
          status: row.status as never,
          ...(row.reason ? { reason: row.reason } : {}),
          ...(row.business_date ? { businessDate: row.business_date } : {}),
          ...(row.cycle_id ? { cycleId: row.cycle_id } : {}),
        },
      };
    case 'payment.inbound': {
      const details = row.details ?? {};
      const currency = (row.currency ?? 'CNY') as CurrencyCode;
      return {
        seq,
        type: 'payment.inbound',
        data: {
          id: String(row.id),
          from: String(row.from_id),
          to: String(row.to_id),
          amount: formatAmount(toBigInt(row.amount_minor), currency),
          currency,
          kind: row.kind as never,
          debtor: details.debtor as never,
          creditor: details.creditor as never,
          purpose: String(details.purpose ?? ''),
          status: row.status as never,
          ...(row.reason ? { reason: row.reason } : {}),
          ...(row.business_date ? { businessDate: row.business_date } : {}),
          ...(details.presentedBy ? { presentedBy: details.presentedBy as never } : {}),
          ...(row.cycle_id ? { cycleId: row.cycle_id } : {}),
        },
      };
    }
    case 'cycle.closed':
    case 'statement.entry':
    case 'participant':
    case 'calendar':
    case 'liquidity':
    case 'schedule':
    case 'broadcast':
    case 'message':
      return { seq, type: row.type, data: row.data as never };
    default:
      throw new Error(`unknown change type ${row.type} at seq ${seq}`);
  }
}
