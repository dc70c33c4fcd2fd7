/** A `hankou` subcommand: gets its arguments (after its own name) and returns the exit code. */
export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  readStdin?: () => Promise<string>;
}

export type CommandRun = (args: string[], io: CliIo) => Promise<number>;

export interface CommandModule {
  run: CommandRun;
  /** One line for `hankou help`. */
  summary: string;
  /** Usage text printed on --help or misuse. */
  usage: string;
}

/** Exit codes: 0 success, 1 the check failed (e.g. audit broken), 2 bad input or usage. */
export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
