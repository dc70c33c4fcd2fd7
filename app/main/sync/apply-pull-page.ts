import { preparedOnce, type Db } from '../store/open-database';
import type { Change } from '../../shared/contract/sync-protocol';
import { parseAmount } from '../../shared/money/parse';
import { setSyncState } from './sync-state';
import { storeCalendarYear } from '../settings/working-calendar';
import { storeHouseBroadcast, storeHouseSchedule } from '../settings/centre-reference';
import { recordValueDatesMoved, type ValueDateMove } from '../payments/day-change';
import { insertPayment } from '../payments/payment-repository';
import { latestHouseSeq, recordHouseStep } from '../payments/house-steps';
import type { Notice } from '../../shared/contract';
import type { Broadcast } from '../../shared/contract/centre-api';
import { applyLiquidityChange } from '../liquidity/liquidity-state';
import { recordStatusTransition } from '../liquidity/queue-order';
import type { PaymentStatus } from '../../shared/domain/payment';
import { storeThread } from '../messages/thread-store';

const fen = (text: string): bigint => parseAmount(text, 'CNY', { allowNegative: true });

const sql = preparedOnce((db) => ({
  // The house's business date wins over the one the console stamped at capture (its own clock
  // before the first sync, or a clock that is off): dates on the books are the house's.
  status: db.prepare(
    `UPDATE payments SET status = @status, reason = @reason, business_date = coalesce(@businessDate, business_date), updated_at = @at
     WHERE id = @id AND direction = 'out'
       AND (status <> @status OR coalesce(reason, '') <> coalesce(@reason, '') OR business_date <> coalesce(@businessDate, business_date))`,
  ),
  outgoing: db.prepare<[string], { business_date: string; status: PaymentStatus }>("SELECT business_date, status FROM payments WHERE id = ? AND direction = 'out'"),
  houseBusinessDate: db.prepare<[], string>("SELECT value FROM settings WHERE key = 'business_date'").pluck(),
  participant: db.prepare(
    `INSERT INTO participants (id, name, bank_code, is_self, balance_minor, net_debit_cap_minor, active)
     VALUES (@id, @name, @bankCode, 0, 0, 0, @active)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, bank_code = excluded.bank_code, active = excluded.active`,
  ),
  participantExists: db.prepare<[string], number>('SELECT 1 FROM participants WHERE id = ?').pluck(),
  cycle: db.prepare(
    `INSERT INTO house_cycles (business_date, cycle_id, net_minor, bilateral, received_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (business_date, cycle_id) DO NOTHING`,
  ),
  paymentCycle: db.prepare(
    `INSERT INTO house_payment_cycles (payment_id, business_date, cycle_id) VALUES (?, ?, ?)
     ON CONFLICT (payment_id) DO UPDATE SET business_date = excluded.business_date, cycle_id = excluded.cycle_id`,
  ),
  statement: db.prepare(
    `INSERT INTO house_statement_entries (entry_id, business_date, kind, amount_minor, balance_after_minor, data, feed_seq)
     VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (entry_id) DO NOTHING`,
  ),
}));

export interface ClosedCycleView {
  businessDate: string;
  cycleId: string;
  netMinor: bigint;
  /** Counterparty -> this bank's bilateral net with it, positive = receives. */
  bilateralMinor: Map<string, bigint>;
}

export interface AppliedPage {
  changedPayments: string[];
  cycles: ClosedCycleView[];
  /** Console notices stored with the page (payments.value_date_moved), to emit after commit. */
  notices: Notice[];
  /** Broadcasts (公告) stored with the page, to show at once after commit. */
  broadcasts: Broadcast[];
  /** A schedule or the directory changed: the status bar and the entry's bank list are out of date. */
  referenceChanged: boolean;
}

/**
 * Applies one pulled page and stores its cursor in the same transaction: after a crash the
 * console either has the page and its cursor or neither, and re-pulling is harmless because
 * every write here is an upsert keyed by the house's ids.
 */
