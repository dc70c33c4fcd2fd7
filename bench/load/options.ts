import { z } from 'zod';

/**
 * Flags of `npm run bench load -- [flags]`. The defaults are a short run (about two minutes on
 * the shared 2-core machine); `--payments 1000000` is the full business day.
 */
export const loadOptionsSchema = z
  .object({
    /** Payments in the day, spread evenly over the consoles. */
    payments: z.number().int().min(100).max(5_000_000).default(300_000),
    /** Offered load, payments per second across all consoles (open loop: the schedule never waits for the house). */
    rate: z.number().int().min(10).max(100_000).default(5_000),
    consoles: z.number().int().min(2).max(200).default(50),
    /** Share of HVPS (gross, settled at once); the rest is BEPS (netted, settled at each cycle close). */
    hvpsShare: z.number().min(0).max(1).default(0.25),
    /** The compressed day's DNS cycle: the house closes one this often. */
    cycleMs: z.number().int().min(500).max(600_000).default(5_000),
    /** Each console pulls its feed this often (the console's own idle interval is 1 s). */
    pullMs: z.number().int().min(50).max(60_000).default(1_000),
    /** Mutations per push at most (the console's PUSH_BATCH). */
    pushBatch: z.number().int().min(1).max(1_000).default(500),
    /** A PostgreSQL server: a fresh database is created on it for the run and dropped after. Without it: PGlite in a temporary directory. */
    databaseUrl: z.string().url().optional(),
    /** 0: the house's writer applies nothing while a commit runs (the pre-pipelining writer), to compare. */
    pipeline: z.number().int().min(0).max(1).default(1),
    /** The house's young generation (node --max-semi-space-size, MiB): fewer scavenges promote fewer request objects. Default: Node's. */
    houseSemiSpaceMb: z.number().int().min(1).max(1024).optional(),
    /** Keep the house's load trace (one JSON line per push, batch and second) in this file. */
    traceOut: z.string().min(1).optional(),
    /**
     * Worker threads the consoles are spread over (console i on thread i mod N); the main thread
     * only conducts. One by default: on the 2 shared cores a second thread cost ~15% more CPU
     * and did not lower the event-loop delay measurably (docs/benchmarks.md).
     */
    generatorThreads: z.number().int().min(1).max(8).default(1),
    /** Hard stop for the whole run, traffic and drain included. */
    maxSeconds: z.number().int().min(10).max(7_200).optional(),
  })
  .strict();
export type LoadOptions = z.infer<typeof loadOptionsSchema>;

const NUMERIC = new Set(['payments', 'rate', 'consoles', 'hvpsShare', 'cycleMs', 'pullMs', 'pushBatch', 'maxSeconds', 'pipeline', 'houseSemiSpaceMb', 'generatorThreads']);

/** `--payments 1000000 --hvps-share 0.3 --database-url postgres://...` into options; unknown flags are an error. */
export function parseLoadFlags(argv: readonly string[]): LoadOptions {
  const raw: Record<string, unknown> = {};
  for (let i = 0; i < argv.length; i += 1) {
    const flag = argv[i] ?? '';
    if (!flag.startsWith('--')) throw new Error(`unexpected argument ${flag}`);
    const key = flag.slice(2).replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
    const value = argv[i + 1];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    raw[key] = NUMERIC.has(key) ? Number(value) : value;
    i += 1;
  }
  const parsed = loadOptionsSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`bad flags: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`);
  }
  return parsed.data;
}
