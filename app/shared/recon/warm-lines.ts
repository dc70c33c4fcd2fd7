import type { StatementLine } from './statement-line';

/**
 * How many lines a pass reads ahead with warmLines before working on them: enough to overlap
 * many memory accesses, few enough (a few tens of KiB of objects and strings) to stay in cache.
 */
export const WARM_BLOCK = 256;

/** Where warmLines leaves what it read, so the reads are not optimised away. */
const sink = { value: 0 };

/**
 * Touches the line objects `lines[at[k]]` for k in [from, to) (or `lines[k]` without `at`)
 * and the strings and amount they point to, in a loop that does nothing else. Why: at a
 * million lines the objects lie all over the heap (a statement is sorted after it is made),
 * and a loop that hashes each line's id waits for one cache miss after another; the short
 * iterations here let the processor overlap the misses, and the real loop that follows finds
 * the block in cache. Measured on the bench's statement side (1,000,000 lines), a loop doing
 * the id check and reading each date and amount: 0.44-0.62 s -> 0.28-0.31 s of CPU.
 */
export function warmLines(lines: readonly StatementLine[], from: number, to: number, at?: readonly number[]): void {
  let seen = 0;
  for (let k = from; k < to; k += 1) {
    const line = lines[at === undefined ? k : (at[k] as number)] as StatementLine;
    seen += line.id.length + line.date.length + (line.amountMinor === 0n ? 1 : 0);
    seen += line.reference === null ? 0 : line.reference.length;
    seen += line.endToEndId === null ? 0 : line.endToEndId.length;
    seen += line.counterparty === null ? 0 : line.counterparty.length;
  }
  sink.value += seen;
}
