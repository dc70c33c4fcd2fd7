import { amountInCapitals, formatAmountGrouped, tryParseAmount } from '../../shared/money';

/** "1234567.50" -> "1,234,567.50" for display; the wire string unchanged if it does not parse. */
export function groupedAmount(text: string): string {
  const parsed = tryParseAmount(text, 'CNY');
  return parsed.ok ? formatAmountGrouped(parsed.amountMinor, 'CNY') : text;
}

export function capitalsOfWire(text: string): string {
  const parsed = tryParseAmount(text, 'CNY');
  return parsed.ok ? amountInCapitals(parsed.amountMinor) : '';
}

/** The zone every business time is shown in: the clearing centre's (China Standard Time, no DST). */
export const CENTRE_ZONE_LABEL = 'UTC+8';
const CENTRE_OFFSET_MS = 8 * 3_600_000;

/**
 * "2026-11-26T09:30:12.345Z" -> "2026-11-26 17:30:12": the clearing centre's time (UTC+8), whatever
 * the zone of the machine showing it, so times agree with the cut-offs and rule windows (also
 * UTC+8) beside them. The one formatter of instants on every screen; the status bar names the zone.
 */
export function centreDateTime(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  return new Date(ms + CENTRE_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}
