import { appendFileSync, writeFileSync } from 'node:fs';
import { monitorEventLoopDelay, PerformanceObserver, type IntervalHistogram } from 'node:perf_hooks';

/**
 * Where one push's time went, on this process's `performance.now()` clock (ms). The route sets
 * `receivedMs` (request headers read) and `checkedMs` (body parsed and checked, handed to the
 * host); the host sets the rest. Used only when a load trace is on.
 */
export interface PushTiming {
  receivedMs: number;
  checkedMs: number;
  /** The batch holding the push began. */
  batchStartMs: number;
  /** The engine began and ended applying this push (its own mutations). */
  applyStartMs: number;
  appliedMs: number;
  /** The rest of the batch is applied and the batch before has committed (pipelining): this batch's transaction begins. */
  commitStartMs: number;
  /** COMMIT returned. */
  commitEndMs: number;
  /** Commands and jobs in the push's batch. */
  batchCommands: number;
  batchJobs: number;
  mutations: number;
  deviceId: string;
  firstSeq: number;
}

export const newPushTiming = (receivedMs: number): PushTiming => ({
  receivedMs,
  checkedMs: 0,
  batchStartMs: 0,
  applyStartMs: 0,
  appliedMs: 0,
  commitStartMs: 0,
  commitEndMs: 0,
  batchCommands: 0,
  batchJobs: 0,
  mutations: 0,
  deviceId: '',
  firstSeq: 0,
});

const FLUSH_EVERY_MS = 1_000;
const round = (ms: number): number => Math.round(ms * 100) / 100;

/**
 * A load trace (`HANKOU_LOAD_TRACE=FILE` for `hankou house serve`; bench/load.bench.ts sets it):
 * one JSON line per answered push (its breakdown) and one per second (event-loop delay, GC
 * pauses, memory, batches), appended to FILE, so the bench can say what the tail is made of.
 * Off by default; costs a few numbers per push when on.
 */
export class LoadTrace {
  /** The timing of each push request in flight (the route and the server's hooks share it). */
  readonly requests = new WeakMap<object, PushTiming>();
  private readonly delay: IntervalHistogram = monitorEventLoopDelay({ resolution: 5 });
  private readonly gc: PerformanceObserver;
  private lines: string[] = [];
  private gcMsSum = 0;
  private gcMsMax = 0;
  private gcCount = 0;
  private batches = 0;
  private batchCommandsMax = 0;
  private commitMsMax = 0;
  private readonly timer: NodeJS.Timeout;
  private readonly startedMs = performance.now();

  constructor(private readonly file: string) {
    writeFileSync(file, '');
    this.delay.enable();
    this.gc = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        this.gcMsSum += entry.duration;
        this.gcMsMax = Math.max(this.gcMsMax, entry.duration);
        this.gcCount += 1;
      }
    });
    this.gc.observe({ entryTypes: ['gc'] });
    this.timer = setInterval(() => this.second(), FLUSH_EVERY_MS);
    this.timer.unref();
  }

  /**
   * A batch committed (every batch, pushes or not): its size, what was in it, and where its time
   * went: `applying` from its first request to its last applied (while the commit before runs,
   * requests keep joining), `previousCommit` the wait after that for the commit before, `commit`.
   */
  batch(commands: number, kinds: string, rows: { newPayments: number; statusUpdates: number; laneRows: number; feed: number }, applyingMs: number, previousCommitMs: number, commitMs: number): void {
    this.lines.push(
      JSON.stringify({ k: 'batch', at: round(performance.now() - this.startedMs), commands, kinds, ...rows, applying: round(applyingMs), previousCommit: round(previousCommitMs), commit: round(commitMs) }),
    );
    this.batches += 1;
    this.batchCommandsMax = Math.max(this.batchCommandsMax, commands);
    this.commitMsMax = Math.max(this.commitMsMax, commitMs);
  }

  /** A push's answer was written (`sentMs`); its breakdown in ms. */
  push(t: PushTiming, sentMs: number, status: number): void {
    if (t.batchStartMs === 0) return; // refused before the host: not a timed push
    this.lines.push(
      JSON.stringify({
        k: 'push',
        at: round(sentMs - this.startedMs),
        status,
        device: t.deviceId,
        seq: t.firstSeq,
        n: t.mutations,
        batch: t.batchCommands,
        jobs: t.batchJobs,
        check: round(t.checkedMs - t.receivedMs),
        wait: round(t.applyStartMs - t.checkedMs),
        engine: round(t.appliedMs - t.applyStartMs),
        untilCommit: round(t.commitStartMs - t.appliedMs),
        commit: round(t.commitEndMs - t.commitStartMs),
        answer: round(sentMs - t.commitEndMs),
        total: round(sentMs - t.receivedMs),
      }),
    );
  }

  private second(): void {
    const memory = process.memoryUsage();
    this.lines.push(
      JSON.stringify({
        k: 'second',
        at: round(performance.now() - this.startedMs),
        eldP50: round(this.delay.percentile(50) / 1e6),
        eldP99: round(this.delay.percentile(99) / 1e6),
        eldMax: round(this.delay.max / 1e6),
        gcMs: round(this.gcMsSum),
        gcMaxMs: round(this.gcMsMax),
        gcCount: this.gcCount,
        batches: this.batches,
        batchCommandsMax: this.batchCommandsMax,
        commitMsMax: round(this.commitMsMax),
        rssMiB: Math.round(memory.rss / 1048576),
        heapUsedMiB: Math.round(memory.heapUsed / 1048576),
      }),
    );
    this.delay.reset();
    this.gcMsSum = 0;
    this.gcMsMax = 0;
    this.gcCount = 0;
    this.batches = 0;
    this.batchCommandsMax = 0;
    this.commitMsMax = 0;
    this.flush();
  }

  private flush(): void {
    if (this.lines.length === 0) return;
    appendFileSync(this.file, `${this.lines.join('\n')}\n`);
    this.lines = [];
  }

  stop(): void {
    clearInterval(this.timer);
    this.second();
    this.gc.disconnect();
    this.delay.disable();
  }
}
