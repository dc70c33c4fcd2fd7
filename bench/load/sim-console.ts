import { formatAmount } from '../../app/shared/money/format';
import type { LatencyRecorder } from './percentiles';
import type { ClientPush } from './trace-report';

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
  /** Payments this console saw acknowledged as accepted. */
  acknowledged = 0;

  constructor(
    readonly participantId: string,
    private readonly token: string,
    private readonly url: string,
    private readonly pushBatch: number,
    private readonly recorders: LoadRecorders,
    private readonly counters: LoadCounters,
  ) {}

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
    const payload = {
      id,
      kind: hvps ? 'hvps' : 'beps',
      priority: 2,
      to,
      amount: formatAmount(amountMinor, 'CNY'),
      currency: 'CNY',
      debtor: { name: '汉口商贸有限公司', account: `62220200${String(index % 1e8).padStart(8, '0')}` },
      creditor: { name: '武昌医药有限公司', account: '6222020000000002' },
      purpose: '货款',
    };
    this.outbox.push({ seq, id, dueMs, hvps, body: JSON.stringify({ seq, id, type: 'payment.submit', payload }) });
    if (!this.pushing) void this.pushLoop();
  }

  private async pushLoop(): Promise<void> {
    this.pushing = true;
    try {
      while (this.outbox.length > 0 && !this.stopped) {
        const batch = this.outbox.slice(0, this.pushBatch);
        const body = `{"protocolVersion":1,"deviceId":"${this.deviceId}","mutations":[${batch.map((p) => p.body).join(',')}]}`;
        const sentMs = performance.now();
        let answer: { lastSeq: number; results: Array<{ seq: number; status: string; code?: string; original?: string }> };
        try {
          this.counters.pushes += 1;
          const response = await fetch(`${this.url}/v1/sync/push`, {
            method: 'POST',
            headers: { authorization: `Bearer ${this.token}`, 'content-type': 'application/json' },
            body,
          });
          const text = await response.text();
          if (response.status !== 200) throw new Error(`push answered ${response.status}: ${text.slice(0, 200)}`);
          answer = JSON.parse(text) as typeof answer;
        } catch (error) {
          this.counters.pushErrors += 1;
          this.counters.firstError ??= `${this.participantId}: ${String(error)}`;
          await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
          continue;
        }
        const ackMs = performance.now();
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
      let page: { cursor: string; hasMore?: boolean; resync?: boolean; changes?: Array<{ type: string; data: { id?: string; status?: string } }> };
      try {
        this.counters.pulls += 1;
        const response = await fetch(`${this.url}/v1/sync/pull?cursor=${encodeURIComponent(this.cursor)}&limit=${PULL_PAGE}`, {
          headers: { authorization: `Bearer ${this.token}` },
        });
        const text = await response.text();
        if (response.status !== 200) throw new Error(`pull answered ${response.status}: ${text.slice(0, 200)}`);
        page = JSON.parse(text) as typeof page;
      } catch (error) {
        this.counters.pullErrors += 1;
        this.counters.firstError ??= `${this.participantId}: ${String(error)}`;
        return;
      }
      if (page.resync) throw new Error(`${this.participantId}: the house asked for a resync`);
      const nowMs = performance.now();
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
  }
}
