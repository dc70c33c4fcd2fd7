import type { EngineCommand } from '../../shared/clearing/commands';
import type { PaymentKind, PaymentPriority } from '../../shared/domain/payment';
import type { CurrencyCode } from '../../shared/money/currency';
import type { BatchEffects, PaymentRow } from './batch-effects';
import { payCommandOf } from './pay-command';

/**
 * A batch's commands for the shadow engine's thread, packed by column: the plain pay commands
 * (nearly all of a batch) as arrays of strings and typed arrays, everything else as objects.
 * postMessage clones an array of 5,000 pay command objects in ~3 ms of the writer's time; the
 * columns in ~0.5 ms, and no command objects are built on the writer's thread.
 */
export interface PackedCommands {
  count: number;
  /** Position in the batch of each plain pay command. */
  payAt: Uint32Array;
  id: string[];
  kind: string[];
  from: string[];
  to: string[];
  currency: string[];
  amountMinor: BigInt64Array;
  priority: Uint8Array;
  /** The rest, with their positions. */
  others: Array<[number, EngineCommand]>;
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/**
 * The engine commands a committed batch numbered, cmd_seq `baseCmdSeq` + 1 on, packed: its
 * payment rows' pay commands and its journal rows, exactly what recovery replays for that range
 * (recover-engine.ts, pay-command.ts). Commands the engine refused, and clock ticks that changed
 * nothing, are not numbered and not here: they changed nothing, which is why recovery skips
 * them too. Throws if the batch's numbers are not the whole range once each.
 */
export function packBatch(batch: BatchEffects, baseCmdSeq: bigint): PackedCommands {
  const count = Number(batch.cmdSeq - baseCmdSeq);
  const seen = new Uint8Array(count);
  const position = (cmdSeq: bigint): number => {
    const at = Number(cmdSeq - baseCmdSeq) - 1;
    if (at < 0 || at >= count || seen[at] === 1) throw new Error(`batch command at cmd_seq ${cmdSeq} is outside ${baseCmdSeq + 1n}..${batch.cmdSeq} or numbered twice`);
    seen[at] = 1;
    return at;
  };
  const rows = [...batch.newPayments.values()];
  const plain = rows.filter(isPlainRow);
  const packed: PackedCommands = {
    count,
    payAt: new Uint32Array(plain.length),
    id: new Array<string>(plain.length),
    kind: new Array<string>(plain.length),
    from: new Array<string>(plain.length),
    to: new Array<string>(plain.length),
    currency: new Array<string>(plain.length),
    amountMinor: new BigInt64Array(plain.length),
    priority: new Uint8Array(plain.length),
    others: [],
  };
  plain.forEach((row, pay) => {
    packed.payAt[pay] = position(row.cmdSeq);
    packed.id[pay] = row.id;
    packed.kind[pay] = row.kind;
    packed.from[pay] = row.fromId;
    packed.to[pay] = row.toId;
    packed.currency[pay] = row.currency;
    packed.amountMinor[pay] = row.amountMinor;
    packed.priority[pay] = row.priority;
  });
  if (plain.length < rows.length) for (const row of rows) if (!isPlainRow(row)) packed.others.push([position(row.cmdSeq), payCommandOf(row)]);
  for (const entry of batch.journal) packed.others.push([position(entry.cmdSeq), entry.command]);
  const hole = seen.indexOf(0);
  if (hole >= 0) throw new Error(`batch has no command at cmd_seq ${baseCmdSeq + BigInt(hole) + 1n}`);
  return packed;
}

/**
 * A payment row whose pay command is only the columns: no window, not a return (payCommandOf
 * adds those from the details), a priority that fits a byte and an amount that fits int64.
 */
function isPlainRow(row: PaymentRow): boolean {
  const { details } = row;
  return (
    row.kind !== 'return' && typeof details.earliestMinute !== 'number' && typeof details.latestMinute !== 'number' && typeof details.valueDay !== 'number' &&
    Number.isInteger(row.priority) && row.priority >= 0 && row.priority <= 255 && row.amountMinor >= INT64_MIN && row.amountMinor <= INT64_MAX
  );
}

/** The commands back in batch order; throws if the packing does not cover every position once. */
export function unpackCommands(packed: PackedCommands): EngineCommand[] {
  const commands = new Array<EngineCommand | undefined>(packed.count);
  const place = (at: number, command: EngineCommand): void => {
    if (at >= packed.count || commands[at] !== undefined) throw new Error(`packed command at ${at} is outside the batch of ${packed.count} or given twice`);
    commands[at] = command;
  };
  for (let pay = 0; pay < packed.payAt.length; pay += 1) {
    place(packed.payAt[pay] as number, {
      type: 'pay',
      id: packed.id[pay] as string,
      kind: packed.kind[pay] as PaymentKind,
      from: packed.from[pay] as string,
      to: packed.to[pay] as string,
      amountMinor: packed.amountMinor[pay] as bigint,
      priority: packed.priority[pay] as PaymentPriority,
      currency: packed.currency[pay] as CurrencyCode,
    });
  }
  for (const [at, command] of packed.others) place(at, command);
  for (let at = 0; at < packed.count; at += 1) if (commands[at] === undefined) throw new Error(`packed batch has no command at ${at}`);
  return commands as EngineCommand[];
}

/** The typed arrays' buffers, to transfer rather than copy. */
export const packedTransfer = (packed: PackedCommands): ArrayBuffer[] => [packed.payAt.buffer, packed.amountMinor.buffer, packed.priority.buffer] as ArrayBuffer[];
