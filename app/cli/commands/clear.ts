import { readFile } from 'node:fs/promises';
import { type CommandModule, EXIT_OK, EXIT_USAGE, UsageError } from '../command';
import { runScenario, ScenarioError } from '../../shared/clearing';

const usage = `usage: hankou clear FILE
  Runs a clearing scenario file (JSON, DESIGN.md section 4) through the clearing engine and
  prints { payments, balances, cycles, refused } as JSON. FILE "-" reads standard input.
  A malformed file is an error naming the step (exit 2); steps that cannot apply are listed
  under "refused" and the run goes on.`;

export const command: CommandModule = {
  summary: 'run a clearing scenario file through the engine (RTGS, offsetting, netting cycles)',
  usage,
  async run(args, io) {
    if (args.length !== 1) throw new UsageError('give exactly one scenario file');
    const file = args[0] as string;
    let text: string;
    try {
      if (file === '-') {
        if (io.readStdin === undefined) throw new UsageError('standard input is not available here');
        text = await io.readStdin();
      } else {
        text = await readFile(file, 'utf8');
      }
    } catch (error) {
      if (error instanceof UsageError) throw error;
      io.err(`hankou clear: cannot read ${file}: ${(error as Error).message}`);
      return EXIT_USAGE;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      io.err(`hankou clear: ${file} is not JSON: ${(error as Error).message}`);
      return EXIT_USAGE;
    }
    try {
      io.out(JSON.stringify(runScenario(json), null, 2));
    } catch (error) {
      if (!(error instanceof ScenarioError)) throw error;
      io.err(`hankou clear: ${file} is not a valid scenario:\n${error.issues.map((i) => `  ${i.path}: ${i.message}`).join('\n')}`);
      return EXIT_USAGE;
    }
    return EXIT_OK;
  },
};
