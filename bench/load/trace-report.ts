import { readFileSync } from 'node:fs';

/** One push as the generator timed it (HTTP sent -> answer read), to join with the house's record of it. */
export interface ClientPush {
  device: string;
  seq: number;
  n: number;
  ms: number;
}

interface HousePush {
  device: string;
  seq: number;
  n: number;
  batch: number;
  jobs: number;
  check: number;
  wait: number;
  engine: number;
  untilCommit: number;
  commit: number;
  answer: number;
  total: number;
  status: number;
}

interface HouseSecond {
  at: number;
  eldP99: number;
  eldMax: number;
  gcMs: number;
  gcMaxMs: number;
  batches: number;
  batchCommandsMax: number;
  commitMsMax: number;
  rssMiB: number;
  heapUsedMiB: number;
}

const PARTS = ['check', 'wait', 'engine', 'untilCommit', 'commit', 'answer', 'houseTotal', 'outsideHouse'] as const;
type Part = (typeof PARTS)[number];
type Joined = Record<Part, number> & { n: number; clientMs: number; batch: number };

const r1 = (x: number | undefined): number | null => (x === undefined || Number.isNaN(x) ? null : Math.round(x * 10) / 10);

/** The value at quantile q when each item counts `weight` times (a push of 500 payments is 500 latencies). */
function weightedQuantile(items: ReadonlyArray<{ value: number; weight: number }>, q: number): number | undefined {
  const sorted = [...items].sort((a, b) => a.value - b.value);
  const total = sorted.reduce((s, x) => s + x.weight, 0);
  let seen = 0;
  for (const item of sorted) {
    seen += item.weight;
    if (seen >= q * total) return item.value;
  }
  return sorted[sorted.length - 1]?.value;
}

const median = (values: number[]): number | undefined => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * Where the push-to-ack time went: each push the generator timed, joined by (device, first seq)
 * with the house's record of it (load-trace.ts), split into the house's parts (check: body read,
 * parsed and checked; wait: queued until the engine applies it; engine: its own mutations;
 * untilCommit: the rest of its batch applied and the commit before it ended (pipelining);
 * commit; answer: after
 * COMMIT until the answer was written) and what was outside the house (network, the generator's
 * own event loop). Per payment at p50/p99, and the median parts of the pushes at or past the p99.
 */
export function traceReport(file: string, client: readonly ClientPush[]): Record<string, unknown> {
  const lines = readFileSync(file, 'utf8').split('\n').filter((l) => l.length > 0).map((l) => JSON.parse(l) as { k: string });
  const housePushes = new Map<string, HousePush>();
  const seconds: HouseSecond[] = [];
  for (const line of lines) {
    if (line.k === 'push') {
      const p = line as unknown as HousePush;
      housePushes.set(`${p.device}#${p.seq}`, p);
    } else if (line.k === 'second') seconds.push(line as unknown as HouseSecond);
  }
  const joined: Joined[] = [];
  for (const c of client) {
    const h = housePushes.get(`${c.device}#${c.seq}`);
    if (!h || h.status !== 200) continue;
    joined.push({
      n: c.n,
      clientMs: c.ms,
      batch: h.batch,
      check: h.check,
      wait: h.wait,
      engine: h.engine,
      untilCommit: h.untilCommit,
      commit: h.commit,
      answer: h.answer,
      houseTotal: h.total,
      outsideHouse: c.ms - h.total,
    });
  }
  const perPayment: Record<string, { p50: number | null; p99: number | null }> = {};
  for (const part of [...PARTS, 'clientMs', 'batch'] as const) {
    const items = joined.map((j) => ({ value: j[part], weight: j.n }));
    perPayment[part] = { p50: r1(weightedQuantile(items, 0.5)), p99: r1(weightedQuantile(items, 0.99)) };
  }
  const p99 = weightedQuantile(joined.map((j) => ({ value: j.clientMs, weight: j.n })), 0.99) ?? Infinity;
  const tail = joined.filter((j) => j.clientMs >= p99);
  const tailParts: Record<string, number | null> = { pushes: tail.length };
  for (const part of [...PARTS, 'clientMs', 'batch', 'n'] as const) tailParts[part] = r1(median(tail.map((j) => j[part])));
  const worst = (key: keyof HouseSecond): number => Math.max(0, ...seconds.map((s) => s[key]));
  return {
    pushesJoined: joined.length,
    pushesTimedByClient: client.length,
    perPaymentMs: perPayment,
    tailPushesMedianMs: tailParts,
    house: {
      eventLoopDelayMaxMs: worst('eldMax'),
      eventLoopDelayP99WorstSecondMs: worst('eldP99'),
      gcMsTotal: Math.round(seconds.reduce((s, x) => s + x.gcMs, 0)),
      gcPauseMaxMs: worst('gcMaxMs'),
      commitMsMax: worst('commitMsMax'),
      batchCommandsMax: worst('batchCommandsMax'),
      heapUsedMiBMax: worst('heapUsedMiB'),
      rssMiBMax: worst('rssMiB'),
    },
  };
}
