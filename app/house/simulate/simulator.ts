import type { Logger } from 'pino';
import { PROTOCOL_VERSION, type PushRequest } from '../../shared/contract/sync-protocol';
import { formatAmount } from '../../shared/money/format';
import type { EngineHost } from '../engine/engine-host';
import type { HouseStore } from '../store/sql-client';
import { toSafeNumber } from '../store/sql-client';
import { readAccounts } from '../store/participant-queries';

export interface SimulatorOptions {
  /** Payments per second over all simulated banks. Bounded by MAX_RATE_PER_SECOND. */
  ratePerSecond?: number;
  /** Participants the simulator never sends from (the ones real consoles drive); they still receive. */
  exclude?: string[];
  /** Deterministic runs in tests. */
  random?: () => number;
}

/** The simulator is demo traffic, not a load generator: its rate is capped. */
export const MAX_RATE_PER_SECOND = 200;
const DEFAULT_RATE_PER_SECOND = 5;
const TICK_MS = 250;

const NAMES = ['武汉钢铁有限公司', '湖北省电力公司', '汉口商贸有限公司', '江汉建设集团', '武昌医药有限公司', '东湖科技有限公司', '张伟', '王芳', '李娜', '刘洋'];
const PURPOSES = ['货款', '工程款', '工资', '服务费', '租金', '往来款'];

/**
 * Realistic traffic among the simulated banks: mostly BEPS customer transfers of modest size,
 * some HVPS, amounts skewed small, from each bank's own device `sim-<id>` through the same
 * engine host (and so the same journal and feed) as the consoles' pushes. In-process: it opens
 * no port and talks to nothing beyond this process.
 */
export async function startSimulator(host: EngineHost, store: HouseStore, logger: Logger, options: SimulatorOptions): Promise<() => Promise<void>> {
  const random = options.random ?? Math.random;
  const rate = Math.min(Math.max(options.ratePerSecond ?? DEFAULT_RATE_PER_SECOND, 0), MAX_RATE_PER_SECOND);
  const exclude = new Set(options.exclude ?? []);
  const everyone = (await readAccounts(store)).filter((p) => p.active).map((p) => p.id);
  const senders = everyone.filter((id) => !exclude.has(id));
  if (senders.length === 0 || everyone.length < 2 || rate === 0) {
    logger.warn({ senders: senders.length }, 'simulator has nobody to simulate');
    return async () => undefined;
  }
  const seqs = new Map<string, number>();
  for (const id of senders) {
    const { rows } = await store.query<{ last_seq: unknown }>('SELECT last_seq FROM devices WHERE device_id = $1', [`sim-${id}`]);
    seqs.set(id, rows[0] ? toSafeNumber(rows[0].last_seq) : 0);
  }
  const pick = <T>(items: readonly T[]): T => {
    const item = items[Math.floor(random() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  };
  const account = (): string => String(6222020000000000000n + BigInt(Math.floor(random() * 1e12)));
  let carry = 0;
  let inFlight: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const tick = (): void => {
    carry += (rate * TICK_MS) / 1000;
    const count = Math.floor(carry);
    carry -= count;
    const bySender = new Map<string, PushRequest['mutations']>();
    for (let i = 0; i < count; i += 1) {
      const from = pick(senders);
      const to = pick(everyone.filter((id) => id !== from));
      const seq = (seqs.get(from) ?? 0) + 1;
      seqs.set(from, seq);
      const hvps = random() < 0.25;
      // Log-uniform amounts: many small transfers, a few large ones.
      const amountMinor = BigInt(Math.floor(10 ** (4 + random() * (hvps ? 5 : 2.6))));
      const id = `SIM-${from}-${seq}`;
      const mutations = bySender.get(from) ?? [];
      mutations.push({
        seq,
        id,
        type: 'payment.submit',
        payload: {
          id,
          kind: hvps ? 'hvps' : 'beps',
          priority: hvps && random() < 0.2 ? 1 : 2,
          to,
          amount: formatAmount(amountMinor, 'CNY'),
          currency: 'CNY',
          debtor: { name: pick(NAMES), account: account() },
          creditor: { name: pick(NAMES), account: account() },
          purpose: pick(PURPOSES),
        },
      });
      bySender.set(from, mutations);
    }
    const pushes = [...bySender.entries()].map(([from, mutations]) =>
      host.push(from, { protocolVersion: PROTOCOL_VERSION, deviceId: `sim-${from}`, mutations }).then((outcome) => {
        // A failed batch is not retried here: resync the counter from the house's answer.
        if (outcome.status === 409) seqs.set(from, outcome.body.lastSeq);
      }),
    );
    inFlight = Promise.allSettled(pushes).then((results) => {
      if (results.some((r) => r.status === 'rejected')) {
        // The batch failed (store unavailable): the house kept nothing, so reuse those seqs.
        for (const from of bySender.keys()) {
          const first = bySender.get(from)?.[0];
          if (first) seqs.set(from, first.seq - 1);
        }
      }
    });
  };
  const timer = setInterval(() => {
    if (!stopped) tick();
  }, TICK_MS);
  timer.unref();
  logger.info({ rate, senders }, 'simulator started');
  return async () => {
    stopped = true;
    clearInterval(timer);
    await inFlight;
  };
}
