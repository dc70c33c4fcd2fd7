/**
 * Per-line working arrays of the matcher, as plain arrays on the JavaScript heap rather than
 * typed arrays. Why: a typed array's memory lives outside the heap, and V8 starts a full
 * collection (marking every live object) whenever that outside memory has grown by 64 MiB
 * since the last one (its external-memory soft limit). At a million lines a side the matcher's
 * arrays cross that line several times, and each time the collector walks every line object
 * of the input (600+ MB: 0.7 s of CPU, several seconds of wall time on a loaded machine). The
 * heap's own limit scales with the heap, so the same arrays on it trigger nothing.
 * Integer arrays hold small integers (stored unboxed); number arrays hold doubles (unboxed).
 */

/** `length` integers set to `fill` (an integer). */
export function intArray(length: number, fill = 0): number[] {
  return new Array<number>(length).fill(fill);
}

/** `length` doubles set to `fill`. */
export function numberArray(length: number, fill = Number.NaN): number[] {
  // A non-integer fill makes V8 store the elements as unboxed doubles from the start.
  const out = new Array<number>(length).fill(Number.NaN);
  if (!Number.isNaN(fill)) out.fill(fill);
  return out;
}