export function applyPullPage(db: Db, selfId: string, changes: readonly Change[], cursor: string, at: string): AppliedPage {
  const changedPayments: string[] = [];
  const cycles: AppliedPage['cycles'] = [];
  const movedLater: ValueDateMove[] = [];
  const notices: Notice[] = [];
  const broadcasts: Broadcast[] = [];
  let referenceChanged = false;
  db.transaction(() => {
    const s = sql(db);
    // A change without its business date (older house) takes the house's current one, which
    // the console learnt from accounts/me, never the console's own clock.
    const fallbackDate = s.houseBusinessDate.get() ?? at.slice(0, 10);
    for (const change of changes) {
      switch (change.type) {
        case 'payment.status': {
          const { id, status, reason, cycleId, businessDate } = change.data;
          const before = s.outgoing.get(id);
          // Another console's payment (or one this store no longer holds): nothing to record.
          if (before === undefined) break;
          // Each step goes in the payment's history once; a change older than one already
          // applied (the feed re-ordered) adds its step but does not take the status back.
          const newest = latestHouseSeq(db, id);
          const isNew = recordHouseStep(db, { paymentId: id, feedSeq: change.seq, status, reason, cycleId, at });
          if (newest !== null && change.seq < newest) {
            if (isNew) changedPayments.push(id);
            break;
          }
          if (s.status.run({ id, status, reason: reason ?? null, businessDate: businessDate ?? null, at }).changes > 0 || isNew) changedPayments.push(id);
          recordStatusTransition(db, { id, before: before.status, status, reason: reason ?? null, businessDate: businessDate ?? before.business_date, at });
          // Sent after its day ended: the house gave it a later value date (day-change.ts).
          if (businessDate !== undefined && before.business_date < businessDate) movedLater.push({ id, from: before.business_date, to: businessDate });
          if (cycleId !== undefined) s.paymentCycle.run(id, businessDate ?? fallbackDate, cycleId);
          break;
        }
        case 'payment.inbound': {
          const p = change.data;
          for (const id of [p.from, p.to]) {
            if (s.participantExists.get(id) === undefined) throw new Error(`inbound payment ${p.id} names participant ${id} the console does not know`);
          }
          insertPayment(db, {
            id: p.id,
            kind: p.kind,
            // The pull carries no priority: an inbound payment is shown as ordinary (2).
            priority: 2,
            status: p.status,
            direction: 'in',
            fromId: p.from,
            toId: p.to,
            amountMinor: fen(p.amount),
            currency: p.currency,
            debtorName: p.debtor.name,
            debtorAccount: p.debtor.account,
            creditorName: p.creditor.name,
            creditorAccount: p.creditor.account,
            purpose: p.purpose,
            billNumber: p.presentedBy?.billNumber ?? null,
            billIssueDate: p.presentedBy?.issueDate ?? null,
            billDrawer: p.presentedBy?.drawer ?? null,
            originalId: null,
            maker: 'house',
            checker: null,
            reason: p.reason ?? null,
            createdAt: at,
            updatedAt: at,
            businessDate: p.businessDate ?? fallbackDate,
          }, { refreshInbound: true });
          recordHouseStep(db, { paymentId: p.id, feedSeq: change.seq, status: p.status, reason: p.reason, cycleId: p.cycleId, at });
          changedPayments.push(p.id);
          if (p.cycleId !== undefined) s.paymentCycle.run(p.id, p.businessDate ?? fallbackDate, p.cycleId);
          break;
        }
        case 'participant':
          if (change.data.id === selfId) break;
          try {
            // A savepoint: a bank code this console holds under another id must not sink the page.
            db.transaction(() => s.participant.run({ id: change.data.id, name: change.data.name, bankCode: change.data.bankCode, active: change.data.active ? 1 : 0 }))();
            referenceChanged = true;
          } catch (error) {
            if (!/UNIQUE|CHECK/.test(String(error))) throw error;
          }
          break;
        case 'cycle.closed': {
          const businessDate = change.data.businessDate ?? fallbackDate;
          const netMinor = fen(change.data.net[selfId] ?? '0.00');
          s.cycle.run(businessDate, change.data.cycleId, netMinor, JSON.stringify(change.data.bilateral), at);
          const bilateralMinor = new Map(Object.entries(change.data.bilateral).map(([other, amount]) => [other, fen(amount)]));
          cycles.push({ businessDate, cycleId: change.data.cycleId, netMinor, bilateralMinor });
          break;
        }
        case 'statement.entry': {
          const e = change.data;
          s.statement.run(e.entryId, e.businessDate, e.kind, fen(e.amount), e.balanceAfter === undefined ? null : fen(e.balanceAfter), JSON.stringify(e), change.seq);
          break;
        }
        case 'calendar':
          // Reference data: the house's year replaces the console's copy (settings/working-calendar.ts).
          storeCalendarYear(db, change.data);
          break;
        case 'liquidity': {
          // The participant's liquidity controls and position warnings (docs/sync.md): the last
          // known state for the liquidity screen; a fall below the threshold is told once.
          const warning = applyLiquidityChange(db, change.data, change.seq, at);
          if (warning !== undefined) notices.push(warning);
          break;
        }
        case 'schedule':
          storeHouseSchedule(db, change.data);
          referenceChanged = true;
          break;
        case 'broadcast':
          storeHouseBroadcast(db, change.data);
          broadcasts.push(change.data);
          break;
        case 'message': {
          // An inquiry, return request or stop as it now stands (docs/messages.md).
          const notice = storeThread(db, selfId, change.data, at);
          if (notice !== undefined) notices.push(notice);
          changedPayments.push(change.data.paymentId);
          break;
        }
        default: {
          const unknown: never = change;
          throw new Error(`unknown change ${JSON.stringify(unknown)}`);
        }
      }
    }
    const moved = recordValueDatesMoved(db, movedLater, at);
    if (moved !== null) notices.push(moved);
    setSyncState(db, 'pull_cursor', cursor);
  })();
  return { changedPayments, cycles, notices, broadcasts, referenceChanged };
}
