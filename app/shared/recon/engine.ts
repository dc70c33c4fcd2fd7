import { matchByAmountAndDate } from './match-amount-date';
import { matchByReference } from './match-reference';
import { MatchState, type ReconMatch } from './match-state';
import { matchSubsets } from './match-subset';
import { parseRules, type ReconRulesInput } from './rules';
import { MAX_AMOUNT_MINOR } from '../money';
import { assertUniqueIds, ReconInputError, type StatementLine } from './statement-line';

export type { ReconMatch } from './match-state';

export interface ReconResult {
  matches: ReconMatch[];
  unmatched: { books: string[]; statement: string[] };
}

/**
 * Matches the bank's books against a statement: exact references first, then amount, date
 * and counterparty, then splits and batches. Pure and deterministic: the same lines and rules
 * give the same result, so re-running a session changes nothing. No line is in two matches
 * (asserted), and every line is either in one match or in the unmatched lists (asserted).
 */
export function reconcile(
  books: readonly StatementLine[],
  statement: readonly StatementLine[],
  rulesInput: ReconRulesInput = {},
): ReconResult {
  const rules = parseRules(rulesInput);
  assertUniqueIds(books, 'books');
  assertUniqueIds(statement, 'statement');
  assertAmountsInRange(books, 'books');
  assertAmountsInRange(statement, 'statement');
  const state = new MatchState(books, statement, rules);
  matchByReference(state);
  matchByAmountAndDate(state);
  matchSubsets(state);

  const unmatched = {
    books: state.books.unmatched().map((i) => state.books.line(i).id),
    statement: state.statement.unmatched().map((i) => state.statement.line(i).id),
  };
  if (state.matchedBooks + unmatched.books.length !== books.length || state.matchedStatement + unmatched.statement.length !== statement.length) {
    throw new Error('reconcile lost or duplicated a line: matched + unmatched must equal the input');
  }
  const matches = state.matches;
  return { matches, unmatched };
}

/** The matcher's amount search splits amounts into 32-bit halves: they must be within the money limit. */
function assertAmountsInRange(lines: readonly StatementLine[], side: string): void {
  for (const line of lines) {
    if (line.amountMinor > MAX_AMOUNT_MINOR || line.amountMinor < -MAX_AMOUNT_MINOR) {
      throw new ReconInputError('bad_amount', `${side}: line "${line.id}" has an amount beyond the system limit`);
    }
  }
}
