import type { Logger } from 'pino';
import type { HouseStore } from '../store/sql-client';
import { writeCycleSettlements, type CycleSettlementRow } from '../store/cycle-settlements';

/**
 * The lane rests this long before each chunk. Unpaced, it wrote a cycle's ~18,750 rows as fast
 * as it could right after the close, and the writer's commits, sharing the 2 cores with it,
 * slowed for that second: push-to-ack p99 61-72 ms at 5,000/s. Paced, the same rows take ~1.5 s
 * (250 a chunk: up to 12,500 rows/s, over three times what 5,000 payments/s bring) and p99
 * was 47.7-47.9 ms (docs/benchmarks.md). A BEPS payment's final status comes ~0.5 s later.
 */
export const LANE_PACE_MS = 20;

/** Cycle settlements a committed batch numbered, to be written by the lane. */
export interface LaneChunk {
  rows: CycleSettlementRow[];
  /** Its lowest change seq: pulls read no further than the seq before it until it is written. */
  firstSeq: number;
  /** The write-back's ticket the chunk reaches (settlement-writeback.ts). */
  ticket: number;
}

/**
 * Writes cycle settlements in transactions of their own, beside the writer's batches, so a
 * cycle's tens of thousands of row updates never sit in the commit a push waits for. The
 * writer numbers each chunk's change seqs inside a batch and hands the chunk over once that
 * batch committed (never earlier: the close it follows must be durable first). Chunks are
 * written one at a time, in order. While one waits, `horizon` holds pulls below its first seq,
 * so a console never reads past a change that is not yet there. A row is only moved from
 * `netted` (store/cycle-settlements.ts), so a newer status the writer gave it stands whichever
 * commits first. A chunk that fails leaves its seqs unused (a gap pulls never see) and its
 * payments go back to the write-back list.
 */
export class SettlementLane {
  private readonly chunks: LaneChunk[] = [];
  private running: Promise<void> | undefined;

  constructor(
    private readonly store: HouseStore,
    private readonly logger: Logger,
    private readonly onWritten: (chunk: LaneChunk) => void,
    private readonly onFailed: (chunk: LaneChunk) => void,
    private readonly paceMs: number = LANE_PACE_MS,
  ) {}

  /** The highest change seq pulls may read, given the writer's committed one. */
  horizon(committedChangeSeq: number): number {
    const first = this.chunks.find((chunk) => chunk.rows.length > 0);
    return first === undefined ? committedChangeSeq : Math.min(committedChangeSeq, first.firstSeq - 1);
  }

  get pendingRows(): number {
    return this.chunks.reduce((n, chunk) => n + chunk.rows.length, 0);
  }

  write(chunk: LaneChunk): void {
    // Nothing to write: told at once, unless chunks before it still wait (told in order).
    if (chunk.rows.length === 0 && this.chunks.length === 0) return this.onWritten(chunk);
    this.chunks.push(chunk);
    this.running ??= this.run().finally(() => (this.running = undefined));
  }

  /** Resolves once every chunk handed over so far is written or given back. */
  async idle(): Promise<void> {
    while (this.running !== undefined) await this.running;
  }

  private async run(): Promise<void> {
    for (let chunk = this.chunks[0]; chunk !== undefined; chunk = this.chunks[0]) {
      const rows = chunk.rows;
      if (rows.length > 0 && this.paceMs > 0) await new Promise((resolve) => setTimeout(resolve, this.paceMs));
      let error: unknown;
      try {
        if (rows.length > 0) await this.store.transaction((tx) => writeCycleSettlements(tx, rows));
      } catch (caught) {
        error = caught;
      }
      this.chunks.shift();
      if (error === undefined) {
        this.onWritten(chunk);
      } else {
        this.logger.warn({ err: error, rows: rows.length }, 'cycle settlements not written; they go back to the write-back list');
        this.onFailed(chunk);
      }
    }
  }
}
