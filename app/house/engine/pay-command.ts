import type { PayCommand } from '../../shared/clearing/commands';
import type { PaymentKind, PaymentPriority } from '../../shared/domain/payment';
import type { CurrencyCode } from '../../shared/money/currency';

/** What a payment row keeps of the pay command that made it (the payments table, or a batch's PaymentRow). */
export interface PaymentRowFields {
  id: string;
  kind: string;
  fromId: string;
  toId: string;
  amountMinor: bigint;
  priority: number;
  currency: string;
  /** The row's details: jsonb as parsed, or its text. */
  details: unknown;
}

/**
 * The pay command a payment row stands for. Payments are not journaled: recovery rebuilds
 * them from their rows (recover-engine.ts) and the shadow engine from the batch's rows
 * (packed-commands.ts), both through this, so the two rebuild the same command.
 */
export function payCommandOf(row: PaymentRowFields): PayCommand {
  const details = (typeof row.details === 'string' ? JSON.parse(row.details) : row.details) as Record<string, unknown> | null;
  return {
    type: 'pay',
    id: row.id,
    kind: row.kind as PaymentKind,
    from: row.fromId,
    to: row.toId,
    amountMinor: row.amountMinor,
    priority: row.priority as PaymentPriority,
    currency: row.currency as CurrencyCode,
    ...timingOf(details),
    // A pacs.004 return (kind 'return') names its original in its details (app/house/messages).
    ...(row.kind === 'return' && typeof details?.originalId === 'string' ? { originalId: details.originalId } : {}),
  };
}

/** A timed or warehoused payment's window, kept in its row's details (push-mutations.ts). */
function timingOf(details: Record<string, unknown> | null): Pick<PayCommand, 'earliestMinute' | 'latestMinute' | 'valueDay'> {
  const timing: Pick<PayCommand, 'earliestMinute' | 'latestMinute' | 'valueDay'> = {};
  if (details === null || typeof details !== 'object') return timing;
  if (typeof details.earliestMinute === 'number') timing.earliestMinute = details.earliestMinute;
  if (typeof details.latestMinute === 'number') timing.latestMinute = details.latestMinute;
  if (typeof details.valueDay === 'number') timing.valueDay = details.valueDay;
  return timing;
}
