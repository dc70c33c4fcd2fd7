import { parentPort, workerData } from 'node:worker_threads';
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import pg from 'pg';
import { stringifyWithBigInt } from '../store/json-bigint';
import { ShadowEngine } from './shadow-engine';
import { unpackCommands } from './packed-commands';
import type { FromShadow, ShadowWorkerData, ToShadow } from './shadow-protocol';

/**
 * The shadow-engine thread: follows the committed batches (shadow-engine.ts) and takes the
 * periodic snapshots, so their export and JSON (up to ~2 s of CPU at 1M payments in the day)
 * never run on the writer's thread. On PostgreSQL it writes the row itself on its own
 * connection; otherwise it hands the JSON back as bytes.
 */
/** Nice value of this thread: under contention the writer's thread and the database come first. */
const SHADOW_NICE = 10;

/**
 * The thread's own priority (Linux: /proc/thread-self names this thread's id, and setpriority
 * on a thread id sets that thread's nice value). Its work is a second copy of the writer's plus
 * a snapshot every 200,000 commands (0.4-1.3 s of a core at once): on a machine short of cores
 * it competed with the writer's thread and the commits' server processes at the same priority.
 */
function lowerOwnPriority(): void {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(tid) && tid > 0) setPriority(tid, SHADOW_NICE);
  } catch {
    // Not Linux, or not allowed: it runs at the house's priority.
  }
}

lowerOwnPriority();
const port = parentPort;
if (port === null) throw new Error('shadow-worker.ts runs as a worker thread');
const { databaseUrl } = workerData as ShadowWorkerData;
const shadow = new ShadowEngine();
let writing: Promise<void> | undefined;
let db: pg.Client | undefined;

const post = (message: FromShadow, transfer: ArrayBuffer[] = []): void => port.postMessage(message, transfer);
const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

async function store(cmdSeq: bigint, text: string): Promise<void> {
  if (databaseUrl === undefined) throw new Error('no database to write to');
  if (db === undefined) {
    const client = new pg.Client({ connectionString: databaseUrl });
    client.on('error', () => undefined);
    await client.connect();
    db = client;
  }
  try {
    // Only a committed batch reaches this thread, so the row is never ahead of the journal.
    await db.query('INSERT INTO engine_snapshots (cmd_seq, state) VALUES ($1, $2) ON CONFLICT DO NOTHING', [cmdSeq.toString(), text]);
  } catch (error) {
    const broken = db;
    db = undefined;
    await broken.end().catch(() => undefined);
    throw error;
  }
}

function snapshot(cmdSeq: bigint): void {
  if (writing !== undefined) throw new Error('the previous snapshot is still being written');
  const startMs = performance.now();
  const text = stringifyWithBigInt(shadow.exportState());
  const exportMs = performance.now() - startMs;
  if (databaseUrl === undefined) {
    const bytes = new TextEncoder().encode(text);
    // The whole buffer is transferred, so it must hold exactly the JSON.
    const buffer = (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes.buffer : bytes.slice().buffer) as ArrayBuffer;
    post({ type: 'snapshot', cmdSeq, exportMs, bytes: bytes.byteLength, written: false, text: buffer }, [buffer]);
    return;
  }
  writing = store(cmdSeq, text)
    .then(
      () => post({ type: 'snapshot', cmdSeq, exportMs, bytes: text.length, written: true }),
      (error: unknown) => post({ type: 'snapshotFailed', cmdSeq, message: messageOf(error) }),
    )
    .finally(() => (writing = undefined));
}

port.on('message', (message: ToShadow) => {
  switch (message.type) {
    case 'seed':
      try {
        shadow.seed(message.state, message.cmdSeq);
      } catch (error) {
        post({ type: 'failed', message: `seed refused: ${messageOf(error)}` });
      }
      return;
    case 'batch':
      if (!shadow.seeded) return; // already reported; waits for the next seed
      try {
        shadow.apply(message.firstCmdSeq, unpackCommands(message.commands));
      } catch (error) {
        post({ type: 'failed', message: messageOf(error) });
        return;
      }
      if (message.snapshot) {
        try {
          snapshot(shadow.cmdSeq);
        } catch (error) {
          post({ type: 'snapshotFailed', cmdSeq: shadow.cmdSeq, message: messageOf(error) });
        }
      }
      return;
    case 'state':
      post({ type: 'state', cmdSeq: shadow.cmdSeq, state: shadow.seeded ? shadow.exportState() : undefined });
      return;
    case 'close':
      void (async () => {
        await writing;
        await db?.end().catch(() => undefined);
        post({ type: 'closed' });
      })();
      return;
  }
});
