/**
 * A release or rejection above the four-eyes amount waits for a second risk officer: the one who
 * proposed it may not confirm or refuse it (main refuses with 'same_person'). The desk disables
 * those buttons for the proposer and says why, rather than refusing after the click.
 */
export function secondOfficerBlocked(action: string, pendingBy: string | null, me: string): boolean {
  return (action === 'confirm' || action === 'refuse') && pendingBy !== null && pendingBy === me;
}
