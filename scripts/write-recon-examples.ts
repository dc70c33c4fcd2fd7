// Writes docs/examples/recon from a demo store: `npx tsx scripts/write-recon-examples.ts`.
// The demo day is the last working day before 2026-12-07 whose statement has the treasury's
// funding line (the realistic exception); payment ids carry a random device id, so each run
// writes other ids, and the test reads the files shipped, not a new run.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { addDays, isWorkingDay } from '../app/shared/domain/calendar';
import { ensureInitialised } from '../app/main/demo/initialise';
import { demoStatementFiles } from '../app/main/demo/demo-statement-files';
import { memoryStore } from '../app/main/store/test-support/test-store';

const out = resolve(import.meta.dirname, '../docs/examples/recon');
const db = memoryStore();
await ensureInitialised(db, { dataDir: mkdtempSync(join(tmpdir(), 'hankou-examples-')), demo: { payments: 4000 }, now: () => new Date('2026-12-07T03:00:00Z'), log: () => {} });
let day = addDays('2026-12-07', -1);
const funded = (d: string) => db.prepare("SELECT 1 FROM house_statement_entries WHERE business_date = ? AND kind = 'liquidity'").get(d) !== undefined;
while (!isWorkingDay(day) || !funded(day)) day = addDays(day, -1);
const files = demoStatementFiles(db, day);
writeFileSync(join(out, 'demo-books.csv'), files.booksCsv);
writeFileSync(join(out, 'demo-statement.camt053.xml'), files.camt053);
writeFileSync(join(out, 'demo-statement.mt940'), files.mt940);
process.stdout.write(`wrote ${out} for ${day}\n`);
