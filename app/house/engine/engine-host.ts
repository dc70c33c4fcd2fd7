import type { Logger } from 'pino';
import type { EngineCommand } from '../../shared/clearing/commands';
import type { EngineEvent } from '../../shared/clearing/events';
import type { GapResponse, PushRequest, PushResponse, PushResult } from '../../shared/contract/sync-protocol';
import type { HouseStore } from '../store/sql-client';
import type { AuditEntryInput } from '../../shared/audit/audit-chain';
import { writeBatch } from '../store/batch-writer';
import { stringifyWithBigInt } from '../store/json-bigint';
import { loadOriginalResults } from '../store/device-queries';
import { readWorkingCalendar } from '../store/calendar-store';
import type { HouseMetrics } from '../http/metrics';
import { BatchEffects, type DeviceRow, type NewParticipantRow } from './batch-effects';
import type { ClearingEngine, EngineFactory } from './clearing-engine-port';
import { applyEvents } from './apply-events';
import { addLiquidityFeed } from './liquidity-feed';
import { auditOutcome } from './audit-outcome';
import { applyNewMutations } from './push-mutations';
import type { AdmissionCheck } from './push-context';
import { recoverEngine } from './recover-engine';
import { applyReference, type ReferenceJob } from './reference-job';
import type { MessageThread } from '../../shared/contract/message-protocol';
import { MESSAGE_MUTATION_TYPES, isMessageMutationType } from '../../shared/contract/sync-protocol';
import { loadPaymentDetails, loadThreads, type MessageContext } from '../messages/thread-lookup';
import { answerDueBy } from '../messages/answer-due';
import { recordStop } from '../messages/stop-thread';
import { QueueBook } from './queue-book';
import { ShadowSnapshots } from './shadow-snapshots';
import { SettlementWriteback, writebackRoom } from './settlement-writeback';
import { readUnwrittenSettlements } from './unwritten-settlements';
import { SettlementLane } from './settlement-lane';
import type { LoadTrace, PushTiming } from '../load-trace';

/**
 * Limits of one group-commit batch. Commands per batch bound the transaction size and the time
 * a request waits behind others; queued requests beyond MAX_QUEUED_JOBS get 503 at once so a
 * flood cannot grow memory without bound.
 */
export const MAX_BATCH_COMMANDS = 5000;
export const MAX_QUEUED_JOBS = 10_000;
/** A snapshot bounds replay time after a restart. */
export const SNAPSHOT_EVERY_COMMANDS = 200_000;
/**
 * Cycle settlements waiting in the lane at most before batches stop numbering more: pulls read
 * no further than the first waiting one, so a long lane queue would hold every change back.
 */
export const LANE_MAX_PENDING_ROWS = 500;
/** A failed batch of cycle settlements alone is tried again after this long (or at the next request). */
export const WRITEBACK_RETRY_MS = 500;

export type PushOutcome =
  | { status: 200; body: PushResponse }
  | { status: 409; body: GapResponse }
  | { status: 403; body: { error: 'device_owned'; message: string } };

export interface OperatorJob {
  command: EngineCommand;
  /** Set with an addParticipant command: the participant's row. */
  participantRow?: NewParticipantRow;
  /**
   * An operator's command is recorded in the audit log in the batch's own transaction; the
   * host stamps the time and adds the outcome (audit-outcome.ts) to the detail.
   */
  audit?: Omit<AuditEntryInput, 'at'>;
  /** The business clock's tick: journaled only when it changed something (business-clock.ts). */
  journalOnlyIfEvents?: boolean;
  /**
   * 止付 / 解除止付 by the clearing centre (command stop or release without `by`): recorded in
   * the payment's stop thread with this reason and audited by stop-thread.ts instead of `audit`.
   * `operator`: the centre operator's username, named in the thread entry (absent: the admin token).
   */
  stop?: { reason: string; actor: string; operator?: string };
}

/** The store or the engine failed; nothing of the batch is kept. The client retries. */
export class TransientError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TransientError';
  }
}

