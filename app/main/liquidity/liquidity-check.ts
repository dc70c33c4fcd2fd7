import { z } from 'zod';
import { preparedOnce, type Db } from '../store/open-database';
import { getSyncState } from '../sync/sync-state';
import { getSetting, setSetting } from '../settings/settings';
import { readStoredLiquidity } from './liquidity-state';
import { workingCalendar } from '../settings/working-calendar';
import { replayLiquidity, type LiquidityReplay, type ReplayFlow, type ReplayOwnCommand } from './liquidity-replay';
import { accountResponseSchema, type AccountResponse } from '../../shared/contract/sync-protocol';
import { minuteOf } from '../../shared/clearing/clock';
import { valueDaysAhead } from '../../shared/domain/payment-timing';
import { parseAmount } from '../../shared/money/parse';
import type { PaymentKind, PaymentPriority } from '../../shared/domain/payment';
import { liquidityCheckSchema } from '../../shared/contract/handlers/liquidity';

interface FlowRow {
  id: string;
  kind: PaymentKind;
  direction: 'out' | 'in';
  from_id: string;
  to_id: string;
  amount_minor: bigint;
}

interface OwnRow {
  type: 'payment.submit' | 'payment.reorder';
  id: string;
  payload: string;
  to_id: string;
  amount_minor: bigint;
  priority: bigint;
  status: string;
}

const sql = preparedOnce((db) => ({
  hasControls: db.prepare<[], number>("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'liquidity_controls'").pluck(),
  // Gross: hvps and returns (pacs.004 settles gross); beps and bills settle in a cycle's net.
  settled: db
    .prepare<[string], FlowRow>(
      `SELECT id, kind, direction, from_id, to_id, amount_minor FROM payments
        WHERE business_date = ? AND status = 'settled' AND kind IN ('hvps', 'return') ORDER BY seq`,
    )
    .safeIntegers(),
  // The open cycle's: a closed cycle's payments may still read 'netted' for a moment after its
  // cycle.closed (the house writes their statuses over the next batches, docs/sync.md).
  netted: db
    .prepare<[string], FlowRow>(
      `SELECT id, kind, direction, from_id, to_id, amount_minor FROM payments p
        WHERE business_date = ? AND status = 'netted' AND kind IN ('beps', 'bill')
          AND NOT EXISTS (SELECT 1 FROM house_payment_cycles c JOIN house_cycles h ON h.business_date = c.business_date AND h.cycle_id = c.cycle_id
                           WHERE c.payment_id = p.id)
        ORDER BY seq`,
    )
    .safeIntegers(),
  // This device's accepted submits and reorders of payments the house still holds, in the
  // order the house received them.
  own: db
    .prepare<[], OwnRow>(
      `SELECT o.type, p.id, o.payload, p.to_id, p.amount_minor, p.priority, p.status
         FROM sync_outbox o JOIN payments p ON p.id = o.mutation_id
        WHERE o.type IN ('payment.submit', 'payment.reorder') AND o.result = 'accepted'
          AND p.direction = 'out' AND p.kind = 'hvps' AND p.status IN ('queued', 'scheduled')
        ORDER BY o.seq`,
    )
    .safeIntegers(),
}));

/** The payload fields the replay needs; the rest was checked when it was sent. */
const submitTimingSchema = z.object({ earliest: z.string().optional(), latest: z.string().optional(), valueDate: z.string().optional() });
const reorderPayloadSchema = z.object({ to: z.enum(['top', 'bottom']) });

const fen = (text: string): bigint => parseAmount(text, 'CNY', { allowNegative: true });

/** The stored result of the last check: shown on the liquidity screen, told once per difference. */
export interface LiquidityCheckResult extends LiquidityReplay {
  businessDate: string;
  checkedAt: string;
}

/**
 * Replays this bank's liquidity day (liquidity-replay.ts) from the console store and the last
 * account the house sent, and stores the result. Undefined when there is nothing to check: no
 * account yet, or a house that sends no liquidity figures. Run it only when the stored account
 * and the pulled feed describe the same house state (a round whose pull brought nothing).
 */
