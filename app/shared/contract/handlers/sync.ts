import { z } from 'zod';
import { ANY_ROLE, emptyInputSchema, isoDateSchema, participantSummarySchema, type HandlerSpec } from './common';

/** A decimal string of fen, e.g. "1234.50"; signed where the name says so. */
const decimal = z.string().regex(/^-?\d+\.\d{2}$/);

/** Sum and count of a group of payments. */
export const paymentTotalSchema = z.object({ count: z.number().int().nonnegative(), amount: decimal }).strict();

/** One closed DNS cycle as the house published it for this bank, with the console's own replay. */
export const closedCycleRowSchema = z
  .object({
    businessDate: isoDateSchema,
    cycleId: z.string(),
    /** This bank's multilateral net, signed: positive = receives. */
    net: decimal,
    /** Counterparty -> this bank's bilateral net with it (positive = receives), non-zero only. */
    bilateral: z.array(z.object({ participant: z.string(), amount: decimal }).strict()),
    /** The console's engine replay of the cycle: 'agrees' | 'differs' | null (not checked yet). */
    check: z.enum(['agrees', 'differs']).nullable(),
    receivedAt: z.string(),
  })
  .strict();
export type ClosedCycleRow = z.infer<typeof closedCycleRowSchema>;

/**
 * The liquidity screen: this bank's settlement position at the house (as last pulled) and its
 * own payments waiting. `source: 'house'` when the figures come from the house's account
 * answer; 'local' when no house answer is stored yet (balance from the local directory).
 */
export const liquiditySchema = z
  .object({
    connection: z.enum(['online', 'offline', 'local']),
    source: z.enum(['house', 'local']),
    participant: participantSummarySchema,
    currency: z.literal('CNY'),
    businessDate: isoDateSchema,
    balance: decimal,
    available: decimal,
    netDebit: decimal,
    netDebitCap: decimal,
    /** Own outgoing payments the house holds in its RTGS/DNS queues (status 'queued'). */
    queue: paymentTotalSchema,
    /** Own verified payments not yet acknowledged by the house (status 'queued_offline'). */
    outbox: paymentTotalSchema,
    /** The open DNS cycle as this console knows it (from its netted payments); null if none is known. */
    currentCycle: z
      .object({ cycleId: z.string().nullable(), outgoing: paymentTotalSchema, incoming: paymentTotalSchema })
      .strict(),
    /** Newest first, at most 20. */
    closedCycles: z.array(closedCycleRowSchema),
  })
  .strict();
export type Liquidity = z.infer<typeof liquiditySchema>;

export const syncHandlers = {
  'sync.liquidity': { input: emptyInputSchema, output: liquiditySchema, roles: ANY_ROLE },
} as const satisfies Record<string, HandlerSpec>;
