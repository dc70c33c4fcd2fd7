import { writeCamt053 } from '../../shared/iso20022/write-camt053';
import type { StatementEntry } from '../../shared/iso20022/types';
import { formatAmount } from '../../shared/money/format';
import { parseAmount } from '../../shared/money/parse';
import { toBigInt, toSafeNumber, type SqlClient } from '../store/sql-client';

/** One participant's settlement day, as the centre's report gives it. Amounts are decimal strings. */
export interface ParticipantSettlement {
  participantId: string;
  name: string;
  bankCode: string;
  /** Settled payments it paid / received, gross and netted together. */
  paidCount: number;
  paidValue: string;
  receivedCount: number;
  receivedValue: string;
  /** Of which settled gross (RTGS). */
  grossPaidValue: string;
  grossReceivedValue: string;
  rejectedCount: number;
  /** Its multilateral net per closed DNS cycle (positive: it received). */
  cycles: Array<{ cycleId: string; net: string }>;
  /** The largest net debit it settled in one cycle: how much of its cap it used at most. */
  creditUsed: string;
  netDebitCap: string;
  /** From the day's closing statement; null while the day is open. */
  openingBalance: string | null;
  closingBalance: string | null;
}

export interface SettlementReport {
  businessDate: string;
  participants: ParticipantSettlement[];
}

const cny = (minor: bigint): string => formatAmount(minor, 'CNY');

/** The per-day settlement report per participant: a handful of grouped queries over the day. */
export async function settlementReport(db: SqlClient, businessDate: string): Promise<SettlementReport> {
  const participants = await db.query<{ id: string; name: string; bank_code: string; cap: unknown }>('SELECT id, name, bank_code, net_debit_cap_minor::text AS cap FROM participants ORDER BY bank_code, id');
  const flows = await db.query<{ id: string; side: string; gross: boolean; n: unknown; v: unknown }>(
    `SELECT from_id AS id, 'paid' AS side, cycle_id IS NULL AS gross, count(*) AS n, sum(amount_minor)::text AS v
       FROM payments WHERE business_date = $1 AND status = 'settled' GROUP BY from_id, cycle_id IS NULL
     UNION ALL
     SELECT to_id, 'received', cycle_id IS NULL, count(*), sum(amount_minor)::text
       FROM payments WHERE business_date = $1 AND status = 'settled' GROUP BY to_id, cycle_id IS NULL`,
    [businessDate],
  );
  const rejected = await db.query<{ id: string; n: unknown }>(`SELECT submitter_id AS id, count(*) AS n FROM payments WHERE business_date = $1 AND status = 'rejected' GROUP BY submitter_id`, [businessDate]);
  const cycles = await db.query<{ cycle_id: string; net: unknown }>('SELECT cycle_id, net FROM cycles WHERE business_date = $1 ORDER BY closed_cmd_seq', [businessDate]);
  const closing = await db.query<{ participant_id: string; data: unknown }>(
    `SELECT participant_id, data FROM feed WHERE type = 'statement.entry' AND data->>'kind' = 'closing' AND data->>'businessDate' = $1`,
    [businessDate],
  );
  const closingOf = new Map(closing.rows.map((r) => [r.participant_id, (typeof r.data === 'string' ? JSON.parse(r.data) : r.data) as { openingBalance?: string; balanceAfter?: string }]));
  const rejectedOf = new Map(rejected.rows.map((r) => [r.id, toSafeNumber(r.n)]));
  const out: ParticipantSettlement[] = participants.rows.map((p) => {
    let paidCount = 0;
    let receivedCount = 0;
    let paid = 0n;
    let received = 0n;
    let grossPaid = 0n;
    let grossReceived = 0n;
    for (const f of flows.rows) {
      if (f.id !== p.id) continue;
      const n = toSafeNumber(f.n);
      const v = toBigInt(f.v);
      if (f.side === 'paid') {
        paidCount += n;
        paid += v;
        if (f.gross) grossPaid += v;
      } else {
        receivedCount += n;
        received += v;
        if (f.gross) grossReceived += v;
      }
    }
    const mine: Array<{ cycleId: string; net: string }> = [];
    let worstMinor = 0n;
    for (const c of cycles.rows) {
      const net = (typeof c.net === 'string' ? JSON.parse(c.net) : c.net) as Record<string, string>;
      const value = net[p.id];
      if (value === undefined) continue;
      mine.push({ cycleId: c.cycle_id, net: value });
      const minor = parseAmount(value, 'CNY', { allowNegative: true });
      if (-minor > worstMinor) worstMinor = -minor;
    }
    const close = closingOf.get(p.id);
    return {
      participantId: p.id,
      name: p.name,
      bankCode: p.bank_code,
      paidCount,
      paidValue: cny(paid),
      receivedCount,
      receivedValue: cny(received),
      grossPaidValue: cny(grossPaid),
      grossReceivedValue: cny(grossReceived),
      rejectedCount: rejectedOf.get(p.id) ?? 0,
      cycles: mine,
      creditUsed: cny(worstMinor),
      netDebitCap: cny(toBigInt(p.cap)),
      openingBalance: close?.openingBalance ?? null,
      closingBalance: close?.balanceAfter ?? null,
    };
  });
  return { businessDate, participants: out };
}

