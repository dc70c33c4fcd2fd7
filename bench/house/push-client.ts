// The HTTP client of bench/house.bench.ts, run as its own process so the house's process CPU
// is the house's alone (the client's JSON building, fetch and answer parsing cost as much again).
// Protocol on stdio: it builds every push body, prints `ready`, waits for a line on stdin, pushes
// from DEVICES devices at once (one push in flight each), then prints one JSON line:
// { accepted, ms, cpuMs }.
import { createInterface } from 'node:readline';
import { formatAmount } from '../../app/shared/money/format';

const url = process.env.PUSH_URL ?? '';
const token = process.env.PUSH_TOKEN ?? '';
const PAYMENTS = Number(process.env.PUSH_PAYMENTS);
const DEVICES = Number(process.env.PUSH_DEVICES);
const PUSH_SIZE = Number(process.env.PUSH_SIZE);

function payload(i: number) {
  return {
    id: `BENCH-${i}`,
    kind: 'hvps',
    priority: 2,
    to: 'B',
    amount: formatAmount(BigInt(100 + (i % 100_000)), 'CNY'),
    currency: 'CNY',
    debtor: { name: '汉口商贸有限公司', account: `62220200${String(i % 1e8).padStart(8, '0')}` },
    creditor: { name: '武昌医药有限公司', account: '6222020000000002' },
    purpose: '货款',
  };
}

const bodies: string[][] = Array.from({ length: DEVICES }, () => []);
const perDevice = Math.ceil(PAYMENTS / DEVICES);
for (let d = 0; d < DEVICES; d += 1) {
  for (let start = 0; start < perDevice; start += PUSH_SIZE) {
    const mutations = [];
    for (let k = start; k < Math.min(start + PUSH_SIZE, perDevice); k += 1) {
      const i = d * perDevice + k;
      if (i >= PAYMENTS) break;
      mutations.push({ seq: k + 1, id: `BENCH-${i}`, type: 'payment.submit', payload: payload(i) });
    }
    if (mutations.length > 0) bodies[d]?.push(JSON.stringify({ protocolVersion: 1, deviceId: `bench-${d}`, mutations }));
  }
}

const lines = createInterface({ input: process.stdin });
process.stdout.write('ready\n');
await new Promise<void>((resolve) => lines.once('line', () => resolve()));
lines.close();

const cpu0 = process.cpuUsage();
const t0 = performance.now();
let accepted = 0;
await Promise.all(
  bodies.map(async (list) => {
    for (const body of list) {
      const response = await fetch(`${url}/v1/sync/push`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body,
      });
      if (response.status !== 200) throw new Error(`push answered ${response.status}: ${await response.text()}`);
      const answer = (await response.json()) as { results: Array<{ status: string }> };
      accepted += answer.results.filter((r) => r.status === 'accepted').length;
    }
  }),
);
const ms = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
process.stdout.write(`${JSON.stringify({ accepted, ms, cpuMs: (cpu.user + cpu.system) / 1000 })}\n`);
