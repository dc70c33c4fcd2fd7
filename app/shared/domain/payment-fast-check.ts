import { tryParseAmount } from '../money/parse';
import { CURRENCY_MINOR_DIGITS } from '../money/currency';
import { ACCOUNT_NUMBER_PATTERN, PARTICIPANT_ID_PATTERN, RESERVED_KEYS, type Party } from './participant';
import { CLOCK_TIME_PATTERN, ISO_DATE_PATTERN, PAYMENT_ID_PATTERN, PAYMENT_KINDS, type PaymentPayload } from './payment';

/**
 * paymentPayloadSchema by hand, for the house's push path (a zod parse of a 1,000-payment push
 * cost about a fifth of the house's CPU per payment). It answers only what it is sure of: a
 * payload it accepts is exactly what the schema outputs for it (same keys in the same order,
 * names and purpose trimmed), anything else is undefined and the caller asks the schema, which
 * then rejects with its own message (or accepts a form this path does not handle, e.g.
 * presentedBy). It never accepts what the schema refuses (payment-fast-check.test.ts).
 */

/**
 * Keys the fast path knows, in the schema's order (its output's order), each with its rank;
 * presentedBy (bills' details) and unknown keys go to the schema.
 */
const KEY_RANK: ReadonlyMap<string, number> = new Map(
  ['id', 'kind', 'priority', 'to', 'amount', 'currency', 'debtor', 'creditor', 'purpose', 'originalId', 'earliest', 'latest', 'valueDate'].map((key, rank) => [key, rank]),
);
const KINDS: ReadonlySet<string> = new Set(PAYMENT_KINDS);

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * An object parsed from JSON whose own keys are already in the schema's order and need no
 * trimming is the schema's output as it stands: reusing it spares the copies (and their
 * garbage) for every payment of a push. Anything else is rebuilt as the schema would.
 */
function reusable(value: object): boolean {
  return Object.getPrototypeOf(value) === Object.prototype;
}

function paymentId(value: unknown): value is string {
  return typeof value === 'string' && value.length >= 1 && value.length <= 64 && PAYMENT_ID_PATTERN.test(value);
}

function participantId(value: unknown): value is string {
  return typeof value === 'string' && value.length >= 1 && value.length <= 32 && PARTICIPANT_ID_PATTERN.test(value) && !RESERVED_KEYS.has(value);
}

/** partySchema: exactly { name, account }, the name trimmed to 1..140, the account 6..34 of [0-9A-Za-z-]. */
function party(value: unknown): Party | undefined {
  if (!isPlainRecord(value)) return undefined;
  let keys = 0;
  let inOrder = true;
  for (const key in value) {
    if (key === 'name') inOrder &&= keys === 0;
    else if (key !== 'account') return undefined;
    keys += 1;
  }
  if (keys !== 2) return undefined;
  const { name, account } = value;
  if (typeof name !== 'string' || typeof account !== 'string') return undefined;
  const trimmed = name.trim();
  if (trimmed.length < 1 || trimmed.length > 140) return undefined;
  if (account.length < 6 || account.length > 34 || !ACCOUNT_NUMBER_PATTERN.test(account)) return undefined;
  if (inOrder && trimmed === name && reusable(value)) return value as unknown as Party;
  return { name: trimmed, account };
}

/** The optional fields, where present, as the schema accepts them. */
function optionalFieldsValid(raw: Record<string, unknown>): boolean {
  if ('originalId' in raw && !paymentId(raw.originalId)) return false;
  if ('earliest' in raw && (typeof raw.earliest !== 'string' || !CLOCK_TIME_PATTERN.test(raw.earliest))) return false;
  if ('latest' in raw && (typeof raw.latest !== 'string' || !CLOCK_TIME_PATTERN.test(raw.latest))) return false;
  if ('valueDate' in raw && (typeof raw.valueDate !== 'string' || !ISO_DATE_PATTERN.test(raw.valueDate))) return false;
  return true;
}

/**
 * The schema's output for `raw` and the amount in minor units of the payload's currency, or
 * undefined when only the schema can tell (it may still accept, or reject with a message).
 */
export function fastCheckPaymentPayload(raw: unknown): { payload: PaymentPayload; amountMinor: bigint } | undefined {
  if (!isPlainRecord(raw)) return undefined;
  let inOrder = true;
  let previousRank = -1;
  for (const key in raw) {
    const rank = KEY_RANK.get(key);
    if (rank === undefined) return undefined;
    if (rank <= previousRank) inOrder = false;
    previousRank = rank;
  }
  const { id, kind, priority, to, amount, currency, purpose } = raw;
  if (!paymentId(id)) return undefined;
  if (typeof kind !== 'string' || !KINDS.has(kind)) return undefined;
  if (priority !== 0 && priority !== 1 && priority !== 2) return undefined;
  if (!participantId(to)) return undefined;
  if (typeof currency !== 'string' || !Object.prototype.hasOwnProperty.call(CURRENCY_MINOR_DIGITS, currency)) return undefined;
  // The schema checks the amount as CNY text; the engine takes it in the payload's currency.
  if (typeof amount !== 'string') return undefined;
  const asCny = tryParseAmount(amount, 'CNY');
  if (!asCny.ok || asCny.amountMinor <= 0n) return undefined;
  const inCurrency = currency === 'CNY' ? asCny : tryParseAmount(amount, currency as keyof typeof CURRENCY_MINOR_DIGITS);
  if (!inCurrency.ok) return undefined;
  const debtor = party(raw.debtor);
  const creditor = party(raw.creditor);
  if (debtor === undefined || creditor === undefined) return undefined;
  if (typeof purpose !== 'string') return undefined;
  const purposeTrimmed = purpose.trim();
  if (purposeTrimmed.length > 140) return undefined;
  if (!optionalFieldsValid(raw)) return undefined;
  if (inOrder && purposeTrimmed === purpose && debtor === raw.debtor && creditor === raw.creditor && reusable(raw)) {
    // Every key it holds is checked; as sent, it is what the schema would output.
    return { payload: raw as unknown as PaymentPayload, amountMinor: inCurrency.amountMinor };
  }
  // Built in the schema's key order: the details column stores debtor and creditor as JSON.
  const payload = { id, kind, priority, to, amount, currency, debtor, creditor, purpose: purposeTrimmed } as PaymentPayload;
  if ('originalId' in raw) payload.originalId = raw.originalId as string;
  if ('earliest' in raw) payload.earliest = raw.earliest as string;
  if ('latest' in raw) payload.latest = raw.latest as string;
  if ('valueDate' in raw) payload.valueDate = raw.valueDate as string;
  return { payload, amountMinor: inCurrency.amountMinor };
}

