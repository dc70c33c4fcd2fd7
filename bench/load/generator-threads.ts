import { Worker } from 'node:worker_threads';
import { emptyCounters, emptyRecorders, type LoadCounters, type LoadRecorders } from './sim-console';
import type { ClientPush } from './trace-report';

/** Per thread in the shared progress array: payments handed to its consoles, and answered (accepted or rejected). */
export const PROGRESS_SUBMITTED = 0;
export const PROGRESS_ANSWERED = 1;
export const PROGRESS_SLOTS = 2;

export interface ThreadInit {
  url: string;
  /** Every console's participant id and token, by console index (receivers are drawn from all of them). */
  ids: string[];
  tokens: string[];
  /** The console indices this thread runs. */
  own: number[];
  pushBatch: number;
  pullMs: number;
  payments: number;
  rate: number;
  hvpsShare: number;
  progress: SharedArrayBuffer;
  slot: number;
}

export type ThreadMessage = { type: 'start'; t0EpochMs: number } | { type: 'trafficEnd' } | { type: 'drain' } | { type: 'finish' };

export interface ThreadResult {
  counters: LoadCounters;
  pushToAck: Float64Array;
  dueToAck: Float64Array;
  finalHvps: Float64Array;
  finalBeps: Float64Array;
  pushes: ClientPush[];
  /** When this thread had handed out its last payment (epoch ms; 0 if it had none). */
  offeredEndEpochMs: number;
  eventLoopDelayMs: { p50: number; p99: number; max: number };
}

export type ThreadReply =
  | { type: 'ready' }
  | { type: 'started' }
  | { type: 'trafficEnded' }
  | { type: 'drained'; waiting: number; inboundSettled: number; accepted: number }
  | { type: 'finished'; result: ThreadResult };

