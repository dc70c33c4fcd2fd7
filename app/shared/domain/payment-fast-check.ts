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

/** Keys the fast path knows; presentedBy (bills' details) and unknown keys go to the schema. */
const KEYS: ReadonlySet<string> = new Set([
  'id', 'kind', 'priority', 'to', 'amount', 'currency', 'debtor', 'creditor', 'purpose', 'originalId', 'earliest', 'latest', 'valueDate',
]);
const KINDS: ReadonlySet<string> = new Set(PAYMENT_KINDS);

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
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
  for (const key in value) {
    if (key !== 'name' && key !== 'account') return undefined;
    keys += 1;
  }
  if (keys !== 2) return undefined;
  const { name, account } = value;
  if (typeof name !== 'string' || typeof account !== 'string') return undefined;
  const trimmed = name.trim();
  if (trimmed.length < 1 || trimmed.length > 140) return undefined;
  if (account.length < 6 || account.length > 34 || !ACCOUNT_NUMBER_PATTERN.test(account)) return undefined;
  return { name: trimmed, account };
}

/**
 * The schema's output for `raw` and the amount in minor units of the payload's currency, or
 * undefined when only the schema can tell (it may still accept, or reject with a message).
 */
export function fastCheckPaymentPayload(raw: unknown): { payload: PaymentPayload; amountMinor: bigint } | undefined {
  if (!isPlainRecord(raw)) return undefined;
  for (const key in raw) if (!KEYS.has(key)) return undefined;
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
  // Built in the schema's key order: the details column stores debtor and creditor as JSON.
  const payload = { id, kind, priority, to, amount, currency, debtor, creditor, purpose: purposeTrimmed } as PaymentPayload;
  if ('originalId' in raw) {
    if (!paymentId(raw.originalId)) return undefined;
    payload.originalId = raw.originalId;
  }
  if ('earliest' in raw) {
    if (typeof raw.earliest !== 'string' || !CLOCK_TIME_PATTERN.test(raw.earliest)) return undefined;
    payload.earliest = raw.earliest;
  }
  if ('latest' in raw) {
    if (typeof raw.latest !== 'string' || !CLOCK_TIME_PATTERN.test(raw.latest)) return undefined;
    payload.latest = raw.latest;
  }
  if ('valueDate' in raw) {
    if (typeof raw.valueDate !== 'string' || !ISO_DATE_PATTERN.test(raw.valueDate)) return undefined;
    payload.valueDate = raw.valueDate;
  }
  return { payload, amountMinor: inCurrency.amountMinor };
}

