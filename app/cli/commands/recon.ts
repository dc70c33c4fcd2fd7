import { readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { ZodError } from 'zod';
import { type CommandModule, EXIT_OK, EXIT_USAGE, UsageError } from '../command';
import { Iso20022Error } from '../../shared/iso20022';
import {
  type CsvMapping,
  csvMappingSchema,
  parseRules,
  readCsvLines,
  readStatementLines,
  ReconInputError,
  reconcile,
  type StatementLine,
} from '../../shared/recon';

/** Input files larger than this are refused before reading: 1 GiB holds ~10 million CSV lines. */
const MAX_INPUT_BYTES = 1024 * 1024 * 1024;

const usage = `usage: hankou recon --books FILE --statement FILE [--rules FILE] --out FILE
                    [--books-mapping FILE] [--statement-mapping FILE]
  Matches the bank's books (CSV) against a statement (camt.053/054, MT940 or CSV: detected by
  content) and writes {matches:[{books, statement, rule, score}], unmatched:{books, statement}}
  to --out. CSV columns default to id,date,amount,currency,reference,counterparty,description
  (amount signed, + is a credit to the account); a mapping file (JSON) can name other columns.
  --rules is a JSON rules file (see docs/reconciliation.md); every field has a default.`;

const FLAGS = ['--books', '--statement', '--rules', '--out', '--books-mapping', '--statement-mapping'] as const;
type Flag = (typeof FLAGS)[number];

function parseFlags(args: string[]): Partial<Record<Flag, string>> {
  const flags: Partial<Record<Flag, string>> = {};
  for (let i = 0; i < args.length; i += 2) {
    const name = args[i] as Flag;
    const value = args[i + 1];
    if (!FLAGS.includes(name)) throw new UsageError(`unknown option "${args[i]}"`);
    if (value === undefined || value.startsWith('--')) throw new UsageError(`${name} needs a value`);
    if (flags[name] !== undefined) throw new UsageError(`${name} given twice`);
    flags[name] = value;
  }
  return flags;
}

function readInput(file: string, what: string): string {
  const size = statSync(file).size;
  if (size > MAX_INPUT_BYTES) throw new ReconInputError('too_large', `${what} ${file} is ${size} bytes; the limit is ${MAX_INPUT_BYTES}`);
  return readFileSync(file, 'utf8');
}

function readJson(file: string, what: string): unknown {
  try {
    return JSON.parse(readInput(file, what));
  } catch (error) {
    if (error instanceof SyntaxError) throw new ReconInputError('bad_json', `${what} ${file} is not JSON: ${error.message}`);
    throw error;
  }
}

function currencies(lines: readonly StatementLine[]): string[] {
  return [...new Set(lines.map((line) => line.currency))].sort();
}

/**
 * Books and statement in different currencies cannot match a single line, so the run would
 * only print "0 matches" as if the day were simply unreconciled: say why instead.
 */
export function currencyMismatch(books: readonly StatementLine[], statement: readonly StatementLine[]): string | null {
  if (books.length === 0 || statement.length === 0) return null;
  const inBooks = currencies(books);
  const inStatement = currencies(statement);
  if (inBooks.join() === inStatement.join()) return null;
  return `the books are in ${inBooks.join(', ')} but the statement is in ${inStatement.join(', ')}`;
}

export const command: CommandModule = {
  summary: 'reconcile books against a statement (camt.053, MT940, CSV)',
  usage,
  async run(args, io) {
    const flags = parseFlags(args);
    for (const required of ['--books', '--statement', '--out'] as const) {
      if (flags[required] === undefined) throw new UsageError(`${required} is required`);
    }
    try {
      const rules = parseRules(flags['--rules'] === undefined ? {} : readJson(flags['--rules'], 'rules file'));
      const booksMapping: CsvMapping | undefined =
        flags['--books-mapping'] === undefined ? undefined : csvMappingSchema.parse(readJson(flags['--books-mapping'], 'books mapping'));
      const statementMapping: CsvMapping | undefined =
        flags['--statement-mapping'] === undefined ? undefined : csvMappingSchema.parse(readJson(flags['--statement-mapping'], 'statement mapping'));
      const books = readCsvLines(readInput(flags['--books'] as string, 'books'), booksMapping, 'books');
      const { format, lines: statement } = readStatementLines(readInput(flags['--statement'] as string, 'statement'), statementMapping);
      const mismatch = currencyMismatch(books, statement);
      if (mismatch !== null) {
        io.err(`hankou recon: ${mismatch}; nothing matched, nothing written (a statement of another account?)`);
        return EXIT_USAGE;
      }
      const result = reconcile(books, statement, rules);
      const out = flags['--out'] as string;
      // Write beside, then rename: a reader never sees half a result.
      writeFileSync(`${out}.tmp`, `${JSON.stringify(result, null, 2)}\n`);
      renameSync(`${out}.tmp`, out);
      const matchedBooks = books.length - result.unmatched.books.length;
      const matchedStatement = statement.length - result.unmatched.statement.length;
      io.out(
        `statement: ${format}, ${statement.length} lines; books: ${books.length} lines\n` +
          `matches: ${result.matches.length} (books ${matchedBooks}, statement ${matchedStatement}); ` +
          `unmatched: books ${result.unmatched.books.length}, statement ${result.unmatched.statement.length}\n` +
          `written: ${out}`,
      );
      return EXIT_OK;
    } catch (error) {
      if (error instanceof ReconInputError || error instanceof Iso20022Error) {
        io.err(`hankou recon: ${error.message}`);
        return EXIT_USAGE;
      }
      if (error instanceof ZodError) {
        io.err(`hankou recon: invalid rules or mapping: ${error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
        return EXIT_USAGE;
      }
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        io.err(`hankou recon: ${(error as Error).message}`);
        return EXIT_USAGE;
      }
      throw error;
    }
  },
};
