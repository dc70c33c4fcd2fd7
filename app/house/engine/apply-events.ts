import type { EngineEvent, CycleClosedEvent } from '../../shared/clearing/events';
import { formatAmount } from '../../shared/money/format';
import type { BatchEffects } from './batch-effects';

const CURRENCY = 'CNY';
const amount = (minor: bigint): string => formatAmount(minor, CURRENCY);

/**
 * Turns the engine's events for one command into rows of the batch: payment statuses, the
 * participants whose positions must be rewritten, statement entries and cycle results.
 */
export function applyEvents(batch: BatchEffects, events: readonly EngineEvent[], businessDate: string): void {
  for (const event of events) {
    switch (event.type) {
      case 'settled': {
        if (event.via === 'cycle' && event.cycleId !== undefined) batch.settleInCycle(event.paymentId, String(event.cycleId));
        else batch.setStatus(event.paymentId, 'settled', null, event.cycleId === undefined ? null : String(event.cycleId));
        batch.touchedParticipants.add(event.from).add(event.to);
        // No statement row per gross settlement: the payment row itself is the statement line
        // (the sender sees it as payment.status, the receiver as payment.inbound, both
        // 'settled'), so the hot path writes one row per payment. Net settlements, liquidity
        // and the day's closing balances are statement.entry rows (see docs/sync.md).
        break;
      }
      case 'queued':
        batch.setStatus(event.paymentId, 'queued', event.reason ?? null);
        batch.touchedParticipants.add(event.from);
        break;
      case 'netted':
        batch.setStatus(event.paymentId, 'netted', null, String(event.cycleId));
        batch.touchedParticipants.add(event.from).add(event.to);
        break;
      case 'rejected':
        // A duplicate id never reaches the engine from the house (checked first), and the
        // original must stay untouched, so only a payment new in this batch is marked.
        if (event.reason !== 'DUPLICATE_ID' && batch.newPayments.has(event.paymentId)) {
          batch.setStatus(event.paymentId, 'rejected', event.reason);
        }
        break;
      case 'cancelled':
        batch.setStatus(event.paymentId, 'cancelled', null);
        break;
      case 'returned':
        batch.setStatus(event.paymentId, 'returned', null);
        break;
      case 'expired':
        batch.setStatus(event.paymentId, 'expired', event.reason);
        break;
      case 'participantAdded':
      case 'netDebitCap':
        batch.touchedParticipants.add(event.participantId);
        break;
      case 'liquidity':
        batch.touchedParticipants.add(event.participantId);
        batch.addFeed(event.participantId, 'statement.entry', {
          entryId: `L${batch.changeSeq + 1}`,
          businessDate,
          amount: amount(event.deltaMinor),
          kind: 'liquidity',
          balanceAfter: amount(event.balanceMinor),
        });
        break;
      case 'offsetCompleted':
        for (const net of event.net) batch.touchedParticipants.add(net.participantId);
        break;
      case 'cycleClosed':
        applyCycleClosed(batch, event);
        break;
      case 'dayClosed':
        // The day's statuses are all written before its closing entries and partitions move on.
        batch.writeback?.flush(batch);
        batch.meta.set('business_date', event.nextBusinessDate);
        batch.dayChanges.push({ afterCmdSeq: batch.cmdSeq, date: event.nextBusinessDate });
        for (const t of event.totals) {
          batch.addFeed(t.participantId, 'statement.entry', {
            entryId: `E${event.businessDate}:${t.participantId}`,
            businessDate: event.businessDate,
            amount: amount(t.closingBalanceMinor - t.openingBalanceMinor),
            kind: 'closing',
            openingBalance: amount(t.openingBalanceMinor),
            balanceAfter: amount(t.closingBalanceMinor),
            credits: amount(t.creditsMinor),
            creditCount: t.creditCount,
            debits: amount(t.debitsMinor),
            debitCount: t.debitCount,
          });
        }
        break;
      case 'scheduled':
        batch.setStatus(event.paymentId, 'scheduled', null);
        break;
      case 'creditLine':
      case 'reserved':
      case 'limitsSet':
      case 'warningThreshold':
        batch.touchedParticipants.add(event.participantId);
        batch.liquidityNotes.push({ participantId: event.participantId });
        break;
      case 'positionWarning':
        // 头寸预警 reaches the bank in its pull feed (a `liquidity` change carrying the crossing).
        batch.liquidityNotes.push({
          participantId: event.participantId,
          warning: { below: event.below, availableMinor: event.availableMinor, thresholdMinor: event.thresholdMinor },
        });
        break;
      case 'refused':
      case 'reprioritised':
      case 'reordered':
      case 'clock':
        break;
      case 'stopped':
      case 'released':
        // 止付 is told through the stop's message thread (app/house/messages); a release that
        // settles or queues the payment comes with its own events.
        break;
      default: {
        const unknown: never = event;
        throw new Error(`unhandled engine event ${JSON.stringify(unknown)}`);
      }
    }
  }
}

function applyCycleClosed(batch: BatchEffects, event: CycleClosedEvent): void {
  const cycleId = String(event.cycleId);
  const net: Record<string, string> = {};
  for (const position of event.net) net[position.participantId] = amount(position.netMinor);
  const bilateral: Record<string, string> = {};
  for (const b of event.bilateral) bilateral[`${b.payer}>${b.payee}`] = amount(b.amountMinor);
  batch.cycles.push({ cycleId, businessDate: event.businessDate, cmdSeq: batch.cmdSeq, net, bilateral });
  // Each participant is told its own net and its bilateral positions, not the others' (CNAPS
  // discloses positions only to the bank concerned). Positive = it receives.
  for (const position of event.net) {
    const me = position.participantId;
    batch.touchedParticipants.add(me);
    const mine: Record<string, bigint> = {};
    for (const b of event.bilateral) {
      if (b.payer === me) mine[b.payee] = (mine[b.payee] ?? 0n) - b.amountMinor;
      else if (b.payee === me) mine[b.payer] = (mine[b.payer] ?? 0n) + b.amountMinor;
    }
    const bilateralMine: Record<string, string> = {};
    for (const [other, minor] of Object.entries(mine)) bilateralMine[other] = amount(minor);
    batch.addFeed(me, 'cycle.closed', {
      cycleId,
      businessDate: event.businessDate,
      net: { [me]: amount(position.netMinor) },
      bilateral: bilateralMine,
    });
    if (position.netMinor !== 0n) {
      batch.addFeed(me, 'statement.entry', {
        entryId: `C${event.businessDate}/${cycleId}:${me}`,
        businessDate: event.businessDate,
        amount: amount(position.netMinor),
        kind: 'net',
        cycleId,
        balanceAfter: amount(position.balanceMinor),
      });
    }
  }
}
