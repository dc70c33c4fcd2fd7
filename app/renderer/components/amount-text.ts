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

/**
 * What an operator typed as an amount, as the wire takes it: separators dropped and two decimals
 * made up ("62,080" -> "62080.00", "1.5" -> "1.50"); null when nothing was typed. Anything else
 * is sent as typed, for the back end to refuse with its reason.
 */
export function wireAmount(typed: string): string | null {
  const digits = typed.replace(/[,，\s]/g, '');
  if (digits === '') return null;
  if (/^\d+$/.test(digits)) return `${digits}.00`;
  if (/^\d+\.\d$/.test(digits)) return `${digits}0`;
  return digits;
}
