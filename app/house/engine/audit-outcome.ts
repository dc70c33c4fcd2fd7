import type { EngineEvent } from '../../shared/clearing/events';

/**
 * What an operator command did, for its audit entry: applied or refused (with the engine's
 * reason), and the few facts an auditor asks about (which cycle closed, how many payments
 * settled, which day ended). Amounts stay in the journal; the audit log says who did what.
 */
export function auditOutcome(events: readonly EngineEvent[]): Record<string, unknown> {
  const facts: Record<string, unknown> = { outcome: 'applied' };
  for (const event of events) {
    if (event.type === 'refused') facts.outcome = `refused: ${event.reason}`;
    else if (event.type === 'cycleClosed') Object.assign(facts, { cycleId: event.cycleId, businessDate: event.businessDate, paymentCount: event.paymentCount });
    else if (event.type === 'offsetCompleted') Object.assign(facts, { settledCount: event.settledCount, stillQueuedCount: event.stillQueuedCount });
    else if (event.type === 'dayClosed') Object.assign(facts, { businessDate: event.businessDate, nextBusinessDate: event.nextBusinessDate });
  }
  return facts;
}
