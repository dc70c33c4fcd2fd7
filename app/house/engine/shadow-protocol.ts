import type { PackedCommands } from './packed-commands';

/** Messages between the writer (shadow-snapshots.ts) and its shadow-engine thread (shadow-worker.ts). */
export type ToShadow =
  | { type: 'seed'; cmdSeq: bigint; state: object }
  /** A committed batch; `snapshot`: export the state after it and write (or hand back) the snapshot. */
  | { type: 'batch'; firstCmdSeq: bigint; commands: PackedCommands; snapshot: boolean }
  /** The shadow's state as it stands (the determinism test). */
  | { type: 'state' }
  /** Finish the snapshot being written, then say `closed`. */
  | { type: 'close' };

export type FromShadow =
  /** Written by the thread itself (PostgreSQL). */
  | { type: 'snapshot'; cmdSeq: bigint; exportMs: number; bytes: number; written: true }
  /** The snapshot's UTF-8 JSON, transferred, for the writer to store (PGlite lives on the writer's thread). */
  | { type: 'snapshot'; cmdSeq: bigint; exportMs: number; bytes: number; written: false; text: ArrayBuffer }
  | { type: 'snapshotFailed'; cmdSeq: bigint; message: string }
  /** The shadow engine was discarded (drift or an engine error): no snapshots until the next seed. */
  | { type: 'failed'; message: string }
  | { type: 'state'; cmdSeq: bigint; state: object | undefined }
  | { type: 'closed' };

export interface ShadowWorkerData {
  /** tsx's ESM API, as a file URL (the thread loads TypeScript like the rest of the house). */
  tsxApi: string;
  /** shadow-worker.ts, as a file URL. */
  entry: string;
  /** A single PostgreSQL server the thread writes the snapshots to itself; absent: it hands them back. */
  databaseUrl?: string;
}
