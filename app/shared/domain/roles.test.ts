import { describe, expect, it } from 'vitest';
import { deskDecisionRefusal } from './roles';

const open = { status: 'open', hasSanctionsMatch: false };

describe('deskDecisionRefusal', () => {
  it('lets a risk officer take every action, sanctions match included', () => {
    for (const action of ['escalate', 'release', 'reject', 'confirm', 'refuse']) {
      expect(deskDecisionRefusal(['risk'], action, { status: 'open', hasSanctionsMatch: true })).toBeNull();
    }
  });
  it('lets a supervisor release, and confirm or refuse a pending release, without a list match', () => {
    expect(deskDecisionRefusal(['supervisor'], 'release', open)).toBeNull();
    expect(deskDecisionRefusal(['supervisor'], 'confirm', { status: 'pending_release', hasSanctionsMatch: false })).toBeNull();
    expect(deskDecisionRefusal(['supervisor'], 'refuse', { status: 'pending_release', hasSanctionsMatch: false })).toBeNull();
  });
  it('refuses a supervisor anything else', () => {
    expect(deskDecisionRefusal(['supervisor'], 'reject', open)).toBe('risk.supervisor_release_only');
    expect(deskDecisionRefusal(['supervisor'], 'reject', { status: 'pending_release', hasSanctionsMatch: false })).toBe('risk.supervisor_release_only');
    expect(deskDecisionRefusal(['supervisor'], 'confirm', { status: 'pending_reject', hasSanctionsMatch: false })).toBe('risk.supervisor_release_only');
    expect(deskDecisionRefusal(['supervisor'], 'release', { status: 'open', hasSanctionsMatch: true })).toBe('risk.sanctions_needs_officer');
  });
  it('refuses other roles', () => {
    expect(deskDecisionRefusal(['clerk', 'auditor'], 'release', open)).toBe('auth.forbidden');
  });
});
