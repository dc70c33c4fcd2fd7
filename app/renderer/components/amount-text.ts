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

/** "2026-11-26T09:30:12.345Z" -> "2026-11-26 17:30:12" in the console's local time. */
export function localDateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}
