import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import type { Logger } from 'pino';
import type { HouseStore } from '../store/sql-client';
import type { BatchEffects } from './batch-effects';
import type { ClearingEngine } from './clearing-engine-port';
import { packBatch, packedTransfer } from './packed-commands';
import type { FromShadow, ShadowWorkerData, ToShadow } from './shadow-protocol';

/** The thread loads shadow-worker.ts through tsx, as the house itself is run (bin/hankou.mjs). */
const BOOT = `const { workerData } = require('node:worker_threads');
import(workerData.tsxApi)
  .then((tsx) => { tsx.register(); return import(workerData.entry); })
  .catch((error) => setImmediate(() => { throw error; }));`;

/** tsx's ESM API as a file URL (its CommonJS build registers its hooks from the wrong folder in a thread). */
function tsxApiUrl(): string {
  const cjs = createRequire(import.meta.url).resolve('tsx/esm/api');
  return pathToFileURL(cjs.replace(/index\.cjs$/, 'index.mjs')).href;
}

/**
 * The periodic engine snapshots (every SNAPSHOT_EVERY_COMMANDS), taken off the writer's thread
 * by a shadow engine in a worker thread (shadow-worker.ts). The writer seeds it after every
 * recovery and posts it each committed batch's commands (packed-commands.ts); when a batch
 * crosses a snapshot boundary the thread exports and stringifies its own state at that batch's
 * cmd_seq and writes the row (PostgreSQL) or hands the JSON back for the writer to store
 * (PGlite, or failover's fenced store). The writer's cost per batch is packing and posting its
 * commands (~0.5 ms for 5,000 payments). If the shadow fails (drift, an engine error, the thread died) there are no
 * periodic snapshots, with a warning, until the next seed: recovery replays more, nothing else.
 * One snapshot at a time; one due while the last is being written is skipped.
 */
export class ShadowSnapshots {
  private worker: Worker | undefined;
  /** The shadow follows the committed batches (seeded, and no failure reported since). */
  private following = false;
  /** The snapshot asked for and not yet stored or failed. */
  private pending: bigint | undefined;
  private storing: Promise<void> | undefined;
  private readonly waiting: Array<(message: FromShadow) => void> = [];

  constructor(
    private readonly store: HouseStore,
    private readonly logger: Logger,
    /** A single PostgreSQL server the thread writes to itself (absent: it hands the JSON back). */
    private readonly databaseUrl?: string,
  ) {}

  /** After a recovery, before the house serves: one export on the writer's thread (start, or a rebuild after a failed batch). */
  seed(engine: ClearingEngine, cmdSeq: bigint): void {
    const worker = this.worker ?? this.spawn();
    this.pending = undefined;
    this.post(worker, { type: 'seed', cmdSeq, state: engine.exportState() });
    this.following = true;
  }

  /** The engine is being rebuilt: the shadow waits for the next seed. */
  discard(): void {
    this.following = false;
  }

  /** A batch committed; `baseCmdSeq`: the cmd_seq committed before it. `snapshotDue`: it crossed a snapshot boundary. */
  committed(batch: BatchEffects, baseCmdSeq: bigint, snapshotDue: boolean): void {
    const worker = this.worker;
    if (!this.following || worker === undefined || batch.cmdSeq === baseCmdSeq) return;
    let commands;
    try {
      commands = packBatch(batch, baseCmdSeq);
    } catch (error) {
      this.fail(error instanceof Error ? error.message : String(error));
      return;
    }
    let snapshot = false;
    if (snapshotDue && this.pending !== undefined) {
      this.logger.warn({ cmdSeq: batch.cmdSeq.toString(), writing: this.pending.toString() }, 'engine snapshot skipped: the previous one is still being written');
    } else if (snapshotDue) {
      snapshot = true;
      this.pending = batch.cmdSeq;
    }
    worker.postMessage({ type: 'batch', firstCmdSeq: baseCmdSeq + 1n, commands, snapshot } satisfies ToShadow, packedTransfer(commands));
  }

  /** The shadow's state and cmd_seq as it stands after every batch posted so far (tests). */
  async state(): Promise<{ cmdSeq: bigint; state: object | undefined }> {
    const worker = this.worker;
    if (worker === undefined) return { cmdSeq: 0n, state: undefined };
    const answer = this.next('state');
    this.post(worker, { type: 'state' });
    const message = await answer;
    return message.type === 'state' ? { cmdSeq: message.cmdSeq, state: message.state } : { cmdSeq: 0n, state: undefined };
  }

