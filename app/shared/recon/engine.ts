import { matchByAmountAndDate } from './match-amount-date';
import { matchByCycle } from './match-cycle';
import { matchByReference } from './match-reference';
import { MatchState, type ReconMatch } from './match-state';
import { matchSubsets } from './match-subset';
import { parseRules, type ReconRulesInput } from './rules';
import type { StatementLine } from './statement-line';

export type { ReconMatch } from './match-state';

/** The steps of a run, in order: checking the input and making the columns, the three rules, the result. */
export type ReconPhase = 'input' | 'reference' | 'amount-date' | 'subset' | 'result';

export interface ReconcileOptions {
  /** Told as each phase ends (no clock in here: the caller times them if it wants, as the bench does). */
  onPhaseEnd?: (phase: ReconPhase) => void;
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
  options: ReconcileOptions = {},
): ReconResult {
  // Net lines of clearing cycles first: they settle whole groups of books lines by cycle id.
  const byCycle = matchByCycle(books, statement);
  if (byCycle.matches.length === 0) return reconcileByRules(books, statement, rulesInput, options);
  const rest = reconcileByRules(byCycle.books, byCycle.statement, rulesInput, options);
  return { matches: [...byCycle.matches, ...rest.matches], unmatched: rest.unmatched };
}

function reconcileByRules(
  books: readonly StatementLine[],
  statement: readonly StatementLine[],
  rulesInput: ReconRulesInput,
  options: ReconcileOptions,
): ReconResult {
  const phaseEnd = options.onPhaseEnd ?? (() => undefined);
  const rules = parseRules(rulesInput);
  // Makes each side's columns, refusing a repeated id, a bad date or an amount beyond the money limit.
  const state = new MatchState(books, statement, rules);
  phaseEnd('input');
  matchByReference(state);
  phaseEnd('reference');
  matchByAmountAndDate(state);
  phaseEnd('amount-date');
  matchSubsets(state);
  phaseEnd('subset');

  const unmatched = {
    books: Array.from(state.books.unmatched(), (i) => state.books.line(i).id),
    statement: Array.from(state.statement.unmatched(), (i) => state.statement.line(i).id),
  };
  if (state.matchedBooks + unmatched.books.length !== books.length || state.matchedStatement + unmatched.statement.length !== statement.length) {
    throw new Error('reconcile lost or duplicated a line: matched + unmatched must equal the input');
  }
  const matches = state.matches;
  phaseEnd('result');
  return { matches, unmatched };
}
