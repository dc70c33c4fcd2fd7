/**
 * The largest magnitude any amount may have, in minor units: 999,999,999,999,999.99 for a
 * two-digit currency (under 1,000 万亿 yuan). Capitals (大写) are defined up to the 万亿 group,
 * and every sum the engine forms of such amounts still fits a signed 64-bit column.
 */
export const MAX_AMOUNT_MINOR = 99_999_999_999_999_999n;

/** Longest decimal string accepted on the wire (sign, 17 digits, point). */
export const MAX_AMOUNT_TEXT_LENGTH = 24;
