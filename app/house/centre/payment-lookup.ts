import type { CentrePayment } from '../../shared/contract/centre-payment-api';
import { CENTRE_PARTY, messageThreadSchema, stopThreadId, type ThreadEntry } from '../../shared/contract/message-protocol';
import type { PaymentKind, PaymentStatus } from '../../shared/domain/payment';
import { CURRENCY_CODES, type CurrencyCode } from '../../shared/money/currency';
import { formatAmount } from '../../shared/money/format';
import type { SqlClient } from '../store/sql-client';

interface PaymentRow {
  id: string;
  kind: string;
  from_id: string;
  to_id: string;
  amount: string;
  currency: string;
  priority: number;
  status: string;
  reason: string | null;
  business_date: string;
}

/**
 * A payment as the clearing centre looks it up (止付 screen): from the committed store, never the
 * engine mid-batch, with its stop thread. The latest business day's row wins (ids are unique per
 * day). Stopped means the thread says so and the payment still waits: a cancelled or expired
 * payment ends its stop without a thread entry (docs/messages.md).
 */
export async function lookUpPayment(db: SqlClient, paymentId: string): Promise<CentrePayment | undefined> {
  const { rows } = await db.query<PaymentRow>(
    `SELECT id, kind, from_id, to_id, amount_minor::text AS amount, currency, priority, status, reason, business_date
     FROM payments WHERE id = $1 ORDER BY business_date DESC LIMIT 1`,
    [paymentId],
  );
  const row = rows[0];
  if (row === undefined) return undefined;
  const threads = await db.query<{ data: unknown }>('SELECT data FROM message_threads WHERE id = $1', [stopThreadId(paymentId)]);
  const raw = threads.rows[0]?.data;
  const thread = raw === undefined ? undefined : messageThreadSchema.parse(typeof raw === 'string' ? JSON.parse(raw) : raw);
  const stops = thread?.entries ?? [];
  const waiting = row.status === 'queued' || row.status === 'scheduled';
  const last = stops.at(-1);
  const currency = (CURRENCY_CODES as string[]).includes(row.currency) ? (row.currency as CurrencyCode) : 'CNY';
  return {
    id: row.id,
    kind: row.kind as PaymentKind,
    from: row.from_id,
    to: row.to_id,
    amount: formatAmount(BigInt(row.amount), currency),
    currency,
    priority: Number(row.priority),
    status: row.status as PaymentStatus,
    ...(row.reason === null ? {} : { reason: row.reason }),
    businessDate: row.business_date,
    stop: waiting && thread?.state === 'stopped' && last?.action === 'stop' ? stopState(last) : null,
    stops,
  };
}

function stopState(entry: ThreadEntry): NonNullable<CentrePayment['stop']> {
  return { by: entry.by, ...(entry.by === CENTRE_PARTY && entry.operator !== undefined ? { operator: entry.operator } : {}), at: entry.at, reason: entry.text ?? '' };
}