/** The ts source of a thread: workers do not inherit tsx's loader, so each registers it first. */
const THREAD_SOURCE = new URL('./consoles-thread.ts', import.meta.url).href;
const BOOT = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(THREAD_SOURCE)}); });`;

export interface GeneratorOptions {
  url: string;
  ids: string[];
  tokens: string[];
  threads: number;
  pushBatch: number;
  pullMs: number;
  payments: number;
  rate: number;
  hvpsShare: number;
}

/**
 * The load generator's consoles spread over worker threads (console i on thread i mod threads),
 * so no one event loop reads every answer: each thread times its own pushes where it writes
 * them and reads the answers. This side starts them, reads their progress from shared memory,
 * and merges their timings and counts at the end. A thread that fails calls `onFailure`.
 */
export class GeneratorThreads {
  private readonly workers: Worker[] = [];
  private readonly progress: Int32Array;
  private readonly waiting = new Map<Worker, Array<(reply: ThreadReply) => void>>();
  /** Set before terminating the workers: their exit code is then 1 and means nothing. */
  private ending = false;

  private constructor(
    private readonly options: GeneratorOptions,
    private readonly onFailure: (error: Error) => void,
  ) {
    const shared = new SharedArrayBuffer(options.threads * PROGRESS_SLOTS * 4);
    this.progress = new Int32Array(shared);
    for (let slot = 0; slot < options.threads; slot += 1) {
      const own = options.ids.map((_, i) => i).filter((i) => i % options.threads === slot);
      const init: ThreadInit = {
        url: options.url,
        ids: options.ids,
        tokens: options.tokens,
        own,
        pushBatch: options.pushBatch,
        pullMs: options.pullMs,
        payments: options.payments,
        rate: options.rate,
        hvpsShare: options.hvpsShare,
        progress: shared,
        slot,
      };
      const worker = new Worker(BOOT, { eval: true, workerData: init });
      this.waiting.set(worker, []);
      worker.on('message', (reply: ThreadReply) => this.waiting.get(worker)?.shift()?.(reply));
      worker.on('error', (error) => onFailure(new Error(`generator thread ${slot}: ${error.stack ?? error.message}`)));
      worker.on('exit', (code) => {
        if (code !== 0 && !this.ending) onFailure(new Error(`generator thread ${slot} exited with ${code}`));
      });
      this.workers.push(worker);
    }
  }

  /** Starts the threads; resolves once every one has its consoles (and their pulls) running. */
  static async start(options: GeneratorOptions, onFailure: (error: Error) => void): Promise<GeneratorThreads> {
    if (!Number.isInteger(options.threads) || options.threads < 1 || options.threads > options.ids.length) {
      throw new Error(`${options.threads} generator threads for ${options.ids.length} consoles`);
    }
    const threads = new GeneratorThreads(options, onFailure);
    await Promise.all(threads.workers.map((w) => threads.next(w, 'ready')));
    return threads;
  }

  /** The next reply of one worker, which must be of the type asked for (replies come in message order). */
  private next<T extends ThreadReply['type']>(worker: Worker, type: T): Promise<Extract<ThreadReply, { type: T }>> {
    return new Promise((resolve, reject) => {
      this.waiting.get(worker)?.push((reply) => {
        if (reply.type === type) resolve(reply as Extract<ThreadReply, { type: T }>);
        else reject(new Error(`a generator thread answered ${reply.type}, not ${type}`));
      });
    });
  }

  private ask<T extends ThreadReply['type']>(message: ThreadMessage, type: T): Promise<Array<Extract<ThreadReply, { type: T }>>> {
    return Promise.all(
      this.workers.map((w) => {
        const reply = this.next(w, type);
        w.postMessage(message);
        return reply;
      }),
    );
  }

  /** Payment k is due at t0 + k / rate; t0 on this thread's performance.now() clock. */
  async offer(t0: number): Promise<void> {
    await this.ask({ type: 'start', t0EpochMs: performance.timeOrigin + t0 }, 'started');
  }

  private sum(slot: number): number {
    let total = 0;
    for (let t = 0; t < this.options.threads; t += 1) total += Atomics.load(this.progress, t * PROGRESS_SLOTS + slot);
    return total;
  }

  /** Payments answered so far (accepted or rejected), all threads. */
  get answered(): number {
    return this.sum(PROGRESS_ANSWERED);
  }

  /** Payments in the consoles' outboxes (pushes in flight included): handed out, not yet answered. */
  get outbox(): number {
    return this.sum(PROGRESS_SUBMITTED) - this.sum(PROGRESS_ANSWERED);
  }

  /** The traffic is over: the threads stop their event-loop delay histograms. */
  async trafficEnd(): Promise<void> {
    await this.ask({ type: 'trafficEnd' }, 'trafficEnded');
  }

  /** Every console pulls until its feed has no more; the sums of what the pulls have seen. */
  async drain(): Promise<{ waiting: number; inboundSettled: number; accepted: number }> {
    const replies = await this.ask({ type: 'drain' }, 'drained');
    return {
      waiting: replies.reduce((n, r) => n + r.waiting, 0),
      inboundSettled: replies.reduce((n, r) => n + r.inboundSettled, 0),
      accepted: replies.reduce((n, r) => n + r.accepted, 0),
    };
  }

  /** Stops every console and the threads; their timings and counts merged. */
  async finish(): Promise<{
    recorders: LoadRecorders;
    counters: LoadCounters;
    offeredEndMs: number;
    eventLoopDelayMs: { p50: number; p99: number; max: number; perThread: Array<{ p50: number; p99: number; max: number }> };
  }> {
    const results = (await this.ask({ type: 'finish' }, 'finished')).map((r) => r.result);
    await this.terminate();
    return mergeThreadResults(results);
  }

  /** Ends the threads at once (a failed run). */
  async terminate(): Promise<void> {
    this.ending = true;
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/** The threads' timings as one recorder each, counts summed, first error of the first thread that had one. */
export function mergeThreadResults(results: readonly ThreadResult[]): {
  recorders: LoadRecorders;
  counters: LoadCounters;
  offeredEndMs: number;
  eventLoopDelayMs: { p50: number; p99: number; max: number; perThread: Array<{ p50: number; p99: number; max: number }> };
} {
  const recorders = emptyRecorders();
  const counters = emptyCounters();
  const numeric = ['accepted', 'rejected', 'duplicates', 'pushErrors', 'pullErrors', 'pulls', 'pushes', 'finalSettled', 'finalOther', 'inboundSettled'] as const;
  for (const r of results) {
    recorders.pushToAck.addAll(r.pushToAck);
    recorders.dueToAck.addAll(r.dueToAck);
    recorders.finalHvps.addAll(r.finalHvps);
    recorders.finalBeps.addAll(r.finalBeps);
    for (const p of r.pushes) recorders.pushes.push(p);
    for (const key of numeric) counters[key] += r.counters[key];
    counters.firstError ??= r.counters.firstError;
  }
  const perThread = results.map((r) => r.eventLoopDelayMs);
  return {
    recorders,
    counters,
    offeredEndMs: Math.max(0, ...results.map((r) => r.offeredEndEpochMs)) - performance.timeOrigin,
    // The worst thread's: each reads its own answers, so its delay is what its timestamps carry.
    eventLoopDelayMs: {
      p50: Math.max(0, ...perThread.map((d) => d.p50)),
      p99: Math.max(0, ...perThread.map((d) => d.p99)),
      max: Math.max(0, ...perThread.map((d) => d.max)),
      perThread,
    },
  };
}