  /** Waits for the snapshot being taken or written, then ends the thread. */
  async close(): Promise<void> {
    const worker = this.worker;
    if (worker !== undefined) {
      const closed = this.next('closed');
      this.post(worker, { type: 'close' });
      await closed;
      await this.storing;
      this.worker = undefined;
      await worker.terminate();
    }
    await this.storing;
  }

  private spawn(): Worker {
    const workerData: ShadowWorkerData = {
      tsxApi: tsxApiUrl(),
      entry: new URL('./shadow-worker.ts', import.meta.url).href,
      ...(this.databaseUrl === undefined ? {} : { databaseUrl: this.databaseUrl }),
    };
    const worker = new Worker(BOOT, { eval: true, workerData });
    // The house's close ends it; it must not keep a process alive that forgot to close.
    worker.unref();
    worker.on('message', (message: FromShadow) => this.received(message));
    worker.on('error', (error) => {
      this.logger.warn({ err: error }, 'shadow engine thread died; no periodic engine snapshots until the engine is next recovered');
      this.gone(worker);
    });
    worker.on('exit', () => this.gone(worker));
    this.worker = worker;
    return worker;
  }

  /** The thread is gone: whoever waits on it gets `closed`, and the next seed starts another. */
  private gone(worker: Worker): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    this.following = false;
    this.pending = undefined;
    for (const resolve of this.waiting.splice(0)) resolve({ type: 'closed' });
  }

  private post(worker: Worker, message: ToShadow): void {
    worker.postMessage(message);
  }

  /** The next message of `type` from the thread (or `closed` if it dies first). */
  private next(type: 'state' | 'closed'): Promise<FromShadow> {
    return new Promise((resolve) => {
      const wait = (message: FromShadow): void => {
        if (message.type === type || message.type === 'closed') resolve(message);
        else this.waiting.push(wait);
      };
      this.waiting.push(wait);
    });
  }

  private received(message: FromShadow): void {
    switch (message.type) {
      case 'snapshot':
        if (message.written) {
          this.pending = undefined;
          this.logger.info({ cmdSeq: message.cmdSeq.toString(), bytes: message.bytes, exportMs: Math.round(message.exportMs) }, 'engine snapshot written by the shadow engine');
        } else {
          this.storing = this.storeText(message.cmdSeq, message.text, message.exportMs).finally(() => {
            this.storing = undefined;
            this.pending = undefined;
          });
        }
        return;
      case 'snapshotFailed':
        this.pending = undefined;
        this.logger.warn({ cmdSeq: message.cmdSeq.toString(), reason: message.message }, 'engine snapshot not written; recovery replays from the previous one');
        return;
      case 'failed':
        this.fail(message.message);
        return;
      default:
        for (const resolve of this.waiting.splice(0)) resolve(message);
    }
  }

  private fail(reason: string): void {
    this.following = false;
    this.pending = undefined;
    this.logger.warn({ reason }, 'shadow engine discarded; no periodic engine snapshots until the engine is next recovered');
  }

  /**
   * PGlite runs on this thread, and failover's fenced store is the lease's to write through, so
   * the writer stores what the shadow handed back. pg sends a Buffer as a binary parameter, which
   * for a text column is the UTF-8 itself: no decoding on this thread. PGlite gets a string.
   */
  private async storeText(cmdSeq: bigint, bytes: ArrayBuffer, exportMs: number): Promise<void> {
    try {
      const state = this.store.kind === 'postgres' ? Buffer.from(bytes) : new TextDecoder().decode(bytes);
      await this.store.transaction((tx) => tx.query('INSERT INTO engine_snapshots (cmd_seq, state) VALUES ($1, $2) ON CONFLICT DO NOTHING', [cmdSeq.toString(), state]));
      this.logger.info({ cmdSeq: cmdSeq.toString(), bytes: bytes.byteLength, exportMs: Math.round(exportMs) }, 'engine snapshot from the shadow engine written');
    } catch (error) {
      this.logger.warn({ err: error, cmdSeq: cmdSeq.toString() }, 'engine snapshot not written; recovery replays from the previous one');
    }
  }
}