/** CSV (RFC 4180), one row per participant; the cycles as `id:net` pairs separated by spaces. */
export function settlementReportCsv(report: SettlementReport): string {
  const header = [
    'business_date', 'participant', 'name', 'bank_code', 'paid_count', 'paid_value', 'received_count', 'received_value',
    'gross_paid_value', 'gross_received_value', 'rejected_count', 'cycle_nets', 'credit_used', 'net_debit_cap', 'opening_balance', 'closing_balance',
  ];
  const cell = (value: string | number | null): string => {
    const text = value === null ? '' : String(value);
    // A leading = + - @ would be a formula in a spreadsheet; amounts are quoted as text only when negative.
    const guarded = /^[=+@]/.test(text) || (/^-/.test(text) && !/^-\d/.test(text)) ? `'${text}` : text;
    return /[",\r\n]/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
  };
  const lines = [header.join(',')];
  for (const p of report.participants) {
    lines.push(
      [
        report.businessDate, p.participantId, p.name, p.bankCode, p.paidCount, p.paidValue, p.receivedCount, p.receivedValue,
        p.grossPaidValue, p.grossReceivedValue, p.rejectedCount, p.cycles.map((c) => `${c.cycleId}:${c.net}`).join(' '), p.creditUsed, p.netDebitCap,
        p.openingBalance, p.closingBalance,
      ]
        .map(cell)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

/**
 * The day as a camt.053 for one participant's settlement account: each gross settlement, each
 * cycle's net and each liquidity movement as an entry; opening and closing balances once the
 * day is closed. Undefined for an unknown participant.
 */
export async function settlementReportCamt053(db: SqlClient, businessDate: string, participantId: string, createdAt: string): Promise<string | undefined> {
  const report = await settlementReport(db, businessDate);
  const me = report.participants.find((p) => p.participantId === participantId);
  if (!me) return undefined;
  const gross = await db.query<{ id: string; from_id: string; to_id: string; amount: unknown }>(
    `SELECT id, from_id, to_id, amount_minor::text AS amount FROM payments
      WHERE business_date = $1 AND status = 'settled' AND cycle_id IS NULL AND (from_id = $2 OR to_id = $2) ORDER BY change_seq`,
    [businessDate, participantId],
  );
  const liquidity = await db.query<{ data: unknown }>(
    `SELECT data FROM feed WHERE participant_id = $1 AND type = 'statement.entry' AND data->>'kind' = 'liquidity' AND data->>'businessDate' = $2 ORDER BY seq`,
    [participantId, businessDate],
  );
  const entry = (signedMinor: bigint, reference: string, counterparty: string | null, remittance: string): StatementEntry => ({
    amount: cny(signedMinor < 0n ? -signedMinor : signedMinor),
    currency: 'CNY',
    creditDebit: signedMinor < 0n ? 'DBIT' : 'CRDT',
    bookingDate: businessDate,
    valueDate: businessDate,
    reference,
    endToEndId: null,
    counterparty,
    remittance,
  });
  const entries: StatementEntry[] = [
    ...gross.rows.map((g) => (g.from_id === participantId ? entry(-toBigInt(g.amount), g.id, g.to_id, 'RTGS') : entry(toBigInt(g.amount), g.id, g.from_id, 'RTGS'))),
    ...me.cycles.filter((c) => c.net !== '0.00').map((c) => entry(parseAmount(c.net, 'CNY', { allowNegative: true }), `C${businessDate}/${c.cycleId}`, null, `DNS cycle ${c.cycleId}`)),
    ...liquidity.rows.map((row) => {
      const data = (typeof row.data === 'string' ? JSON.parse(row.data) : row.data) as { entryId: string; amount: string };
      return entry(parseAmount(data.amount, 'CNY', { allowNegative: true }), data.entryId, null, 'liquidity');
    }),
  ];
  const balance = (text: string | null) => {
    if (text === null) return null;
    const minor = parseAmount(text, 'CNY', { allowNegative: true });
    return { amount: cny(minor < 0n ? -minor : minor), currency: 'CNY', creditDebit: minor < 0n ? ('DBIT' as const) : ('CRDT' as const), date: businessDate };
  };
  return writeCamt053(
    { type: 'camt.053', version: '001.08', statements: [{ account: me.bankCode, openingBalance: balance(me.openingBalance), closingBalance: balance(me.closingBalance), entries }] },
    { messageId: `HK${businessDate.replace(/-/g, '')}${participantId}`.slice(0, 35), creationDateTime: createdAt },
  );
}
