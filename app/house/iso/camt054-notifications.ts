import { createHash } from 'node:crypto';
import { formatAmount } from '../../shared/money/format';
import { readIso20022, writeCamt054, type StatementMessage } from '../../shared/iso20022';
import type { HouseStore } from '../store/sql-client';
import { toBigInt, toSafeNumber } from '../store/sql-client';

const MAX_REF = 35;
const ref = (id: string) => (id.length <= MAX_REF ? id : `H${createHash('sha256').update(id, 'utf8').digest('hex').slice(0, MAX_REF - 1)}`);

export interface NotificationPage {
  /** null when nothing settled after the cursor. */
  xml: string | null;
  nextAfter: number;
  hasMore: boolean;
  count: number;
}

/**
 * camt.054 debit/credit notifications, one Ntfctn per payment of the bank (sent or received)
 * settled after `after` in house order (payments.change_seq: a settled payment's row never
 * changes again, so the cursor is stable), up to `limit`, never past what is committed.
 * The optional ISO form of what the pull feed says as payment.status / payment.inbound.
 */
export async function settledNotifications(store: HouseStore, participantId: string, after: number, untilSeq: number, limit: number): Promise<NotificationPage> {
  const { rows: accounts } = await store.query<{ bank_code: string }>('SELECT bank_code FROM participants WHERE id = $1', [participantId]);
  const account = accounts[0]?.bank_code;
  if (account === undefined) return { xml: null, nextAfter: after, hasMore: false, count: 0 };
  const { rows } = await store.query<{ id: string; from_id: string; amount: string; change_seq: unknown; business_date: string; purpose: string | null; counterparty: string | null; end_to_end_id: string | null }>(
    `SELECT p.id, p.from_id, p.amount_minor::text AS amount, p.change_seq, p.business_date, p.details->>'purpose' AS purpose,
            o.name AS counterparty, i.end_to_end_id
       FROM payments p
       LEFT JOIN participants o ON o.id = CASE WHEN p.from_id = $1 THEN p.to_id ELSE p.from_id END
       LEFT JOIN iso_transactions i ON i.payment_id = p.id
      WHERE (p.submitter_id = $1 OR p.counterparty_id = $1) AND p.status = 'settled'
        AND p.change_seq > $2 AND p.change_seq <= $3
      ORDER BY p.change_seq LIMIT $4`,
    [participantId, after, untilSeq, limit + 1],
  );
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  if (!last) return { xml: null, nextAfter: after, hasMore: false, count: 0 };
  const message: StatementMessage = {
    type: 'camt.054',
    version: '001.08',
    statements: page.map((p) => ({
      account,
      openingBalance: null,
      closingBalance: null,
      entries: [
        {
          amount: formatAmount(toBigInt(p.amount), 'CNY'),
          currency: 'CNY',
          creditDebit: p.from_id === participantId ? 'DBIT' : 'CRDT',
          bookingDate: p.business_date,
          valueDate: p.business_date,
          reference: ref(p.id),
          endToEndId: p.end_to_end_id,
          counterparty: p.counterparty,
          remittance: p.purpose ? p.purpose.slice(0, 140) : null,
        },
      ],
    })),
  };
  const nextAfter = toSafeNumber(last.change_seq);
  const xml = writeCamt054(message, { messageId: ref(`NTF-${participantId}-${after}`), creationDateTime: new Date().toISOString() });
  if (JSON.stringify(readIso20022(xml)) !== JSON.stringify(message)) throw new Error(`camt.054 for ${participantId} after ${after} does not read back as written`);
  return { xml, nextAfter, hasMore: rows.length > limit, count: page.length };
}