/** `solo`: retried alone after its batch failed, so one bad request cannot fail the others. */
type Job =
  | { kind: 'push'; participantId: string; request: PushRequest; resolve: (o: PushOutcome) => void; reject: (e: Error) => void; solo?: boolean; timing?: PushTiming }
  | { kind: 'operator'; job: OperatorJob; resolve: (events: EngineEvent[]) => void; reject: (e: Error) => void; solo?: boolean }
  | { kind: 'reference'; job: ReferenceJob; resolve: () => void; reject: (e: Error) => void; solo?: boolean }
  | { kind: 'between'; work: () => Promise<unknown>; resolve: (value: unknown) => void; reject: (e: Error) => void };
/** What a batch is made of (`between` work runs alone, outside any batch). */
type BatchJob = Exclude<Job, { kind: 'between' }>;
type BatchPositions = Array<{ id: string; balanceMinor: bigint; netDebitMinor: bigint; netDebitCapMinor: bigint }>;

/** A batch applied to the engine whose transaction is running; `done` is its error, if it failed. */
interface InFlight {
  jobs: BatchJob[];
  batch: BatchEffects;
  engine: ClearingEngine;
  answers: Array<() => void>;
  startedMs: number;
  /** Applied to the engine; its commit started once the batch before had committed (`commitStartMs`). */
  appliedMs: number;
  commitStartMs: number;
  done: Promise<Error | undefined>;
  /** `done` has resolved (read synchronously by the loop that fills the next batch). */
  finished: boolean;
}

/** Commands a job adds to a batch: a push's mutations, or one. */
const commandsOf = (job: BatchJob): number => (job.kind === 'push' ? job.request.mutations.length : 1);
const commandsOfAll = (jobs: readonly BatchJob[]): number => jobs.reduce((n, job) => n + commandsOf(job), 0);

/** Operator commands that may be applied while the previous batch commits (the timers' own). */
const OVERLAPPING_COMMANDS = new Set<string>(['time', 'offset', 'closeCycle']);

export interface EngineHostOptions {
  store: HouseStore;
  factory: EngineFactory;
  metrics: HouseMetrics;
  logger: Logger;
  initialBusinessDate: string;
  nowMs?: () => number;
  /** Called after a batch committed, with its participants touched (for caches). */
  onCommitted?: (batch: BatchEffects) => void;
  /** The load trace (load-trace.ts), when on: every batch's size and commit time. */
  trace?: LoadTrace;
  /** Commands between periodic engine snapshots (default SNAPSHOT_EVERY_COMMANDS; tests use fewer). */
  snapshotEveryCommands?: number;
  /**
   * A single PostgreSQL server (not failover's fenced store): the shadow engine's thread writes
   * the periodic snapshots to it itself. Absent: the thread hands them back and the host stores them.
   */
  snapshotDatabaseUrl?: string;
  /** false: apply nothing while a commit runs (the old one-batch-at-a-time writer, for comparison in benches). Default true. */
  pipeline?: boolean;
}

/**
 * The one writer. Requests queue here; the batcher applies what has queued to the engine and
 * commits every effect in one transaction before answering anyone (group commit). If the
 * commit fails the engine is rebuilt from the database, so memory never runs ahead of disk.
 */
export class EngineHost {
  private engine: ClearingEngine | undefined;
  private readonly queue: Job[] = [];
  private running = false;
  private closed = false;
  private cmdSeq = 0n;
  private changeSeqValue = 0;
  private devices = new Map<string, DeviceRow>();
  private idle: Promise<void> = Promise.resolve();
  /** The batch whose commit is running while the next one is applied (at most one). */
  private inFlight: InFlight | undefined;
  /** Wakes the writer waiting on a commit when a request arrives (commitOrArrival). */
  private wake: (() => void) | undefined;
  /** Payments arrived since the last look: the cycle timer closes only a cycle with activity. */
  private cycleActivity = false;
  /** Payment rows committed by this process (drives the statistics refresh). */
  paymentsCommitted = 0;
  /** Set by the centre (docs/centre.md): cut-offs and suspended participants refuse payments here. */
  admission: AdmissionCheck | undefined;
  /** Set by the centre: a date's interbank cut-off "HH:MM" (an inquiry's reply is due by the next working day's). */
  interbankCutoff: ((date: string) => string | undefined) | undefined;
  /** Message threads as committed (app/house/messages); the batch stages its changes. */
  private threads = new Map<string, MessageThread>();
  /** Committed waiting payments per sender (GET /v1/queue/me); reloaded with the engine. */
  private book = new QueueBook();
  /** The house's wall clock (tests inject one). */
  readonly nowMs: () => number;

