/**
 * Width (em of the 12-13 px table text) that shows the longest grouped amount whole in the
 * monospace face (a digit is about 0.6 em there), plus cell padding; never narrower than a
 * column of "1,000,000.00".
 */
export function amountColumnEm(amounts: readonly string[], minChars = 12): number {
  const longest = amounts.reduce((n, a) => Math.max(n, a.length), minChars);
  return Math.ceil((longest * 0.62 + 1.4) * 10) / 10;
}

/** The same for ag-grid's pixel widths at 12 px monospace (7.3 px a character) plus padding. */
export function amountColumnPx(amounts: readonly string[], minChars = 12): number {
  const longest = amounts.reduce((n, a) => Math.max(n, a.length), minChars);
  return Math.ceil(longest * 7.4 + 26);
}
