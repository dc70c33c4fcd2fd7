import type { EngineCommand } from '../../shared/clearing/commands';
import type { BatchEffects } from './batch-effects';
import { payCommandOf } from './pay-command';

/**
 * The engine commands a committed batch numbered, in cmd_seq order from `baseCmdSeq` + 1: its
 * journal rows and its payment rows' pay commands, exactly what recovery replays for that range
 * (recover-engine.ts). Commands the engine refused, and the clock's ticks that changed nothing,
 * are not numbered and not here: they changed nothing, which is why recovery may skip them too.
 * Throws if the batch's numbers are not the whole range once each (the feed would drift).
 */
export function batchCommands(batch: BatchEffects, baseCmdSeq: bigint): EngineCommand[] {
  const count = Number(batch.cmdSeq - baseCmdSeq);
  const commands = new Array<EngineCommand | undefined>(count);
  const place = (cmdSeq: bigint, command: EngineCommand): void => {
    const at = Number(cmdSeq - baseCmdSeq) - 1;
    if (at < 0 || at >= count || commands[at] !== undefined) throw new Error(`batch command at cmd_seq ${cmdSeq} is outside ${baseCmdSeq + 1n}..${batch.cmdSeq} or numbered twice`);
    commands[at] = command;
  };
  for (const entry of batch.journal) place(entry.cmdSeq, entry.command);
  for (const row of batch.newPayments.values()) place(row.cmdSeq, payCommandOf(row));
  for (let at = 0; at < count; at += 1) {
    if (commands[at] === undefined) throw new Error(`batch has no command at cmd_seq ${baseCmdSeq + BigInt(at) + 1n}`);
  }
  return commands as EngineCommand[];
}