export function checkLiquidity(db: Db, selfId: string, at: string): LiquidityCheckResult | undefined {
  // Without the liquidity extension there is no feed state to compare with.
  if (sql(db).hasControls.get() === undefined) return undefined;
  const raw = getSyncState(db, 'house_account');
  if (raw === undefined) return undefined;
  const parsed = accountResponseSchema.safeParse(JSON.parse(raw));
  if (!parsed.success || parsed.data.positions === undefined || parsed.data.creditLine === undefined) return undefined;
  const account = parsed.data;
  const stored = readStoredLiquidity(db);
  const s = sql(db);
  const flow = (r: FlowRow): ReplayFlow => {
    // A bill this bank presented is held locally as self -> paying bank; the engine has the
    // paying bank as `from` (as cycle-check.ts).
    const reversed = r.kind === 'bill' && r.direction === 'out';
    return { id: r.id, kind: r.kind, from: reversed ? r.to_id : r.from_id, to: reversed ? r.from_id : r.to_id, amountMinor: BigInt(r.amount_minor) };
  };
  const calendar = workingCalendar(db);
  const own: ReplayOwnCommand[] = s.own.all().map((r) => {
    if (r.type === 'payment.reorder') return { type: 'reorder', id: r.id, to: reorderPayloadSchema.parse(JSON.parse(r.payload)).to };
    const payload = submitTimingSchema.parse(JSON.parse(r.payload));
    const command: ReplayOwnCommand = { type: 'pay', id: r.id, to: r.to_id, amountMinor: BigInt(r.amount_minor), priority: Number(r.priority) as PaymentPriority, houseStatus: r.status === 'scheduled' ? 'scheduled' : 'queued' };
    const earliest = payload.earliest === undefined ? undefined : minuteOf(payload.earliest);
    const latest = payload.latest === undefined ? undefined : minuteOf(payload.latest);
    if (earliest !== undefined) command.earliestMinute = earliest;
    if (latest !== undefined) command.latestMinute = latest;
    // A value date counts from the house's business date now (0 once its day has come).
    const valueDay = payload.valueDate === undefined ? undefined : valueDaysAhead(account.businessDate, payload.valueDate, calendar);
    if (valueDay !== undefined && valueDay > 0) command.valueDay = valueDay;
    return command;
  });
  const replay = replayLiquidity({
    selfId,
    businessDate: account.businessDate,
    house: {
      balanceMinor: fen(account.balance),
      availableMinor: fen(account.available),
      netDebitMinor: fen(account.netDebit),
      ...(account.clock === undefined ? {} : { clockMinute: minuteOf(account.clock) }),
      positions: Object.fromEntries(Object.entries(account.positions ?? {}).map(([id, text]) => [id, fen(text)])),
      warningBelow: stored?.warningBelow ?? false,
    },
    controls: controlsOf(account),
    settled: s.settled.all(account.businessDate).map(flow),
    netted: s.netted.all(account.businessDate).map(flow),
    own,
  });
  // The controls the feed told (the screen's form) must be the ones the account reports.
  if (stored !== undefined && canonical(stored.controls) !== canonical(feedControlsOf(account))) {
    replay.differences.push({ item: 'controls', house: canonical(feedControlsOf(account)), replay: canonical(stored.controls) });
    replay.agrees = false;
  }
  const result: LiquidityCheckResult = { ...replay, businessDate: account.businessDate, checkedAt: at };
  setSetting(db, 'liquidity_check', JSON.stringify(result));
  return result;
}

function controlsOf(account: AccountResponse) {
  const bilateral = Object.fromEntries(Object.entries(account.limits?.bilateral ?? {}).map(([id, text]) => [id, fen(text)]));
  return {
    creditLineMinor: fen(account.creditLine ?? '0.00'),
    urgentMinor: fen(account.reservations?.urgent ?? '0.00'),
    highMinor: fen(account.reservations?.high ?? '0.00'),
    bilateral,
    ...(account.limits?.multilateral === undefined ? {} : { multilateralMinor: fen(account.limits.multilateral) }),
    ...(account.warningThreshold === undefined ? {} : { warningThresholdMinor: fen(account.warningThreshold) }),
  };
}

/** JSON with keys sorted: the same controls compare equal whatever order the house wrote them in. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1))) : v,
  );
}

/** The account's controls in the shape of the feed's `liquidity` change. */
function feedControlsOf(account: AccountResponse) {
  return {
    creditLine: account.creditLine ?? '0.00',
    reservations: account.reservations ?? { urgent: '0.00', high: '0.00' },
    limits: account.limits ?? { bilateral: {} },
    ...(account.warningThreshold === undefined ? {} : { warningThreshold: account.warningThreshold }),
  };
}

/** The last stored check, or undefined (never run). */
export function lastLiquidityCheck(db: Db): LiquidityCheckResult | undefined {
  const raw = getSetting(db, 'liquidity_check');
  return raw === undefined ? undefined : liquidityCheckSchema.parse(JSON.parse(raw));
}

const ITEM_WORDS: Record<string, [string, string]> = {
  available: ['available', '可用头寸'],
  netDebit: ['net debit', '净借记头寸'],
  creditLine: ['credit line', '日间透支额度'],
  limits: ['sender limits', '发送限额'],
  warning: ['position warning', '头寸预警'],
  controls: ['liquidity controls', '流动性控制参数'],
};

function itemWords(item: string): [string, string] {
  const [head, id] = item.split(':', 2) as [string, string | undefined];
  if (head === 'position') return [`position toward ${id ?? ''}`, `对 ${id ?? ''} 的头寸`];
  if (head === 'payment') return [`payment ${id ?? ''}`, `支付 ${id ?? ''}`];
  return ITEM_WORDS[head] ?? [item, item];
}

/** The console notice for a check that differs, naming the first few differences in both languages. */
export function liquidityCheckNotice(result: LiquidityCheckResult): { message: string; messageZh: string } {
  const shown = result.differences.slice(0, 3);
  const more = result.differences.length - shown.length;
  const en = shown.map((d) => `${itemWords(d.item)[0]}: house ${d.house}, replay ${d.replay}`).join('; ');
  const zh = shown.map((d) => `${itemWords(d.item)[1]}：清算中心 ${d.house}，本机重算 ${d.replay}`).join('；');
  return {
    message: `Liquidity of ${result.businessDate}: the house's figures differ from this console's replay (${en}${more > 0 ? `; ${more} more` : ''})`,
    messageZh: `${result.businessDate} 流动性：清算中心公布的结果与本机重算不一致（${zh}${more > 0 ? `；另有 ${more} 项` : ''}）`,
  };
}
