/** A numbered schema change. Applied in order, each in its own transaction, exactly once. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
  /**
   * Statements run verbatim after `sql`, for bodies that hold ';' (PL/pgSQL functions), which
   * the ';' split of `sql` would cut.
   */
  statements?: readonly string[];
}