  /** Cycle settlements still to be written, a bounded number per batch (settlement-writeback.ts). */
  private readonly writeback = new SettlementWriteback();
  /** A write-back batch failed or the engine could not be rebuilt: write-back waits (pauseWriteback). */
  private writebackStalled = false;
  /** Writes the cycle settlements the batches number, beside them (settlement-lane.ts). */
  private readonly lane: SettlementLane;

  /** Takes the periodic snapshots off the writer's thread, in a shadow engine fed the committed batches (shadow-snapshots.ts). */
  private readonly snapshots: ShadowSnapshots;

  constructor(private readonly options: EngineHostOptions) {
    this.nowMs = options.nowMs ?? Date.now;
    this.lane = new SettlementLane(
      options.store,
      options.logger,
      (chunk) => {
        this.writeback.committed(chunk.ticket);
        this.options.metrics.settlementWriteback.set(this.settlementsPending);
        // Room in the lane again: number the next settlements even if no request comes.
        if (!this.running && this.writebackDue()) this.idle = this.drain();
      },
      (chunk) => {
        this.writeback.retry(chunk.rows);
        this.pauseWriteback();
      },
    );
    this.snapshots = new ShadowSnapshots(options.store, options.logger, options.snapshotDatabaseUrl);
  }

  async start(): Promise<void> {
    // Today's partitions (house migration 0010) before the first batch writes a row of the day;
    // the end-of-day batch creates the next day's.
    await this.options.store.query("SELECT house_ensure_day(coalesce((SELECT value FROM house_meta WHERE key = 'business_date'), $1::text))", [this.options.initialBusinessDate]);
    await this.rebuild();
    // Settlements of a cycle closed before a stop are written without waiting for a request.
    if (this.writebackDue() && !this.running) this.idle = this.drain();
  }

  /** Last change feed seq that is committed: pulls never read past it. */
  get committedChangeSeq(): number {
    return this.lane.horizon(this.changeSeqValue);
  }

  /** true once after payments arrived since the previous call. */
  takeCycleActivity(): boolean {
    const active = this.cycleActivity;
    this.cycleActivity = false;
    return active;
  }

  get queueDepth(): number {
    return this.queue.length;
  }

  /** Cycle settlements applied but not yet in their payment rows: still listed, or waiting in the lane. */
  get settlementsPending(): number {
    return this.writeback.size + this.lane.pendingRows;
  }

  /** The engine, for metrics and operator reads (may be mid-batch: figures only, never answers). */
  view(): ClearingEngine | undefined {
    return this.engine;
  }

  /** The shadow engine's state after the batches committed so far (the determinism test: it must equal `view()`'s). */
  shadowState(): Promise<{ cmdSeq: bigint; state: object | undefined }> {
    return this.snapshots.state();
  }

  /** What has committed as waiting, with since when (queue-book.ts): read with `view()`. */
  get queueBook(): QueueBook {
    return this.book;
  }

  /** `timing` (load trace only) gets the batch's start, commit start and commit end. */
  push(participantId: string, request: PushRequest, timing?: PushTiming): Promise<PushOutcome> {
    return new Promise((resolve, reject) => this.enqueue({ kind: 'push', participantId, request, resolve, reject, ...(timing ? { timing } : {}) }));
  }

  operate(job: OperatorJob): Promise<EngineEvent[]> {
    return new Promise((resolve, reject) => this.enqueue({ kind: 'operator', job, resolve, reject }));
  }

  /** Reference data (reference-job.ts): resolves once committed and in the change feed. */
  publish(job: ReferenceJob): Promise<void> {
    return new Promise((resolve, reject) => this.enqueue({ kind: 'reference', job, resolve, reject }));
  }

