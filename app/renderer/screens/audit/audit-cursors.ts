/**
 * Keyset cursors of the trail grid's blocks. ag-grid's infinite model asks for rows by index;
 * the back end pages by seq (`beforeSeq`). Block n's cursor is the last seq of block n-1, so a
 * block waits for the one before it to be answered (with an unknown row count the grid asks in
 * order anyway; the wait covers a block asked early). A new instance per view: answers to an
 * older view never reach a newer one.
 */
export class BlockCursors {
  private readonly cursors = new Map<number, Promise<number | null | undefined>>();
  private readonly settle = new Map<number, (cursor: number | null) => void>();

  /** `first`: cursor of row 0 — undefined is the newest entry, a seq starts below it. */
  constructor(
    first: number | undefined,
    private readonly blockRows: number,
  ) {
    this.cursors.set(0, Promise.resolve(first));
  }

  /** The cursor for the block at startRow: undefined = from the newest; null = past the oldest. */
  cursorFor(startRow: number): Promise<number | null | undefined> {
    let cursor = this.cursors.get(startRow);
    if (cursor === undefined) {
      cursor = new Promise((resolve) => this.settle.set(startRow, resolve));
      this.cursors.set(startRow, cursor);
    }
    return cursor;
  }

  /** The block at startRow was answered: the next block starts below `nextBeforeSeq` (null: no next block). */
  answered(startRow: number, nextBeforeSeq: number | null): void {
    const next = startRow + this.blockRows;
    const waiting = this.settle.get(next);
    if (waiting !== undefined) {
      this.settle.delete(next);
      waiting(nextBeforeSeq);
    } else if (!this.cursors.has(next)) {
      this.cursors.set(next, Promise.resolve(nextBeforeSeq));
    }
  }
}
