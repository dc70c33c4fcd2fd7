import { createHash } from 'node:crypto';
import { reconcile } from '../app/shared/recon/engine';
import { reconcile as reconcileOld } from '../../../tmp/orig/app/shared/recon/engine';
import { generateReconCase } from '../app/shared/recon/synthetic';
const N = Number(process.env.RECON_BENCH_LINES ?? 200_000);
for (const seed of [1, 20261126]) {
  const data = generateReconCase({ seed, linesPerSide: N, days: 30 });
  const h = (x: unknown) => createHash('sha256').update(JSON.stringify(x)).digest('hex');
  const a = h(reconcile(data.books, data.statement));
  const b = h(reconcileOld(data.books, data.statement));
  console.log(seed, a === b ? 'SAME' : 'DIFFERENT', a.slice(0, 12), b.slice(0, 12));
}
