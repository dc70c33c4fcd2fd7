// One generator thread of bench/load.bench.ts: some of the simulated consoles, their share of
// the open-loop schedule, and their timings. Started by generator-threads.ts; talks to it by
// messages (start, trafficEnd, drain, finish) and publishes its progress in shared memory.
import { parentPort, workerData } from 'node:worker_threads';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { SimConsole, emptyCounters, emptyRecorders } from './sim-console';
import { DaySchedule } from './day-schedule';
import { PROGRESS_ANSWERED, PROGRESS_SLOTS, PROGRESS_SUBMITTED, type ThreadInit, type ThreadMessage, type ThreadReply, type ThreadResult } from './generator-threads';

const init = workerData as ThreadInit;
const port = parentPort;
if (!port) throw new Error('consoles-thread.ts runs as a worker thread');

const progress = new Int32Array(init.progress, init.slot * PROGRESS_SLOTS * 4, PROGRESS_SLOTS);
const recorders = emptyRecorders();
const counters = emptyCounters();
/** This thread's event-loop delay over the traffic: a stalled loop reads answers late and inflates push-to-ack. */
const delay = monitorEventLoopDelay({ resolution: 5 });

/** Console index -> its SimConsole, for this thread's consoles only. */
const consoles = new Map<number, SimConsole>();
const publishAnswered = (): void => {
  Atomics.store(progress, PROGRESS_ANSWERED, counters.accepted + counters.rejected);
};
for (const index of init.own) {
  const id = init.ids[index];
  const token = init.tokens[index];
  if (id === undefined || token === undefined) throw new Error(`no participant for console ${index}`);
  const c = new SimConsole(id, token, init.url, init.pushBatch, recorders, counters);
  c.onAnswered = publishAnswered;
  consoles.set(index, c);
  c.startPulling(init.pullMs);
}
let offeredEndEpochMs = 0;

/** Payment k is due at t0 + k / rate on this thread's clock, whatever the house does (open loop). */
function offer(t0: number): void {
  const schedule = new DaySchedule(init.ids.length, init.hvpsShare);
  const owned = new Set(init.own);
  let next = 0;
  let submitted = 0;
  const tick = (): void => {
    const due = Math.min(init.payments, Math.floor(((performance.now() - t0) * init.rate) / 1000));
    for (; next < due; next += 1) {
      const from = schedule.senderOf(next);
      if (!owned.has(from)) {
        schedule.skip(next);
        continue;
      }
      const p = schedule.draw(next);
      consoles.get(from)?.submit(Math.floor(next / init.ids.length), init.ids[p.to] ?? '', p.amountMinor, p.hvps, t0 + (next * 1000) / init.rate);
      submitted += 1;
    }
    Atomics.store(progress, PROGRESS_SUBMITTED, submitted);
    if (next >= init.payments) {
      offeredEndEpochMs = performance.timeOrigin + performance.now();
      return;
    }
    setTimeout(tick, 1);
  };
  setTimeout(tick, Math.max(0, t0 - performance.now()));
}

async function answer(message: ThreadMessage): Promise<ThreadReply> {
  switch (message.type) {
    case 'start':
      delay.enable();
      // Epoch time crosses threads; each thread's performance.now() has its own origin.
      offer(message.t0EpochMs - performance.timeOrigin);
      return { type: 'started' };
    case 'trafficEnd':
      delay.disable();
      return { type: 'trafficEnded' };
    case 'drain': {
      await Promise.all([...consoles.values()].map((c) => c.pullAll()));
      let waiting = 0;
      for (const c of consoles.values()) waiting += c.waitingForFinal;
      return { type: 'drained', waiting, inboundSettled: counters.inboundSettled, accepted: counters.accepted };
    }
    case 'finish': {
      for (const c of consoles.values()) await c.stop();
      const result: ThreadResult = {
        counters: { ...counters },
        pushToAck: recorders.pushToAck.snapshot(),
        dueToAck: recorders.dueToAck.snapshot(),
        finalHvps: recorders.finalHvps.snapshot(),
        finalBeps: recorders.finalBeps.snapshot(),
        pushes: recorders.pushes,
        offeredEndEpochMs,
        eventLoopDelayMs: {
          p50: Math.round(delay.percentile(50) / 1e5) / 10,
          p99: Math.round(delay.percentile(99) / 1e5) / 10,
          max: Math.round(delay.max / 1e5) / 10,
        },
      };
      return { type: 'finished', result };
    }
  }
}

port.on('message', (message: ThreadMessage) => {
  void answer(message).then((reply) => {
    if (reply.type === 'finished') {
      const r = reply.result;
      port.postMessage(reply, [r.pushToAck.buffer, r.dueToAck.buffer, r.finalHvps.buffer, r.finalBeps.buffer] as ArrayBuffer[]);
    } else port.postMessage(reply);
  });
});
port.postMessage({ type: 'ready' } satisfies ThreadReply);
