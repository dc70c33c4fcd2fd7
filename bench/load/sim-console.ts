import { LatencyRecorder } from './percentiles';
import type { ClientPush } from './trace-report';
import { HttpLane } from './http-lane';
import { pushBodyJson, submitMutationJson } from './push-body';

/** Statuses after which a payment changes no more during the day. */
const FINAL = new Set(['settled', 'rejected', 'cancelled', 'returned', 'expired']);
const PULL_PAGE = 1000;
const RETRY_MS = 200;

export interface LoadRecorders {
  /** HTTP push sent -> its answer, per payment. */
  pushToAck: LatencyRecorder;
  /** The payment's due time (the open-loop schedule) -> its answer: includes the console's wait for the push in flight. */
  dueToAck: LatencyRecorder;
  /** Due time -> the final status seen by the sending console's pull, HVPS and BEPS apart. */
  finalHvps: LatencyRecorder;
  finalBeps: LatencyRecorder;
  /** Every answered push (device, first seq, size, ms), joined later with the house's trace. */
  pushes: ClientPush[];
}

export interface LoadCounters {
  accepted: number;
  rejected: number;
  duplicates: number;
  /** Non-200 answers and network errors; each push is retried with the same seqs. */
  pushErrors: number;
  pullErrors: number;
  pulls: number;
  pushes: number;
  finalSettled: number;
  finalOther: number;
  inboundSettled: number;
  firstError: string | undefined;
}

/** Fresh recorders and counters for one thread's consoles (or the merge of several). */
export function emptyRecorders(): LoadRecorders {
  return { pushToAck: new LatencyRecorder(), dueToAck: new LatencyRecorder(), finalHvps: new LatencyRecorder(), finalBeps: new LatencyRecorder(), pushes: [] };
}

export function emptyCounters(): LoadCounters {
  return { accepted: 0, rejected: 0, duplicates: 0, pushErrors: 0, pullErrors: 0, pulls: 0, pushes: 0, finalSettled: 0, finalOther: 0, inboundSettled: 0, firstError: undefined };
}

interface Pending {
  seq: number;
  id: string;
  dueMs: number;
  hvps: boolean;
  body: string;
}

/**
 * One branch's console as the house sees it: one device, an outbox numbered 1, 2, 3, ... and
 * one push in flight at a time (up to `pushBatch` mutations, sent as soon as something waits),
 * and a pull of its own feed every `pullMs`, page after page. Every push answer and every final
 * status is timed against the payment's due time.
 *
 * Pushes and pulls each keep one keep-alive connection (http-lane.ts): the real console pushes
 * and then pulls on one, but here they run side by side so a push never waits behind a pull of
 * 1,000 changes and push-to-ack stays the house's time for that push.
 */
export class SimConsole {
  private readonly outbox: Pending[] = [];
  private readonly awaitingFinal = new Map<string, { dueMs: number; hvps: boolean }>();
  /** Final statuses a pull saw before the push answer that admitted the payment was read. */
  private readonly finalBeforeAck = new Map<string, { status: string; atMs: number }>();
  private nextSeq = 1;
  private pushing = false;
  private cursor = '';
  private pullTimer: NodeJS.Timeout | undefined;
  private pulling: Promise<void> = Promise.resolve();
  private stopped = false;
  private readonly pushLane: HttpLane;
  private readonly pullLane: HttpLane;
  /** Payments this console saw acknowledged as accepted. */
  acknowledged = 0;
  /** Called after each push answer is counted (a generator thread publishes its progress from it). */
  onAnswered: (() => void) | undefined;

  constructor(
    readonly participantId: string,
    token: string,
    url: string,
    private readonly pushBatch: number,
    private readonly recorders: LoadRecorders,
    private readonly counters: LoadCounters,
  ) {
    this.pushLane = new HttpLane(url, `Bearer ${token}`);
    this.pullLane = new HttpLane(url, `Bearer ${token}`);
  }

  get deviceId(): string {
    return `load-${this.participantId}`;
  }

  get waitingForFinal(): number {
    return this.awaitingFinal.size;
  }

  get outboxLength(): number {
    return this.outbox.length;
  }

  /** A clerk verified a payment: it joins the outbox at the next seq and a push starts if none is in flight. */
  submit(index: number, to: string, amountMinor: bigint, hvps: boolean, dueMs: number): void {
    const seq = this.nextSeq;
    this.nextSeq += 1;
    const id = `L${this.participantId}-${index}`;
    this.outbox.push({ seq, id, dueMs, hvps, body: submitMutationJson({ seq, id, index, to, amountMinor, hvps }) });
    if (!this.pushing) void this.pushLoop();
  }