  /**
   * Runs `work` between two batches, in the writer's turn: no batch transaction is open while it
   * runs, so it may lock what a batch locks (the archive drops a day's partitions, which locks the
   * parent tables) without deadlocking against a commit. Requests queue meanwhile and go on after.
   */
  between<T>(work: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => this.enqueue({ kind: 'between', work, resolve: resolve as (value: unknown) => void, reject }));
  }

  /** Stops taking work and waits for the batch in flight. */
  async close(): Promise<void> {
    this.closed = true;
    await this.idle;
    await this.lane.idle();
    // The cycles closed; their rows are rebuilt from the store at the next start (rebuild).
    this.writeback.reset([]);
    await this.snapshots.close();
  }

  private enqueue(job: Job): void {
    if (this.closed) return job.reject(new TransientError('the house is shutting down'));
    if (this.queue.length >= MAX_QUEUED_JOBS) return job.reject(new TransientError('the house is busy; retry'));
    this.queue.push(job);
    this.options.metrics.inputQueueDepth.set(this.queue.length);
    this.writebackStalled = false;
    if (!this.running) this.idle = this.drain();
    else this.wake?.();
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      while (this.queue.length > 0 || this.inFlight || this.writebackDue()) {
        const head = this.queue[0];
        if (head === undefined && this.inFlight) {
          // A request arriving while the commit runs starts the next batch at once (pipelining).
          if (this.options.pipeline === false || (await this.commitOrArrival(this.inFlight)) === 'done') await this.settleInFlight();
          continue;
        }
        if (this.inFlight && (head?.kind === 'between' || (head !== undefined && !this.overlaps(head)))) {
          // Nothing to overlap with the commit in flight: let it finish (and answer) first.
          await this.settleInFlight();
          continue;
        }
        if (head?.kind === 'between') {
          this.queue.shift();
          this.options.metrics.inputQueueDepth.set(this.queue.length);
          await head.work().then(head.resolve, (error: unknown) => head.reject(error instanceof Error ? error : new Error(String(error))));
          continue;
        }
        const jobs = this.takeBatch(MAX_BATCH_COMMANDS);
        this.options.metrics.inputQueueDepth.set(this.queue.length);
        // No request: a batch of cycle settlements alone (writebackDue).
        if (jobs.length > 0 || head === undefined) await this.runBatch(jobs);
      }
    } finally {
      this.running = false;
    }
  }

  /** Settlements wait to be written and nothing else will start a batch for them. */
  private writebackDue(): boolean {
    return !this.closed && !this.writebackStalled && this.writeback.wantsBatch && this.lane.pendingRows < LANE_MAX_PENDING_ROWS;
  }

  /**
   * Write-back alone is retried after a pause, not at once: a store that keeps failing must not
   * turn the writer into a busy loop. A request arriving meanwhile tries again sooner.
   */
  private pauseWriteback(): void {
    this.writebackStalled = true;
    setTimeout(() => {
      this.writebackStalled = false;
      if (!this.running && this.writebackDue()) this.idle = this.drain();
    }, WRITEBACK_RETRY_MS).unref();
  }

  /**
   * Up to `max` pending cycle settlements get their change seqs in this batch: written by the
   * lane once it commits, or (`inBatch`, the end of day) as rows of the batch itself.
   */
  private takeWriteback(batch: BatchEffects, max: number, inBatch = false): void {
    const { entries, ticket } = this.writeback.take(max);
    for (const entry of entries) {
      if (inBatch) batch.setStatus(entry.paymentId, 'settled', null, entry.cycleId);
      else batch.laneRows.push({ paymentId: entry.paymentId, cycleId: entry.cycleId, changeSeq: batch.nextChangeSeq() });
    }
    batch.writebackTicket = Math.max(batch.writebackTicket, ticket);
    // Seqs the lane may not write are never given out again after a restart (recover-engine.ts).
    if (batch.laneRows.length > 0) batch.meta.set('change_seq_reserved', String(batch.changeSeq));
  }

  /**
   * May `job` be applied while the batch in flight commits? Only work that reads nothing the
   * in-flight batch may still change in the store: pushes of other devices (a replay reads its
   * device's committed results) without message mutations (they read committed threads), and
   * the timers' offset, cycle close and clock tick. Everything else waits for the commit.
   */
  private overlaps(job: Job): boolean {
    const inFlight = this.inFlight;
    if (!inFlight) return true;
    if (this.options.pipeline === false) return false;
    if (job.kind === 'push') {
      return job.solo !== true && !inFlight.batch.devices.has(job.request.deviceId) && !job.request.mutations.some((m) => isMessageMutationType(m.type));
    }
    if (job.kind === 'operator') {
      const { command, stop, participantRow, audit } = job.job;
      return job.solo !== true && stop === undefined && participantRow === undefined && audit === undefined && OVERLAPPING_COMMANDS.has(command.type);
    }
    return false;
  }

  /** Resolves when the commit in flight has ended or a request has been queued, whichever is first. */
  private commitOrArrival(flight: InFlight): Promise<'done' | 'arrival'> {
    if (flight.finished) return Promise.resolve('done');
    return Promise.race([
      flight.done.then(() => 'done' as const),
      new Promise<'arrival'>((resolve) => (this.wake = () => resolve('arrival'))),
    ]).finally(() => (this.wake = undefined));
  }

  /** Jobs from the head of the queue, up to `room` commands (the first one whatever its size when `room` is the whole batch). */
  private takeBatch(room: number): BatchJob[] {
    const jobs: BatchJob[] = [];
    let commands = 0;
    const whole = room === MAX_BATCH_COMMANDS;
    while (this.queue.length > 0) {
      const next = this.queue[0];
      if (!next || next.kind === 'between') break;
      if (this.inFlight && !this.overlaps(next)) break;
      const size = commandsOf(next);
      if ((jobs.length > 0 || !whole) && (next.solo || commands + size > room)) break;
      this.queue.shift();
      jobs.push(next);
      commands += size;
      if (next.solo) break;
    }
    return jobs;
  }

  /**
   * Applies `jobs` to the engine (while the previous batch's commit, if any, is still in
   * flight: pipelining), then waits for that commit and starts this batch's. Answers go out
   * when a batch's own COMMIT has returned (settleInFlight), never earlier.
   */
  private async runBatch(jobs: BatchJob[]): Promise<void> {
    const { logger } = this.options;
    if (!this.engine) {
      try {
        await this.rebuild();
      } catch (error) {
        logger.error({ err: error }, 'engine rebuild failed; refusing the batch');
        for (const job of jobs) job.reject(new TransientError('the house store is unavailable'));
        this.pauseWriteback();
        return;
      }
    }
    const engine = this.engine;
    if (!engine) throw new Error('engine missing after rebuild');
    // The batch numbers its commands and changes after everything applied so far, committed or in flight.
    const base = this.inFlight?.batch ?? { cmdSeq: this.cmdSeq, changeSeq: this.changeSeqValue };
    const batch = new BatchEffects(base.cmdSeq, base.changeSeq, engine.businessDate());
    batch.writeback = {
      defer: (paymentId, cycleId) => this.writeback.defer(paymentId, cycleId),
      supersede: (paymentId) => this.writeback.supersede(paymentId),
      flush: (b) => this.takeWriteback(b, Number.POSITIVE_INFINITY, true),
    };
    const answers: Array<() => void> = [];
    const startedMs = performance.now();
    let positions: BatchPositions;
    const apply = async (taken: readonly BatchJob[]): Promise<void> => {
      for (const job of taken) {
        if (job.kind === 'push') {
          const startMs = job.timing ? performance.now() : 0;
          const outcome = await this.applyPush(engine, batch, job.participantId, job.request);
          if (job.timing) Object.assign(job.timing, { applyStartMs: startMs, appliedMs: performance.now() });
          answers.push(() => job.resolve(outcome));
        } else if (job.kind === 'reference') {
          applyReference(batch, job.job, new Date(this.nowMs()).toISOString());
          answers.push(() => job.resolve());
        } else {
          const deferredBefore = this.writeback.deferredCount;
          const events = this.applyOperator(engine, batch, job.job);
          // A cycle close is answered once its payments' rows say settled, so whoever closed it
          // reads them settled (the write-back follows within a few batches).
          if (this.writeback.deferredCount === deferredBefore) answers.push(() => job.resolve(events));
          else answers.push(() => this.writeback.whenWritten(() => job.resolve(events)));
        }
      }
    };
    try {
      await apply(jobs);
      // While the batch before commits, requests that arrive join this batch and are applied at
      // once, so the engine's work overlaps the commit and this batch is ready when it ends.
      let commands = commandsOfAll(jobs);
      for (let flight = this.inFlight; flight && !flight.finished && commands < MAX_BATCH_COMMANDS; flight = this.inFlight) {
        if (this.queue.length === 0) {
          if ((await this.commitOrArrival(flight)) === 'done') break;
          continue;
        }
        const more = this.takeBatch(MAX_BATCH_COMMANDS - commands);
        if (more.length === 0) break;
        jobs.push(...more);
        commands += commandsOfAll(more);
        this.options.metrics.inputQueueDepth.set(this.queue.length);
        await apply(more);
      }
      // Cycle settlements still to write: what room the batch has left, while the lane keeps up.
      if (this.lane.pendingRows < LANE_MAX_PENDING_ROWS) this.takeWriteback(batch, writebackRoom(commands));
      if (batch.liquidityNotes.length > 0) addLiquidityFeed(batch, engine, engine.businessDate());
      if (batch.meta.has('business_date')) {
        // End of day: the snapshot is part of the day's closing batch (recovery starts the new day
        // from it). The periodic ones are the shadow engine's, once a batch has committed.
        batch.snapshot = { cmdSeq: batch.cmdSeq, state: stringifyWithBigInt(engine.exportState()) };
      }
      positions = [...batch.touchedParticipants].flatMap((id) => {
        const p = engine.participant(id);
        return p ? [{ id: p.id, balanceMinor: p.balanceMinor, netDebitMinor: p.netDebitMinor, netDebitCapMinor: p.netDebitCapMinor }] : [];
      });
    } catch (error) {
      // The batch in flight stands or falls on its own; then this one fails like a failed commit.
      const requeued = await this.settleInFlight();
      await this.failed(jobs, error, requeued);
      return;
    }
    const appliedMs = performance.now();
    const requeued = await this.settleInFlight();
    if (this.engine !== engine) {
      // The batch before failed and the engine was rebuilt without this one's work: it goes
      // back to the queue, behind the failed batch's own retries.
      this.queue.splice(requeued, 0, ...jobs);
      return;
    }
    const commitStartMs = performance.now();
    const done = batch.isEmpty
      ? Promise.resolve(undefined)
      : this.options.store.transaction((tx) => writeBatch(tx, batch, positions)).then(
          () => undefined,
          (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
        );
    const flight: InFlight = { jobs, batch, engine, answers, startedMs, appliedMs, commitStartMs, done, finished: false };
    void done.then(() => (flight.finished = true));
    this.inFlight = flight;
  }

  /**
   * Waits for the batch in flight. Committed: publishes its state and answers its requests.
   * Failed: the engine is rebuilt from the store and its requests retried (or refused); returns
   * how many were put back at the head of the queue.
   */
  private async settleInFlight(): Promise<number> {
    const flight = this.inFlight;
    if (!flight) return 0;
    const error = await flight.done;
    this.inFlight = undefined;
    const { metrics, logger } = this.options;
    if (error !== undefined) return this.failed(flight.jobs, error, 0);
    const commitEndMs = performance.now();
    const { batch, engine, jobs } = flight;
    if (!batch.isEmpty) metrics.commitSeconds.observe((commitEndMs - flight.commitStartMs) / 1000);
    if (this.options.trace) this.traceBatch(flight, commitEndMs);
    // Committed: publish the new state, then answer.
    const every = BigInt(this.options.snapshotEveryCommands ?? SNAPSHOT_EVERY_COMMANDS);
    const snapshotDue = batch.cmdSeq / every !== this.cmdSeq / every && batch.snapshot === undefined;
    this.snapshots.committed(batch, this.cmdSeq, snapshotDue);
    this.cmdSeq = batch.cmdSeq;
    this.changeSeqValue = batch.changeSeq;
    for (const [id, row] of batch.devices) this.devices.set(id, { ...row });
    for (const [id, thread] of batch.threads) this.threads.set(id, thread);
    this.book.commit(batch, this.nowMs(), (id) => engine.payment(id)?.from);
    // Its cycle settlements go to the lane now that what they follow is durable.
    this.lane.write({ rows: batch.laneRows, firstSeq: batch.laneRows[0]?.changeSeq ?? 0, ticket: batch.writebackTicket });
    metrics.settlementWriteback.set(this.settlementsPending);
    if (batch.newPayments.size > 0) this.cycleActivity = true;
    this.paymentsCommitted += batch.newPayments.size;
    metrics.batches.inc({ result: 'committed' });
    for (const [outcome, count] of batch.outcomes) metrics.mutationsApplied.inc({ outcome }, count);
    metrics.batchSize.observe(batch.commandCount);
    metrics.changeSeq.set(this.changeSeqValue);
    this.options.onCommitted?.(batch);
    for (const answer of flight.answers) answer();
    logger.debug({ jobs: jobs.length, commands: batch.commandCount, ms: performance.now() - flight.startedMs }, 'batch committed');
    return 0;
  }

  /**
   * A batch failed (its commit, or applying it): nothing of it is kept. The engine is dropped and
   * rebuilt from the store so memory never runs ahead of disk. If the rebuild works and the batch
   * held several requests, each is retried alone (inserted at `at` in the queue), so a request
   * that trips an engine bug fails alone; otherwise every request gets a TransientError.
   * Returns how many requests were put back.
   */
  private async failed(jobs: readonly BatchJob[], error: unknown, at: number): Promise<number> {
    const { metrics, logger } = this.options;
    metrics.batches.inc({ result: 'failed' });
    logger.error({ err: error, jobs: jobs.length }, 'batch failed; rebuilding the engine from the store');
    this.engine = undefined;
    this.snapshots.discard();
    let rebuilt = false;
    try {
      await this.rebuild();
      rebuilt = true;
    } catch (rebuildError) {
      logger.error({ err: rebuildError }, 'engine rebuild failed; will retry on the next request');
    }
    if (jobs.length === 0) this.pauseWriteback();
    if (rebuilt && jobs.length > 1) {
      // The store is back: the cause may be one request (an engine bug it triggers), so each
      // is retried alone, ahead of newer work, and only the culprit fails.
      this.queue.splice(at, 0, ...jobs.map((job) => ({ ...job, solo: true })));
      return jobs.length;
    }
    for (const job of jobs) job.reject(new TransientError('the batch could not be committed; retry'));
    return 0;
  }

  private traceBatch(flight: InFlight, commitEndMs: number): void {
    const { jobs, batch, startedMs, appliedMs, commitStartMs } = flight;
    const kinds = [...new Set(jobs.map((job) => (job.kind === 'operator' ? job.job.command.type : job.kind)))].join(',');
    const rows = { newPayments: batch.newPayments.size, statusUpdates: batch.statusUpdates.size, laneRows: batch.laneRows.length, feed: batch.feed.length };
    this.options.trace?.batch(batch.commandCount, kinds, rows, appliedMs - startedMs, commitStartMs - appliedMs, commitEndMs - commitStartMs);
    for (const job of jobs) {
      if (job.kind !== 'push' || !job.timing) continue;
      Object.assign(job.timing, { batchStartMs: startedMs, commitStartMs, commitEndMs, batchCommands: batch.commandCount, batchJobs: jobs.length });
    }
  }

  private async applyPush(engine: ClearingEngine, batch: BatchEffects, participantId: string, request: PushRequest): Promise<PushOutcome> {
    const { deviceId, mutations } = request;
    const committed = this.inFlight?.batch.devices.get(deviceId) ?? this.devices.get(deviceId);
    let device = batch.devices.get(deviceId);
    if (!device) {
      device = committed ? { ...committed } : { participantId, lastSeq: 0 };
    }
    if (device.participantId !== participantId) {
      return { status: 403, body: { error: 'device_owned', message: `device ${deviceId} belongs to another participant` } };
    }
    const first = mutations[0];
    if (!first) throw new Error('a push without mutations passed validation');
    if (first.seq > device.lastSeq + 1) {
      return {
        status: 409,
        body: { error: 'gap', lastSeq: device.lastSeq, message: `expected seq ${device.lastSeq + 1}, got ${first.seq}` },
      };
    }
    const replayed = mutations.filter((m) => m.seq <= device.lastSeq);
    const fresh = mutations.filter((m) => m.seq > device.lastSeq);
    const results: PushResult[] = [];
    if (replayed.length > 0) {
      const originals = await loadOriginalResults(this.options.store, deviceId, replayed.map((m) => m.seq), batch);
      for (const m of replayed) {
        const original = originals.get(m.seq);
        if (!original) throw new Error(`device ${deviceId} seq ${m.seq} is below lastSeq but has no recorded result`);
        results.push({ seq: m.seq, id: m.id, status: 'duplicate', original: original.status, ...(original.code ? { code: original.code, message: original.message } : {}) });
      }
    }
    if (fresh.length > 0) {
      batch.devices.set(deviceId, device);
      // A value date is counted in working days on the stored calendar (DESIGN 4.1).
      const datesValue = fresh.some((m) => m.type === 'payment.submit' && m.payload !== null && typeof m.payload === 'object' && 'valueDate' in m.payload);
      const calendar = datesValue ? await readWorkingCalendar(this.options.store) : undefined;
      const messages = await this.messageContext(engine.businessDate(), fresh, batch);
      const applied = applyNewMutations(
        {
          engine,
          batch,
          participantId,
          device,
          businessDate: engine.businessDate(),
          nowMs: this.nowMs(),
          admit: this.admission,
          ...(calendar === undefined ? {} : { calendar }),
          ...(messages === undefined ? {} : { messages }),
        },
        fresh,
        deviceId,
      );
      for (const result of applied) batch.outcomes.set(result.status, (batch.outcomes.get(result.status) ?? 0) + 1);
      results.push(...applied);
    }
    return { status: 200, body: { lastSeq: device.lastSeq, results } };
  }

  /** What message mutations need, loaded before the batch applies them (none: no message mutation). */
  private async messageContext(businessDate: string, fresh: PushRequest['mutations'], batch: BatchEffects): Promise<MessageContext | undefined> {
    const types = new Set(fresh.map((m) => m.type));
    if (!MESSAGE_MUTATION_TYPES.some((type) => types.has(type))) return undefined;
    const calendar = types.has('message.inquire') ? await readWorkingCalendar(this.options.store) : undefined;
    const cutoff = this.interbankCutoff ?? (() => undefined);
    const answered = fresh.filter((m) => m.type === 'message.returnAnswer').flatMap((m) => {
      const thread = batch.threads.get(m.id) ?? this.threads.get(m.id);
      return thread === undefined ? [] : [thread.paymentId];
    });
    return {
      committed: this.threads,
      dueBy: calendar === undefined ? '' : answerDueBy(businessDate, calendar, cutoff),
      details: await loadPaymentDetails(this.options.store, answered),
    };
  }

  private applyOperator(engine: ClearingEngine, batch: BatchEffects, job: OperatorJob): EngineEvent[] {
    const businessDate = engine.businessDate();
    const { stop } = job;
    if (stop !== undefined && (job.command.type === 'stop' || job.command.type === 'release')) {
      const outcome = recordStop(
        { engine, batch, businessDate, nowMs: this.nowMs() },
        this.threads,
        { paymentId: job.command.paymentId, release: job.command.type === 'release', reason: stop.reason, by: undefined, actor: stop.actor, operator: stop.operator },
      );
      this.options.metrics.commandsApplied.inc({ type: job.command.type });
      return outcome.ok ? [{ type: job.command.type === 'stop' ? 'stopped' : 'released', paymentId: job.command.paymentId }] : [{ type: 'refused', command: job.command.type, paymentId: job.command.paymentId, reason: outcome.code as never }];
    }
    const events = engine.apply(job.command);
    if (job.journalOnlyIfEvents === true && events.length === 0) return events;
    const cmdSeq = batch.nextCmdSeq();
    batch.journal.push({ cmdSeq, command: job.command });
    if (job.participantRow) {
      const added = events.some((e) => e.type === 'participantAdded');
      if (added) {
        batch.newParticipants.push(job.participantRow);
        batch.addFeed(null, 'participant', { id: job.participantRow.id, name: job.participantRow.name, bankCode: job.participantRow.bankCode, active: true });
      }
    }
    applyEvents(batch, events, businessDate);
    if (job.audit) batch.audit.push({ ...job.audit, at: new Date(this.nowMs()).toISOString(), detail: { ...job.audit.detail, ...auditOutcome(events) } });
    this.options.metrics.commandsApplied.inc({ type: job.command.type });
    return events;
  }

  /** Loads the committed engine state and the counters from the store. */
  private async rebuild(): Promise<void> {
    const recovered = await recoverEngine(this.options.store, this.options.factory, this.options.initialBusinessDate, this.options.logger);
    this.engine = recovered.engine;
    this.cmdSeq = recovered.cmdSeq;
    this.snapshots.seed(recovered.engine, recovered.cmdSeq);
    this.changeSeqValue = recovered.changeSeq;
    this.devices = recovered.devices;
    this.writeback.reset(await readUnwrittenSettlements(this.options.store, recovered.engine));
    this.options.metrics.settlementWriteback.set(this.settlementsPending);
    this.threads = await loadThreads(this.options.store);
    this.book = await QueueBook.load(this.options.store);
    this.options.metrics.changeSeq.set(this.changeSeqValue);
  }
}
