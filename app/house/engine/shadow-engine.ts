import type { EngineCommand } from '../../shared/clearing/commands';
import { restoreEngine, type Engine } from '../../shared/clearing/index';

/**
 * A copy of the house's engine that follows the committed batches (the shadow-worker thread's
 * state). It is seeded with the writer's state at a cmd_seq and then applies each committed
 * batch's commands; the engine is deterministic, so it holds what the writer's engine held at
 * that cmd_seq. A batch that does not start right after its own cmd_seq, or that the engine
 * throws on, discards it: it must never drift, so it waits for the next seed instead.
 */
export class ShadowEngine {
  private engine: Engine | undefined;
  private cmdSeqValue = 0n;

  get seeded(): boolean {
    return this.engine !== undefined;
  }

  get cmdSeq(): bigint {
    return this.cmdSeqValue;
  }

  seed(state: unknown, cmdSeq: bigint): void {
    this.engine = undefined;
    this.engine = restoreEngine(state);
    this.cmdSeqValue = cmdSeq;
  }

  /** `firstCmdSeq`: the cmd_seq of `commands[0]`. Throws (and discards the engine) on a gap or an engine error. */
  apply(firstCmdSeq: bigint, commands: readonly EngineCommand[]): void {
    const engine = this.engine;
    if (engine === undefined) throw new Error(`shadow engine not seeded; batch at cmd_seq ${firstCmdSeq} ignored`);
    if (firstCmdSeq !== this.cmdSeqValue + 1n) {
      this.engine = undefined;
      throw new Error(`shadow engine drift: it is at cmd_seq ${this.cmdSeqValue}, the batch starts at ${firstCmdSeq}`);
    }
    try {
      for (const command of commands) {
        engine.apply(command);
        this.cmdSeqValue += 1n;
      }
    } catch (error) {
      this.engine = undefined;
      throw error;
    }
  }

  exportState(): object {
    if (this.engine === undefined) throw new Error('shadow engine not seeded');
    return this.engine.exportState();
  }
}
