import type { Role } from './operator';

/**
 * Role rules finer than "may call this handler" (that one is the handler spec's `roles`, checked
 * by `mayCall` in app/shared/contract). Main enforces them; the renderer asks the same function
 * so it offers no button main would refuse.
 */

/** Why a desk decision is refused for these roles, or null when they may take it. */
export type DeskRefusal = 'auth.forbidden' | 'risk.supervisor_release_only' | 'risk.sanctions_needs_officer';

/** What a supervisor may do at the risk desk (DESIGN §1: "release held payments"). */
const SUPERVISOR_DESK_ACTIONS: ReadonlySet<string> = new Set(['release', 'confirm', 'refuse']);

/**
 * A risk officer may take every desk action. A supervisor may release, and confirm or refuse
 * another's release — but not on an alert with a sanctions match: clearing a name against a
 * sanctions list is the risk officer's call alone.
 */
export function deskDecisionRefusal(
  roles: readonly Role[],
  action: string,
  alert: { status: string; hasSanctionsMatch: boolean },
): DeskRefusal | null {
  if (roles.includes('risk')) return null;
  if (!roles.includes('supervisor')) return 'auth.forbidden';
  if (!SUPERVISOR_DESK_ACTIONS.has(action) || (action !== 'release' && alert.status !== 'pending_release')) {
    return 'risk.supervisor_release_only';
  }
  if (alert.hasSanctionsMatch) return 'risk.sanctions_needs_officer';
  return null;
}
