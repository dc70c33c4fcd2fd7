// A console back end with sync in its own process, for kill tests:
//   node --import tsx console-child.ts '<json ConsoleChildOptions>'
// It prints one line per event on stdout ("verified <id>", "house answered push", "drained {...}")
// so the test can SIGKILL it at the point it wants.
import { createConsoleBackend } from '../../backend';
import { capturePayment, verifyPayment } from '../../payments/payment-commands';
import { createSyncExtension } from '../sync-extension';
import type { SyncLoop } from '../sync-loop';

export interface ConsoleChildOptions {
  dataDir: string;
  houseUrl: string;
  selfId: string;
  /** The bank's sync token at the house (the test knows the house's seed; this process does not). */
  token: string;
  /**
   * - hold-push: every push request waits forever before it reaches the house (kill after capture, before push);
   * - lose-answer: pushes reach the house, the answer is read and never handed back (kill mid-push);
   * - stream: sync as usual while payments are captured and verified one after another;
   * - drain: capture nothing, sync until the outbox is empty and every payment is final, then exit 0.
   */
  mode: 'hold-push' | 'lose-answer' | 'stream' | 'drain';
  /** Payments to capture and verify (not in drain). */
  count?: number;
  to?: string;
  amount?: string;
}

/** Between two verifications in stream mode. */
const STREAM_PACE_MS = 3;

const options = JSON.parse(process.argv[2] ?? '{}') as ConsoleChildOptions;
const say = (line: string) => process.stdout.write(`${line}\n`);
const never = () => new Promise<never>(() => undefined);
// The sync loop's timers do not hold the process open; this does, until the test kills it.
const keepAlive = setInterval(() => undefined, 1 << 30);

const isPush = (input: Parameters<typeof fetch>[0]) => String(input instanceof Request ? input.url : input).includes('/v1/sync/push');
const fetchFor: Record<ConsoleChildOptions['mode'], typeof fetch> = {
  'hold-push': async (input, init) => (isPush(input) ? never() : fetch(input, init)),
  'lose-answer': async (input, init) => {
    const response = await fetch(input, init);
    if (!isPush(input)) return response;
    await response.text(); // the house has committed and answered
    say('house answered push');
    return never();
  },
  stream: fetch,
  drain: fetch,
};

let loop: SyncLoop | undefined;
const backend = await createConsoleBackend({
  dataDir: options.dataDir,
  log: (line) => process.stderr.write(`${line}\n`),
  extensions: [
    createSyncExtension({
      houseUrl: options.houseUrl,
      token: options.token,
      fetch: fetchFor[options.mode],
      idleIntervalMs: 50,
      // hold-push and lose-answer: the verifications' nudge starts the loop once the (synchronous)
      // verify loop below has finished, so the first push carries every payment.
      autoStart: options.mode === 'stream' || options.mode === 'drain',
      onLoop: (l) => (loop = l),
    }),
  ],
});
if (loop === undefined) throw new Error('the sync extension gave no loop');
const { db, verify } = backend.services;

if (options.mode === 'drain') {
  const unfinished = db.prepare<[], number>(
    "SELECT count(*) FROM payments WHERE direction = 'out' AND status IN ('verified', 'queued_offline', 'received')",
  ).pluck();
  const deadline = Date.now() + 60_000;
  while (loop.pending() > 0 || (unfinished.get() ?? 0) > 0) {
    if (Date.now() > deadline) throw new Error(`not drained: ${loop.pending()} pending, ${unfinished.get()} unfinished`);
    await new Promise((r) => setTimeout(r, 50));
  }
  say(`drained ${JSON.stringify({ pending: loop.pending() })}`);
  await backend.close();
  clearInterval(keepAlive);
  process.exit(0);
}

const capture = {
  kind: 'hvps' as const,
  priority: 2 as const,
  to: options.to ?? 'ICBC',
  amount: options.amount ?? '1.00',
  currency: 'CNY',
  debtor: { name: '汉口商贸有限公司', account: '6222020000000001' },
  creditor: { name: '武昌医药有限公司', account: '6222020000000002' },
  purpose: '货款',
};
for (let i = 0; i < (options.count ?? 1); i += 1) {
  const at = new Date().toISOString();
  const payment = capturePayment(db, capture, { username: 'clerk', at });
  say(`captured ${payment.id}`);
  verifyPayment(db, payment.id, { username: 'boss', at }, verify);
  say(`verified ${payment.id}`);
  // stream: let the loop run between verifications, as it does between an operator's clicks.
  // The others verify all in one go, so the first push carries every payment.
  if (options.mode === 'stream') await new Promise((r) => setTimeout(r, STREAM_PACE_MS));
}
say('all verified');
