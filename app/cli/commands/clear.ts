import { type CommandModule, EXIT_OK, EXIT_USAGE, UsageError } from '../command';
import { runScenario, ScenarioError } from '../../shared/clearing';
import { readBoundedText } from '../bounded-read';

/** A scenario at the step limit (1,000,000 steps of about 100 bytes) fits with room to spare. */
export const MAX_SCENARIO_FILE_BYTES = 256 * 1024 * 1024;

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
      text = await readBoundedText(file, MAX_SCENARIO_FILE_BYTES, io);
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
