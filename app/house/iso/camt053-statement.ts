import { createHash } from 'node:crypto';
import { formatAmount } from '../../shared/money/format';
import { parseAmount } from '../../shared/money/parse';
import { readIso20022, writeCamt053, type StatementEntry, type StatementMessage } from '../../shared/iso20022';
import type { HouseStore } from '../store/sql-client';
import { toBigInt } from '../store/sql-client';

const CURRENCY = 'CNY';
const MAX_REF = 35;

/** A reference that fits Max35Text: the id itself, else a digest of it (long console ids). */
function reference(id: string): string {
  return id.length <= MAX_REF ? id : `H${createHash('sha256').update(id, 'utf8').digest('hex').slice(0, MAX_REF - 1)}`;
}

interface StatementEntryData {
  entryId: string;
  businessDate: string;
  amount: string;
  kind: 'net' | 'liquidity' | 'closing';
  cycleId?: string;
  openingBalance?: string;
  balanceAfter?: string;
}

export type StatementResult = { ok: true; xml: string; message: StatementMessage } | { ok: false; reason: 'not_closed' | 'no_account' };

/**
 * A bank's camt.053 for a closed business day, from what the house already publishes: the
 * day's closing row (opening and closing balances), its gross settlements (a settled payment
 * without a cycle: RTGS and offsetting), its DNS net settlements and its liquidity changes, in
 * house order. The sum of the entries must take the opening balance to the closing one; if it
 * does not, the ledger and the statement disagree and the request fails loudly.
 * The message is the same for the same day (ids and times derive from the day), and it is read
 * back with the project's own camt.053 reader before it leaves.
 */
export async function buildStatement(store: HouseStore, participantId: string, businessDate: string): Promise<StatementResult> {
  const { rows: accounts } = await store.query<{ bank_code: string }>('SELECT bank_code FROM participants WHERE id = $1', [participantId]);
  const account = accounts[0];
  if (!account) return { ok: false, reason: 'no_account' };
  const { rows: feed } = await store.query<{ seq: unknown; data: StatementEntryData }>(
    `SELECT seq, data FROM feed WHERE participant_id = $1 AND type = 'statement.entry' AND data->>'businessDate' = $2 ORDER BY seq`,
    [participantId, businessDate],
  );
  const closing = feed.find((r) => r.data.kind === 'closing');
  if (!closing) return { ok: false, reason: 'not_closed' };
  const { rows: gross } = await store.query<{ id: string; from_id: string; to_id: string; amount: string; change_seq: unknown; counterparty: string | null; end_to_end_id: string | null; purpose: string | null }>(
    `SELECT p.id, p.from_id, p.to_id, p.amount_minor::text AS amount, p.change_seq,
            o.name AS counterparty, i.end_to_end_id, p.details->>'purpose' AS purpose
       FROM payments p
       LEFT JOIN participants o ON o.id = CASE WHEN p.from_id = $1 THEN p.to_id ELSE p.from_id END
       LEFT JOIN iso_transactions i ON i.payment_id = p.id
      WHERE p.business_date = $2 AND p.status = 'settled' AND p.cycle_id IS NULL
        AND (p.from_id = $1 OR p.to_id = $1)`,
    [participantId, businessDate],
  );
  const lines: Array<{ seq: bigint; signedMinor: bigint; entry: Omit<StatementEntry, 'amount' | 'creditDebit' | 'currency'> }> = [];
  const dated = { bookingDate: businessDate, valueDate: businessDate };
  for (const p of gross) {
    const minor = toBigInt(p.amount);
    lines.push({
      seq: toBigInt(p.change_seq),
      signedMinor: p.from_id === participantId ? -minor : minor,
      entry: { ...dated, reference: reference(p.id), endToEndId: p.end_to_end_id, counterparty: p.counterparty, remittance: p.purpose ? p.purpose.slice(0, 140) : null },
    });
  }
  for (const r of feed) {
    if (r.data.kind === 'closing') continue;
    const remittance = r.data.kind === 'net' ? `DNS cycle ${r.data.cycleId ?? ''} net settlement 轧差结算` : 'liquidity adjustment 头寸调整';
    lines.push({
      seq: toBigInt(r.seq),
      signedMinor: parseAmount(r.data.amount, CURRENCY, { allowNegative: true }),
      entry: { ...dated, reference: reference(r.data.entryId), endToEndId: null, counterparty: null, remittance },
    });
  }
  lines.sort((a, b) => (a.seq < b.seq ? -1 : a.seq > b.seq ? 1 : 0));
  const openingMinor = parseAmount(closing.data.openingBalance ?? '0', CURRENCY, { allowNegative: true });
  const closingMinor = parseAmount(closing.data.balanceAfter ?? '0', CURRENCY, { allowNegative: true });
  const movedMinor = lines.reduce((sum, l) => sum + l.signedMinor, 0n);
  if (openingMinor + movedMinor !== closingMinor) {
    throw new Error(`statement of ${participantId} for ${businessDate}: opening ${openingMinor} + entries ${movedMinor} != closing ${closingMinor}`);
  }
  const balance = (minor: bigint) => ({
    amount: formatAmount(minor < 0n ? -minor : minor, CURRENCY),
    currency: CURRENCY,
    creditDebit: minor < 0n ? ('DBIT' as const) : ('CRDT' as const),
    date: businessDate,
  });
  const message: StatementMessage = {
    type: 'camt.053',
    version: '001.08',
    statements: [
      {
        account: account.bank_code,
        openingBalance: balance(openingMinor),
        closingBalance: balance(closingMinor),
        entries: lines.map((l) => ({
          amount: formatAmount(l.signedMinor < 0n ? -l.signedMinor : l.signedMinor, CURRENCY),
          currency: CURRENCY,
          creditDebit: l.signedMinor < 0n ? 'DBIT' : 'CRDT',
          ...l.entry,
        })),
      },
    ],
  };
  const messageId = reference(`STMT-${businessDate.replaceAll('-', '')}-${participantId}`);
  const xml = writeCamt053(message, { messageId, creationDateTime: `${businessDate}T23:59:59+08:00` });
  const readBack = readIso20022(xml);
  if (JSON.stringify(readBack) !== JSON.stringify(message)) {
    throw new Error(`camt.053 of ${participantId} for ${businessDate} does not read back as written`);
  }
  return { ok: true, xml, message };
}
