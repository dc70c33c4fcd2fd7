import type { Logger } from 'pino';
import type { HouseStore } from '../store/sql-client';
import { stringifyWithBigInt } from '../store/json-bigint';

/** Payments stringified per slice: about a millisecond of work, then the event loop runs. */
export const SNAPSHOT_SLICE_PAYMENTS = 5_000;

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * The JSON of an exported engine state (parsed back it equals stringifyWithBigInt's), built in
 * slices of payments with the event loop running between them. The state is the engine's
 * export, a copy sharing nothing with the live engine, so the engine may move on meanwhile.
 */
export async function stringifySnapshotInSlices(state: object): Promise<string> {
  const { payments, ...rest } = state as { payments?: unknown };
  if (!Array.isArray(payments)) return stringifyWithBigInt(state);
  const head = stringifyWithBigInt(rest);
  const parts: string[] = [head.length > 2 ? `${head.slice(0, -1)},"payments":[` : '{"payments":['];
  for (let start = 0; start < payments.length; start += SNAPSHOT_SLICE_PAYMENTS) {
    const slice = stringifyWithBigInt(payments.slice(start, start + SNAPSHOT_SLICE_PAYMENTS));
    parts.push(start === 0 ? slice.slice(1, -1) : `,${slice.slice(1, -1)}`);
    await nextTurn();
  }
  parts.push(']}');
  return parts.join('');
}

/**
 * The periodic engine snapshot (every SNAPSHOT_EVERY_COMMANDS), off the writer's path: it was
 * exported and stringified inside the batch (up to ~2 s of CPU and a 130 MB row at 1M payments
 * in the day, during which every request waited). Now the batch only exports the state; this
 * stringifies it in slices and writes it in its own transaction once the batch that reached its
 * cmd_seq has committed (a snapshot is never ahead of the journal). If that batch fails, or the
 * write fails, the snapshot is dropped: recovery uses the previous one and replays more.
 * One write at a time; a snapshot due while one is being written is skipped.
 */
export class SnapshotWriter {
  private writing: Promise<void> | undefined;

  constructor(
    private readonly store: HouseStore,
    private readonly logger: Logger,
  ) {}

  get busy(): boolean {
    return this.writing !== undefined;
  }

  /** `committed` resolves with the error of the batch that reached `cmdSeq` (undefined: it committed). */
  schedule(cmdSeq: bigint, state: object, committed: Promise<Error | undefined>): void {
    if (this.writing) {
      this.logger.warn({ cmdSeq: cmdSeq.toString() }, 'engine snapshot skipped: the previous one is still being written');
      return;
    }
    this.writing = this.write(cmdSeq, state, committed).finally(() => (this.writing = undefined));
  }

  private async write(cmdSeq: bigint, state: object, committed: Promise<Error | undefined>): Promise<void> {
    try {
      const text = await stringifySnapshotInSlices(state);
      if ((await committed) !== undefined) return;
      await this.store.transaction((tx) => tx.query('INSERT INTO engine_snapshots (cmd_seq, state) VALUES ($1, $2) ON CONFLICT DO NOTHING', [cmdSeq.toString(), text]));
    } catch (error) {
      this.logger.warn({ err: error, cmdSeq: cmdSeq.toString() }, 'engine snapshot not written; recovery replays from the previous one');
    }
  }

  /** Waits for a write in progress (shutdown). */
  async close(): Promise<void> {
    await this.writing;
  }
}
