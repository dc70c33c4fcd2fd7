import type { PaymentKind, PaymentPriority } from '../domain/payment';
import { parseAmount } from '../money/parse';
import { createEngine, type Engine } from './engine';
import type { EngineEvent } from './events';

/** Helpers for the engine's tests: amounts as people write them, participants as a table. */
export const cny = (text: string): bigint => parseAmount(text, 'CNY', { allowNegative: true });

/** `{ A: ['100.00', '50.00'] }` = balance 100.00, net debit cap 50.00. */
export function engineWith(table: Record<string, [balance: string, cap?: string]>, businessDate = '2026-01-05'): Engine {
  return createEngine(
    {
      currency: 'CNY',
      businessDate,
      participants: Object.entries(table).map(([id, [balance, cap]]) => ({ id, balanceMinor: cny(balance), netDebitCapMinor: cny(cap ?? '0.00') })),
    },
    { paranoid: true },
  );
}

export function pay(engine: Engine, id: string, kind: PaymentKind, from: string, to: string, amount: string, priority: PaymentPriority = 2): EngineEvent[] {
  return engine.apply({ type: 'pay', id, kind, from, to, amountMinor: cny(amount), priority });
}

export const balanceOf = (engine: Engine, id: string): bigint | undefined => engine.participant(id)?.balanceMinor;
export const statusOf = (engine: Engine, id: string): string | undefined => engine.payment(id)?.status;
export const kinds = (events: EngineEvent[]): string[] => events.map((e) => ('paymentId' in e && e.paymentId !== undefined ? `${e.type}:${e.paymentId}` : e.type));
