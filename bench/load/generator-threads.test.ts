import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GeneratorThreads, mergeThreadResults, type ThreadResult } from './generator-threads';
import { DaySchedule } from './day-schedule';

/**
 * A stand-in for the house: accepts every pushed payment, and its feed shows each payment
 * settled, to the sender (payment.status) and the receiver (payment.inbound).
 */
function fakeHouse(): { server: Server; received: Map<string, { from: string; to: string; amount: string; kind: string }> } {
  const received = new Map<string, { from: string; to: string; amount: string; kind: string }>();
  const feed: Array<{ seq: number; who: string; type: string; id: string }> = [];
  const server = createServer((req, res) => {
    const who = (req.headers.authorization ?? '').replace(/^Bearer tok-/, '');
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.method === 'POST' && req.url === '/v1/sync/push') {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
          deviceId: string;
          mutations: Array<{ seq: number; id: string; payload: { to: string; amount: string; kind: string } }>;
        };
        expect(body.deviceId).toBe(`load-${who}`);
        const results = body.mutations.map((m) => {
          received.set(m.id, { from: who, to: m.payload.to, amount: m.payload.amount, kind: m.payload.kind });
          feed.push({ seq: feed.length + 1, who, type: 'payment.status', id: m.id });
          feed.push({ seq: feed.length + 1, who: m.payload.to, type: 'payment.inbound', id: m.id });
          return { seq: m.seq, id: m.id, status: 'accepted' };
        });
        res.end(JSON.stringify({ lastSeq: body.mutations.at(-1)?.seq ?? 0, results }));
        return;
      }
      const url = new URL(req.url ?? '/', 'http://x');
      const after = Number(url.searchParams.get('cursor') || '0');
      const limit = Number(url.searchParams.get('limit'));
      const mine = feed.filter((f) => f.seq > after && f.who === who);
      const page = mine.slice(0, limit);
      res.end(
        JSON.stringify({
          cursor: String(page.at(-1)?.seq ?? after),
          hasMore: mine.length > limit,
          changes: page.map((f) => ({ seq: f.seq, type: f.type, data: { id: f.id, status: 'settled' } })),
        }),
      );
    });
  });
  return { server, received };
}

describe('GeneratorThreads', () => {
  const house = fakeHouse();
  let url = '';
  beforeAll(async () => {
    await new Promise<void>((resolve) => house.server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(house.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    house.server.closeAllConnections();
    await new Promise<void>((resolve) => house.server.close(() => resolve()));
  });

  it('offers the seeded day over two threads, every payment once, and merges their counts and timings', async () => {
    const ids = ['B001', 'B002', 'B003', 'B004', 'B005'];
    const failures: Error[] = [];
    const payments = 600;
    const threads = await GeneratorThreads.start(
      { url, ids, tokens: ids.map((id) => `tok-${id}`), threads: 2, pushBatch: 50, pullMs: 100, payments, rate: 3_000, hvpsShare: 0.25 },
      (error) => failures.push(error),
    );
    const t0 = performance.now() + 20;
    await threads.offer(t0);
    while (threads.answered < payments) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(threads.outbox).toBe(0);
    await threads.trafficEnd();
    for (;;) {
      const seen = await threads.drain();
      if (seen.waiting === 0 && seen.inboundSettled >= seen.accepted) break;
    }
    const { recorders, counters, offeredEndMs, eventLoopDelayMs } = await threads.finish();
    expect(failures).toEqual([]);
    expect(counters).toMatchObject({ accepted: payments, rejected: 0, pushErrors: 0, pullErrors: 0, finalSettled: payments, inboundSettled: payments });
    expect(recorders.pushToAck.size).toBe(payments);
    expect(recorders.dueToAck.size).toBe(payments);
    expect(recorders.finalHvps.size + recorders.finalBeps.size).toBe(payments);
    expect(recorders.pushes.reduce((n, p) => n + p.n, 0)).toBe(payments);
    expect(offeredEndMs).toBeGreaterThanOrEqual(t0 + ((payments - 1) * 1000) / 3_000 - 1);
    expect(eventLoopDelayMs.perThread).toHaveLength(2);
    // The house got exactly the seeded day: payment k of console k mod 5, its k-th payment.
    const schedule = new DaySchedule(ids.length, 0.25);
    expect(house.received.size).toBe(payments);
    for (let k = 0; k < payments; k += 1) {
      const p = schedule.draw(k);
      const got = house.received.get(`L${ids[p.from]}-${Math.floor(k / ids.length)}`);
      expect(got).toMatchObject({ from: ids[p.from], to: ids[p.to], kind: p.hvps ? 'hvps' : 'beps' });
    }
  });

  it('refuses more threads than consoles', async () => {
    const ids = ['B001', 'B002'];
    await expect(
      GeneratorThreads.start({ url, ids, tokens: ids, threads: 3, pushBatch: 1, pullMs: 100, payments: 100, rate: 100, hvpsShare: 0 }, () => undefined),
    ).rejects.toThrow(/3 generator threads for 2 consoles/);
  });
});

describe('mergeThreadResults', () => {
  const result = (accepted: number, values: number[], firstError: string | undefined, eld: number): ThreadResult => ({
    counters: { accepted, rejected: 1, duplicates: 0, pushErrors: 0, pullErrors: 2, pulls: 3, pushes: 4, finalSettled: accepted, finalOther: 0, inboundSettled: accepted, firstError },
    pushToAck: Float64Array.from(values),
    dueToAck: Float64Array.from(values),
    finalHvps: Float64Array.from([1]),
    finalBeps: new Float64Array(0),
    pushes: [{ device: `d${accepted}`, seq: 1, n: values.length, ms: 1 }],
    offeredEndEpochMs: performance.timeOrigin + 1_000 + accepted,
    eventLoopDelayMs: { p50: 5 + eld, p99: 10 + eld, max: 20 + eld },
  });

  it('sums the counts, joins the timings, keeps the first error and the worst delay', () => {
    const merged = mergeThreadResults([result(10, [1, 2, 3], undefined, 0), result(20, [4, 5], 'B002: boom', 3)]);
    expect(merged.counters).toEqual({
      accepted: 30, rejected: 2, duplicates: 0, pushErrors: 0, pullErrors: 4, pulls: 6, pushes: 8, finalSettled: 30, finalOther: 0, inboundSettled: 30, firstError: 'B002: boom',
    });
    expect(merged.recorders.pushToAck.summary()).toMatchObject({ count: 5, p50: 3, max: 5 });
    expect(merged.recorders.finalHvps.size).toBe(2);
    expect(merged.recorders.pushes.map((p) => p.device)).toEqual(['d10', 'd20']);
    expect(merged.offeredEndMs).toBeCloseTo(1_020, 3);
    expect(merged.eventLoopDelayMs).toMatchObject({ p50: 8, p99: 13, max: 23 });
  });
});
