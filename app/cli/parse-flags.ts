import { UsageError } from './command';

/** A subcommand's flags: --name VALUE pairs (repeatable; the last wins where one is wanted) and bare switches. */
export function parseFlags(args: readonly string[], valued: readonly string[], switches: readonly string[]): { values: Map<string, string[]>; on: Set<string> } {
  const values = new Map<string, string[]>();
  const on = new Set<string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (switches.includes(arg)) on.add(arg);
    else if (valued.includes(arg)) {
      const v = args[++i];
      if (v === undefined || (v.startsWith('--') && v !== '-')) throw new UsageError(`${arg} needs a value`);
      values.set(arg, [...(values.get(arg) ?? []), v]);
    } else throw new UsageError(`unknown option "${arg}"`);
  }
  return { values, on };
}
