import { z } from 'zod';
import { bankCodeSchema } from './bank-code';
import { decimalAmountSchema } from './amount-schema';

/** Names an object already carries: refused as participant ids (see participantIdSchema). */
export const RESERVED_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);
/** Shared with the push fast path (payment-fast-check.ts), so both accept the same ids. */
export const PARTICIPANT_ID_PATTERN = /^[A-Za-z0-9_.-]+$/;
export const ACCOUNT_NUMBER_PATTERN = /^[0-9A-Za-z-]+$/;

/** Participant ids are short stable codes used on the wire and in scenario files. */
export const participantIdSchema = z
  .string()
  .min(1)
  .max(32)
  .regex(PARTICIPANT_ID_PATTERN, { message: 'participant id may hold letters, digits, _ . - only' })
  // Ids key plain objects (balances, nets, limits on the wire): a name an object already carries
  // would set its prototype instead of a value, so such ids are refused at the door.
  .refine((id) => !RESERVED_KEYS.has(id), { message: 'participant id may not be __proto__, constructor or prototype' });
export type ParticipantId = z.infer<typeof participantIdSchema>;

export const participantSchema = z
  .object({
    id: participantIdSchema,
    name: z.string().min(1).max(140),
    bankCode: bankCodeSchema,
    /** Settlement account balance at the house, decimal string. */
    balance: decimalAmountSchema,
    /** Net debit cap for DNS (净借记限额), decimal string. */
    netDebitCap: decimalAmountSchema,
  })
  .strict();
export type Participant = z.infer<typeof participantSchema>;

export const accountNumberSchema = z
  .string()
  .min(6, { message: 'account number is too short' })
  .max(34, { message: 'account number is too long' })
  .regex(ACCOUNT_NUMBER_PATTERN, { message: 'account number may hold digits, letters and - only' });

/** A customer account at a bank: the debtor or creditor of a payment. */
export const partySchema = z
  .object({
    name: z.string().trim().min(1, { message: 'name is required' }).max(140),
    account: accountNumberSchema,
  })
  .strict();
export type Party = z.infer<typeof partySchema>;