  private async pushLoop(): Promise<void> {
    this.pushing = true;
    try {
      while (this.outbox.length > 0 && !this.stopped) {
        const count = Math.min(this.pushBatch, this.outbox.length);
        const body = pushBodyJson(this.deviceId, this.outbox, 0, count);
        const batch = this.outbox.slice(0, count);
        let answer: { lastSeq: number; results: Array<{ seq: number; status: string; code?: string; original?: string }> };
        let sentMs: number;
        let ackMs: number;
        try {
          this.counters.pushes += 1;
          const response = await this.pushLane.post('/v1/sync/push', body);
          ({ sentMs, readMs: ackMs } = response);
          if (response.status !== 200) throw new Error(`push answered ${response.status}: ${response.body.slice(0, 200)}`);
          answer = JSON.parse(response.body) as typeof answer;
        } catch (error) {
          this.counters.pushErrors += 1;
          this.counters.firstError ??= `${this.participantId}: ${String(error)}`;
          await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
          continue;
        }
        this.recorders.pushes.push({ device: this.deviceId, seq: batch[0]?.seq ?? 0, n: batch.length, ms: ackMs - sentMs });
        this.outbox.splice(0, batch.length);
        for (let k = 0; k < batch.length; k += 1) {
          const sent = batch[k];
          const result = answer.results[k];
          if (!sent || !result || result.seq !== sent.seq) throw new Error(`${this.participantId}: answer out of step at seq ${sent?.seq}`);
          this.recorders.pushToAck.add(ackMs - sentMs);
          this.recorders.dueToAck.add(ackMs - sent.dueMs);
          const outcome = result.status === 'duplicate' ? result.original : result.status;
          if (result.status === 'duplicate') this.counters.duplicates += 1;
          if (outcome === 'accepted') {
            this.counters.accepted += 1;
            this.acknowledged += 1;
            const early = this.finalBeforeAck.get(sent.id);
            if (early) {
              this.finalBeforeAck.delete(sent.id);
              this.recordFinal(sent.id, { dueMs: sent.dueMs, hvps: sent.hvps }, early.status, early.atMs);
            } else {
              this.awaitingFinal.set(sent.id, { dueMs: sent.dueMs, hvps: sent.hvps });
            }
          } else {
            this.counters.rejected += 1;
            this.counters.firstError ??= `${sent.id} rejected: ${result.code ?? '?'}`;
          }
        }
        this.onAnswered?.();
      }
    } finally {
      this.pushing = false;
    }
  }

  startPulling(pullMs: number): void {
    const tick = (): void => {
      if (this.stopped) return;
      void this.pullAll().finally(() => {
        if (!this.stopped) this.pullTimer = setTimeout(tick, pullMs);
      });
    };
    this.pullTimer = setTimeout(tick, Math.random() * pullMs);
  }

  /** Pulls until the feed has no more; one pull at a time per console (the timer's and the drain's share the cursor). */
  pullAll(): Promise<void> {
    this.pulling = this.pulling.then(() => this.pullPages());
    return this.pulling;
  }

  private async pullPages(): Promise<void> {
    for (;;) {
      let readMs: number;
      let page: { cursor: string; hasMore?: boolean; resync?: boolean; changes?: Array<{ type: string; data: { id?: string; status?: string } }> };
      try {
        this.counters.pulls += 1;
        const response = await this.pullLane.get(`/v1/sync/pull?cursor=${encodeURIComponent(this.cursor)}&limit=${PULL_PAGE}`);
        if (response.status !== 200) throw new Error(`pull answered ${response.status}: ${response.body.slice(0, 200)}`);
        page = JSON.parse(response.body) as typeof page;
        readMs = response.readMs;
      } catch (error) {
        this.counters.pullErrors += 1;
        this.counters.firstError ??= `${this.participantId}: ${String(error)}`;
        return;
      }
      if (page.resync) throw new Error(`${this.participantId}: the house asked for a resync`);
      // Finals are timed when the page was read, not after this thread parsed it.
      const nowMs = readMs;
      for (const change of page.changes ?? []) {
        const { id, status } = change.data;
        if (id === undefined || status === undefined || !FINAL.has(status)) continue;
        if (change.type === 'payment.inbound') {
          if (status === 'settled') this.counters.inboundSettled += 1;
          continue;
        }
        if (change.type !== 'payment.status') continue;
        const waiting = this.awaitingFinal.get(id);
        if (!waiting) {
          // The pull raced the push answer (both follow the same commit): timed once the answer is read.
          this.finalBeforeAck.set(id, { status, atMs: nowMs });
          continue;
        }
        this.awaitingFinal.delete(id);
        this.recordFinal(id, waiting, status, nowMs);
      }
      this.cursor = page.cursor;
      if (!page.hasMore) return;
    }
  }

  private recordFinal(id: string, payment: { dueMs: number; hvps: boolean }, status: string, atMs: number): void {
    (payment.hvps ? this.recorders.finalHvps : this.recorders.finalBeps).add(atMs - payment.dueMs);
    if (status === 'settled') this.counters.finalSettled += 1;
    else {
      this.counters.finalOther += 1;
      this.counters.firstError ??= `${id} ended ${status}`;
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.pullTimer) clearTimeout(this.pullTimer);
    await this.pulling;
    this.pushLane.close();
    this.pullLane.close();
  }
}
