/**
 * Reconciliation at scale: 1,000,000 books lines against 1,000,000 statement lines (generated,
 * with known truth), the full matcher beside a baseline that only sorts both sides by
 * reference and merges equal references, in the same run. Prints one JSON object.
 * Targets: full run under 10 s, and within 5x of the baseline.
 *
 * "Full" is one reconcile() call on lines already in memory, as the CLI makes it after reading
 * the files: checking the input (unique ids, dates, amount limits), building every index, the
 * three rules, and the result (matches and the unmatched ids). Generating the data and reading
 * files are outside both timings. One thread, no workers: the CPU time is the work done.
 */
import { loadavg } from 'node:os';
import { type ReconPhase, reconcile } from '../app/shared/recon/engine';
import type { StatementLine } from '../app/shared/recon/statement-line';
import { generateReconCase, linkQuality } from '../app/shared/recon/synthetic';

const round = (x: number) => Math.round(x);
const LINES_PER_SIDE = Number(process.env.RECON_BENCH_LINES ?? 1_000_000);
const TARGET_FULL_MS = 10_000;
const TARGET_RATIO = 5;

/** Reported beside the times: other work on the machine inflates wall time. */
function loadAverage(): number {
  return Math.round((loadavg()[0] ?? 0) * 100) / 100;
}

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** The baseline: sort each side by its reference, walk both in step, pair equal keys. */
function sortMergeOnReference(books: readonly StatementLine[], statement: readonly StatementLine[]): number {
  const bookKeys = books.map((b) => b.reference ?? '');
  const stmtKeys = statement.map((s) => s.endToEndId ?? s.reference ?? '');
  const byKey = (keys: string[]) => (x: number, y: number) => {
    const a = keys[x] as string;
    const b = keys[y] as string;
    return a < b ? -1 : a > b ? 1 : 0;
  };
  const bOrder = Array.from(books.keys()).sort(byKey(bookKeys));
  const sOrder = Array.from(statement.keys()).sort(byKey(stmtKeys));
  let i = 0;
  let j = 0;
  let pairs = 0;
  while (i < bOrder.length && j < sOrder.length) {
    const a = bookKeys[bOrder[i] as number] as string;
    const b = stmtKeys[sOrder[j] as number] as string;
    if (a === '' || a < b) i += 1;
    else if (b === '' || a > b) j += 1;
    else {
      pairs += 1;
      i += 1;
      j += 1;
    }
  }
  return pairs;
}

function timed<T>(work: () => T): { ms: number; cpuMs: number; value: T } {
  gc();
  const cpu = process.cpuUsage();
  const start = performance.now();
  const value = work();
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { ms, cpuMs: (used.user + used.system) / 1000, value };
}

// A few percent more generated, then exactly LINES_PER_SIDE kept on each side.
const generated = timed(() => generateReconCase({ seed: 20261126, linesPerSide: Math.ceil(LINES_PER_SIDE * 1.05), exactLinesPerSide: LINES_PER_SIDE, days: 30 }));
const data = generated.value;
const baseline = timed(() => sortMergeOnReference(data.books, data.statement));
// Each phase's share of the full run, read as the engine reports each one ended (same run).
const phases: Partial<Record<ReconPhase, { ms: number; cpuMs: number }>> = {};
let phaseMark = { at: 0, cpu: process.cpuUsage() };
const full = timed(() => {
  phaseMark = { at: performance.now(), cpu: process.cpuUsage() };
  return reconcile(data.books, data.statement, {}, {
    onPhaseEnd: (phase) => {
      const used = process.cpuUsage(phaseMark.cpu);
      const at = performance.now();
      phases[phase] = { ms: round(at - phaseMark.at), cpuMs: round((used.user + used.system) / 1000) };
      phaseMark = { at, cpu: process.cpuUsage() };
    },
  });
});
const quality = linkQuality(full.value.matches, data.links);
const byRule: Record<string, number> = {};
for (const m of full.value.matches) byRule[m.rule] = (byRule[m.rule] ?? 0) + 1;

process.stdout.write(
  `${JSON.stringify({
    bench: 'recon',
    lines: { books: data.books.length, statement: data.statement.length },
    full: { what: 'reconcile(): input checks, indexes, rules 1-3, result; one thread', ms: round(full.ms), cpuMs: round(full.cpuMs), matches: full.value.matches.length, byRule, unmatchedBooks: full.value.unmatched.books.length, unmatchedStatement: full.value.unmatched.statement.length, phases },
    baseline: { what: 'sort both sides by reference, merge equal keys', ms: round(baseline.ms), cpuMs: round(baseline.cpuMs), pairs: baseline.value },
    // Wall time on a shared machine swings with the load; CPU time is the steadier comparison.
    ratio: Math.round((full.ms / baseline.ms) * 100) / 100,
    ratioCpu: Math.round((full.cpuMs / baseline.cpuMs) * 100) / 100,
    quality: { precision: Math.round(quality.precision * 10_000) / 10_000, recall: Math.round(quality.recall * 10_000) / 10_000, truthLinks: quality.truth },
    targets: { fullMs: TARGET_FULL_MS, ratio: TARGET_RATIO },
    met: {
      fullMs: full.ms < TARGET_FULL_MS,
      fullCpuMs: full.cpuMs < TARGET_FULL_MS,
      ratio: full.ms / baseline.ms <= TARGET_RATIO,
      ratioCpu: full.cpuMs / baseline.cpuMs <= TARGET_RATIO,
    },
    loadAverage1m: loadAverage(),
    generateMs: round(generated.ms),
    heapUsedMb: round(process.memoryUsage().heapUsed / 1e6),
  })}\n`,
);
