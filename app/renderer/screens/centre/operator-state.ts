/** What the operator panel says of an account: disabled by a supervisor, locked after failed sign-ins, or in use. */
export type OperatorState = 'active' | 'locked' | 'disabled';

/** Disabled wins (a supervisor's decision); a lock counts only until its end (the house clears it then). */
export function operatorState(operator: { active: boolean; lockedUntil: string | null }, nowMs: number): OperatorState {
  if (!operator.active) return 'disabled';
  if (operator.lockedUntil !== null && Date.parse(operator.lockedUntil) > nowMs) return 'locked';
  return 'active';
}
