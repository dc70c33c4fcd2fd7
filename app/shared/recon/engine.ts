import { matchByAmountAndDate } from './match-amount-date';
import { matchByReference } from './match-reference';
import { MatchState } from './match-state';
import { matchSubsets } from './match-subset';
import { type MatchRule, parseRules, type ReconRulesInput } from './rules';
import { assertUniqueIds, type StatementLine } from './statement-line';

export interface ReconMatch {
  books: string[];
  statement: string[];
  rule: MatchRule;
  /** 0..1, three decimals: 1 is an exact reference with equal amounts. */
  score: number;
}

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
  const state = new MatchState(books, statement, rules);
  matchByReference(state);
  matchByAmountAndDate(state);
  matchSubsets(state);

  const matches = state.matches.map((m) => ({
    books: m.books.map((i) => state.books.line(i).id),
    statement: m.statement.map((i) => state.statement.line(i).id),
    rule: m.rule,
    score: Math.round(m.score * 1000) / 1000,
  }));
  const unmatched = {
    books: state.books.unmatched().map((i) => state.books.line(i).id),
    statement: state.statement.unmatched().map((i) => state.statement.line(i).id),
  };
  const matchedBooks = state.matches.reduce((n, m) => n + m.books.length, 0);
  const matchedStatement = state.matches.reduce((n, m) => n + m.statement.length, 0);
  if (matchedBooks + unmatched.books.length !== books.length || matchedStatement + unmatched.statement.length !== statement.length) {
    throw new Error('reconcile lost or duplicated a line: matched + unmatched must equal the input');
  }
  return { matches, unmatched };
}
