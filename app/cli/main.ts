import type { CliIo, CommandModule } from './command';
import { EXIT_USAGE, UsageError } from './command';

/**
 * Every subcommand, loaded lazily so `hankou money words` does not pay for the house's
 * dependencies. Each lives in commands/<name>.ts and exports `command: CommandModule`.
 */
const COMMANDS: Record<string, () => Promise<{ command: CommandModule }>> = {
  money: () => import('./commands/money'),
  audit: () => import('./commands/audit'),
  clear: () => import('./commands/clear'),
  house: () => import('./commands/house'),
  screen: () => import('./commands/screen'),
  iso: () => import('./commands/iso'),
  recon: () => import('./commands/recon'),
  console: () => import('./commands/console'),
  demo: () => import('./commands/demo'),
  import: () => import('./commands/import'),
};

const defaultIo: CliIo = {
  out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
  readStdin: async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  },
};

async function help(io: CliIo): Promise<number> {
  io.out('usage: hankou <command> [options]\n\ncommands:');
  for (const [name, load] of Object.entries(COMMANDS)) {
    try {
      const { command } = await load();
      io.out(`  ${name.padEnd(8)} ${command.summary}`);
    } catch {
      // A command whose module is not present in this build is simply not listed.
    }
  }
  return 0;
}

export async function main(argv: string[], io: CliIo = defaultIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') return help(io);
  const load = COMMANDS[name];
  if (!load) {
    io.err(`hankou: unknown command "${name}" (try: hankou help)`);
    return EXIT_USAGE;
  }
  const { command } = await load();
  if (rest[0] === '--help' || rest[0] === '-h') {
    io.out(command.usage);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`hankou ${name}: ${error.message}\n\n${command.usage}`);
      return EXIT_USAGE;
    }
    throw error;
  }
}
