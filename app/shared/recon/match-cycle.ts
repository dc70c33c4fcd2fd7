import type { ReconMatch } from './match-state';
import { assertUniqueIds, type StatementLine } from './statement-line';

/**
 * By cycle (many-to-one): a DNS cycle settles as one net movement on the account, so the
 * statement has one line per cycle while the books have each payment of it. A statement line
 * naming a cycle (its cycleId, or its reference equal to a books line's cycle) settles the books lines of that cycle when their signed sum is exactly its
 * amount, in the same currency. Anything else (two statement lines for a cycle, a sum that
 * differs, a cycle the books do not know) is left to the other rules and then to a person: a
 * cycle that does not add up is an exception, not a guess.
 */
export function matchByCycle(
  books: readonly StatementLine[],
  statement: readonly StatementLine[],
): { matches: ReconMatch[]; books: readonly StatementLine[]; statement: readonly StatementLine[] } {
  const key = (line: StatementLine) => (line.cycleId ? `${line.currency}\u0000${line.cycleId}` : null);
  // A statement file cannot say "cycle" in a field of its own: its net line names the cycle in
  // its reference ("2026-12-04/3", the bank reference of a camt.053 or MT940 entry).
  const booksCycles = new Set<string>();
  for (const line of books) {
    const k = key(line);
    if (k !== null) booksCycles.add(k);
  }
  const statementKey = (line: StatementLine) => {
    const own = key(line);
    if (own !== null || line.reference === null || booksCycles.size === 0) return own;
    const named = `${line.currency}\u0000${line.reference.trim()}`;
    return booksCycles.has(named) ? named : null;
  };
  const netLines = new Map<string, StatementLine[]>();
  for (const line of statement) {
    const k = statementKey(line);
    if (k === null) continue;
    const lines = netLines.get(k);
    if (lines === undefined) netLines.set(k, [line]);
    else lines.push(line);
  }
  // The common case (no cycles anywhere) costs one pass over each side and no copies.
  if (netLines.size === 0) return { matches: [], books, statement };
  // Checked here too: a repeated id split between this rule and the others would slip past.
  assertUniqueIds(books, 'books');
  assertUniqueIds(statement, 'statement');
  const cyclePayments = new Map<string, { ids: string[]; sumMinor: bigint }>();
  for (const line of books) {
    const k = key(line);
    if (k === null || !netLines.has(k)) continue;
    const group = cyclePayments.get(k) ?? { ids: [], sumMinor: 0n };
    group.ids.push(line.id);
    group.sumMinor += line.amountMinor;
    cyclePayments.set(k, group);
  }
  const matches: ReconMatch[] = [];
  const takenBooks = new Set<string>();
  const takenStatement = new Set<string>();
  for (const [k, lines] of netLines) {
    const group = cyclePayments.get(k);
    const net = lines[0];
    if (lines.length !== 1 || net === undefined || group === undefined || group.sumMinor !== net.amountMinor) continue;
    matches.push({ books: group.ids, statement: [net.id], rule: 'cycle-net', score: 1 });
    for (const id of group.ids) takenBooks.add(id);
    takenStatement.add(net.id);
  }
  return {
    matches,
    books: books.filter((l) => !takenBooks.has(l.id)),
    statement: statement.filter((l) => !takenStatement.has(l.id)),
  };
}
