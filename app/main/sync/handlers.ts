import type { Db } from '../store/open-database';
import type { HandlerImpls } from '../handler-context';
import type { Liquidity } from '../../shared/contract/handlers/sync';
import { accountResponseSchema, type AccountResponse } from '../../shared/contract/sync-protocol';
import { formatAmount } from '../../shared/money/format';
import { parseAmount } from '../../shared/money/parse';
import { selfParticipant } from '../settings/participants';
import { requireSetting } from '../settings/settings';

/** Closed cycles shown on the liquidity screen. */
export const CLOSED_CYCLES_SHOWN = 20;

const cny = (minor: bigint): string => formatAmount(minor, 'CNY');
const signed = (text: string): bigint => parseAmount(text, 'CNY', { allowNegative: true });

interface TotalRow {
  count: bigint;
  amount: bigint | null;
}

function total(row: TotalRow | undefined): { count: number; amount: string } {
  return { count: Number(row?.count ?? 0n), amount: cny(row?.amount ?? 0n) };
}

function hasTable(db: Db, name: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").pluck().get(name) !== undefined;
}

function ownTotal(db: Db, status: string): { count: number; amount: string } {
  const row = db
    .prepare<[string], TotalRow>("SELECT count(*) AS count, sum(amount_minor) AS amount FROM payments WHERE direction = 'out' AND status = ?")
    .safeIntegers()
    .get(status);
  return total(row);
}

/** The stored `accounts/me` answer, or undefined before the first one (or with no house at all). */
function houseAccount(db: Db): AccountResponse | undefined {
  if (!hasTable(db, 'sync_state')) return undefined;
  const text = db.prepare<[], string>("SELECT value FROM sync_state WHERE key = 'house_account'").pluck().get();
  if (text === undefined) return undefined;
  // Stored by the sync loop from a validated answer; parsed again so a bad row fails loudly here.
  return accountResponseSchema.parse(JSON.parse(text));
}

function currentCycle(db: Db): Liquidity['currentCycle'] {
  const none = { count: 0, amount: '0.00' };
  if (!hasTable(db, 'house_payment_cycles')) return { cycleId: null, outgoing: none, incoming: none };
  // Payments still 'netted' sit in the open cycle; the newest such cycle is the open one. A
  // closed cycle's payments may read 'netted' for a moment after its cycle.closed (the house
  // writes their statuses over the next batches, docs/sync.md): a closed cycle is never open.
  const cycleId = db
    .prepare<[], string>(
      `SELECT c.cycle_id FROM house_payment_cycles c JOIN payments p ON p.id = c.payment_id
        WHERE p.status = 'netted'
          AND NOT EXISTS (SELECT 1 FROM house_cycles h WHERE h.business_date = c.business_date AND h.cycle_id = c.cycle_id)
        ORDER BY c.business_date DESC, CAST(c.cycle_id AS INTEGER) DESC LIMIT 1`,
    )
    .pluck()
    .get();
  if (cycleId === undefined) return { cycleId: null, outgoing: none, incoming: none };
  const sum = db
    .prepare<[string, string], TotalRow>(
      `SELECT count(*) AS count, sum(p.amount_minor) AS amount FROM house_payment_cycles c JOIN payments p ON p.id = c.payment_id
        WHERE c.cycle_id = ? AND p.status = 'netted' AND p.direction = ?`,
    )
    .safeIntegers();
  return { cycleId, outgoing: total(sum.get(cycleId, 'out')), incoming: total(sum.get(cycleId, 'in')) };
}

interface CycleDbRow {
  business_date: string;
  cycle_id: string;
  net_minor: bigint;
  bilateral: string;
  checked: 'agrees' | 'differs' | null;
  received_at: string;
}

function closedCycles(db: Db): Liquidity['closedCycles'] {
  if (!hasTable(db, 'house_cycles')) return [];
  const rows = db
    .prepare<[number], CycleDbRow>(
      `SELECT business_date, cycle_id, net_minor, bilateral, checked, received_at FROM house_cycles
        ORDER BY business_date DESC, CAST(cycle_id AS INTEGER) DESC LIMIT ?`,
    )
    .safeIntegers()
    .all(CLOSED_CYCLES_SHOWN);
  return rows.map((r) => ({
    businessDate: r.business_date,
    cycleId: r.cycle_id,
    net: cny(BigInt(r.net_minor)),
    bilateral: Object.entries(JSON.parse(r.bilateral) as Record<string, string>)
      .filter(([, amount]) => signed(amount) !== 0n)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([participant, amount]) => ({ participant, amount: cny(signed(amount)) })),
    check: r.checked,
    receivedAt: r.received_at,
  }));
}

/** What the liquidity screen shows, read from the console store (no call to the house). */
export function liquidityView(db: Db, connection: Liquidity['connection']): Liquidity {
  const self = selfParticipant(db);
  const account = houseAccount(db);
  const figures =
    account === undefined
      ? {
          source: 'local' as const,
          balance: cny(self.balanceMinor),
          available: cny(self.balanceMinor),
          netDebit: '0.00',
          netDebitCap: cny(self.netDebitCapMinor),
        }
      : {
          source: 'house' as const,
          balance: cny(signed(account.balance)),
          available: cny(signed(account.available)),
          netDebit: cny(signed(account.netDebit)),
          netDebitCap: cny(signed(account.netDebitCap)),
        };
  return {
    connection,
    ...figures,
    participant: { id: self.id, name: self.name, bankCode: self.bankCode },
    currency: 'CNY',
    businessDate: requireSetting(db, 'business_date'),
    queue: ownTotal(db, 'queued'),
    outbox: ownTotal(db, 'queued_offline'),
    currentCycle: currentCycle(db),
    closedCycles: closedCycles(db),
  };
}

export const syncImpls: HandlerImpls<'sync.liquidity'> = {
  'sync.liquidity'(ctx) {
    return liquidityView(ctx.services.db, ctx.services.linkStatus().connection);
  },
};
